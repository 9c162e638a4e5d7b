/**
 * What wakes the drain up. Background Sync exists only in Chromium browsers and gives up after a
 * few tries, so it is only one signal among: the app opening, the `online` event, the page becoming
 * visible, the worker's `sync` message, the backoff timer (src/reporter/sync/drain.ts) and "Send now".
 */
import { OUTBOX_SYNC_TAG, isDrainMessage, updateMessage } from "./messages";

/** Where the page-side signals come from (the real window and navigator by default). */
export interface TriggerSources {
  readonly window: Pick<Window, "addEventListener" | "removeEventListener">;
  readonly document: Pick<Document, "addEventListener" | "removeEventListener" | "visibilityState">;
  readonly serviceWorker: Pick<ServiceWorkerContainer, "addEventListener" | "removeEventListener"> | undefined;
}

/** Calls `wake` on `online`, on becoming visible and on the worker's drain message; returns the uninstaller. */
export function installTriggers(wake: () => void, sources: TriggerSources = browserSources()): () => void {
  const onVisibility = (): void => {
    if (sources.document.visibilityState === "visible") wake();
  };
  const onMessage = (event: MessageEvent): void => {
    if (isDrainMessage(event.data)) wake();
  };
  sources.window.addEventListener("online", wake);
  sources.document.addEventListener("visibilitychange", onVisibility);
  sources.serviceWorker?.addEventListener("message", onMessage);
  return () => {
    sources.window.removeEventListener("online", wake);
    sources.document.removeEventListener("visibilitychange", onVisibility);
    sources.serviceWorker?.removeEventListener("message", onMessage);
  };
}

function browserSources(): TriggerSources {
  return { window, document, serviceWorker: navigator.serviceWorker };
}

/**
 * Registers the service worker in production builds (the dev server has none); never throws. On a cold load
 * public/register-sw.js has registered it already: this returns that registration, to watch for updates.
 */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return null;
  try {
    return await navigator.serviceWorker.register("/sw.js", { type: "module", scope: "/" });
  } catch (error) {
    // The app works without it (no offline start, no Background Sync); say why in the console.
    console.error(error);
    return null;
  }
}

/**
 * Calls `onReady` when a new version of the app is installed and waits to take over (now, or when
 * the browser finds one later). A first install is not an update: nothing controlled the page yet.
 */
export function watchForUpdate(registration: ServiceWorkerRegistration, onReady: () => void): void {
  const check = (): void => {
    if (registration.waiting && navigator.serviceWorker.controller) onReady();
  };
  registration.addEventListener("updatefound", () => {
    const installing = registration.installing;
    installing?.addEventListener("statechange", () => {
      if (installing.state === "installed") check();
    });
  });
  check();
}

/** Lets the waiting version take over and reloads the page into it (drafts are saved as typed). */
export function applyUpdate(registration: ServiceWorkerRegistration): void {
  if (!registration.waiting) return;
  navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
  registration.waiting.postMessage(updateMessage);
}

/** Background Sync's registration, typed here because the DOM library does not have it yet. */
interface SyncCapableRegistration {
  readonly sync?: { register(tag: string): Promise<void> };
}

/** Asks the browser to wake the worker when the network is back (Chromium only); never throws. */
export async function requestBackgroundSync(): Promise<void> {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  try {
    const registration = (await navigator.serviceWorker.getRegistration()) as SyncCapableRegistration | undefined;
    await registration?.sync?.register(OUTBOX_SYNC_TAG);
  } catch {
    // Firefox, Safari and WebViews have no Background Sync; the other triggers cover them.
  }
}
