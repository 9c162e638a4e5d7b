/**
 * What wakes the drain up. Background Sync exists only in Chromium browsers and gives up after a
 * few tries, so it is only one signal among: the app opening, the `online` event, the page becoming
 * visible, the worker's `sync` message, the backoff timer (src/sync/drain.ts) and "Send now".
 */
import { OUTBOX_SYNC_TAG, isDrainMessage } from "./messages";

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

/** Registers the service worker in production builds (the dev server has none); never throws. */
export async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  try {
    await navigator.serviceWorker.register("/sw.js", { type: "module", scope: "/" });
  } catch (error) {
    // The app works without it (no offline start, no Background Sync); say why in the console.
    console.error(error);
  }
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
