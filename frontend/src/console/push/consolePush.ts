/**
 * The console's opt-in to Web Push (docs/push.md): register /review-sw.js for /review, subscribe
 * with the server's VAPID key, hand the subscription to the server; or the reverse. Every step that
 * can fail (no Push API, permission refused, no push service reachable) ends in a state the toggle
 * shows, never in an exception.
 */
import { base64urlnopad } from "@scure/base";

export type PushState = "off" | "on" | "unsupported" | "denied" | "failed";

export const WORKER_URL = "/review-sw.js";
export const WORKER_SCOPE = "/review";

/** What the browser offers (navigator.serviceWorker, Notification); tests give fakes. */
export interface PushBrowser {
  readonly serviceWorker: ServiceWorkerContainer | undefined;
  readonly pushSupported: boolean;
  permission(): NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
}

/** The server's side: its VAPID key, and the reviewer's subscription (PUT / DELETE). */
export interface PushServer {
  vapidPublicKey(): Promise<string>;
  subscribe(subscription: PushSubscriptionJSON): Promise<void>;
  unsubscribe(endpoint: string): Promise<void>;
}

export function browserPush(): PushBrowser {
  const hasNotification = typeof Notification !== "undefined";
  return {
    serviceWorker:
      typeof navigator !== "undefined" && "serviceWorker" in navigator ? navigator.serviceWorker : undefined,
    pushSupported: typeof PushManager !== "undefined" && hasNotification,
    permission: () => (hasNotification ? Notification.permission : "denied"),
    requestPermission: () => (hasNotification ? Notification.requestPermission() : Promise.resolve("denied")),
  };
}

async function existing(browser: PushBrowser): Promise<PushSubscription | null> {
  const registration = await browser.serviceWorker!.getRegistration(WORKER_SCOPE);
  return registration ? registration.pushManager.getSubscription() : null;
}

/** Whether this browser is subscribed now ("on"), could be ("off"), or cannot ("unsupported", "denied"). */
export async function pushState(browser: PushBrowser): Promise<PushState> {
  if (!browser.serviceWorker || !browser.pushSupported) return "unsupported";
  try {
    if (await existing(browser)) return "on";
  } catch {
    return "unsupported";
  }
  return browser.permission() === "denied" ? "denied" : "off";
}

/** Ask for permission, subscribe and tell the server; `body` is the notification's text. */
export async function turnOn(browser: PushBrowser, server: PushServer, body: string): Promise<PushState> {
  if (!browser.serviceWorker || !browser.pushSupported) return "unsupported";
  const permission = await browser.requestPermission().catch(() => "denied" as const);
  if (permission === "denied") return "denied";
  if (permission !== "granted") return "off"; // the question was dismissed
  let subscription: PushSubscription | null = null;
  try {
    const url = `${WORKER_URL}?${new URLSearchParams({ body }).toString()}`;
    const registration = await activated(await browser.serviceWorker.register(url, { scope: WORKER_SCOPE }));
    const applicationServerKey = new Uint8Array(base64urlnopad.decode(await server.vapidPublicKey()));
    subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
    await server.subscribe(subscription.toJSON());
    return "on";
  } catch {
    await subscription?.unsubscribe().catch(() => false);
    return "failed";
  }
}

/** Tell the server to stop, then drop the browser's subscription. */
export async function turnOff(browser: PushBrowser, server: PushServer): Promise<PushState> {
  if (!browser.serviceWorker) return "unsupported";
  try {
    const subscription = await existing(browser);
    if (subscription) {
      await server.unsubscribe(subscription.endpoint);
      await subscription.unsubscribe();
    }
    return "off";
  } catch {
    return "failed";
  }
}

/** The registration once its worker is active (pushManager.subscribe needs an active worker). */
function activated(registration: ServiceWorkerRegistration): Promise<ServiceWorkerRegistration> {
  const worker = registration.installing ?? registration.waiting;
  if (registration.active && !worker) return Promise.resolve(registration);
  return new Promise((resolve, reject) => {
    if (!worker) return reject(new Error("no service worker"));
    worker.addEventListener("statechange", () => {
      if (worker.state === "activated") resolve(registration);
      if (worker.state === "redundant") reject(new Error("the service worker failed to install"));
    });
  });
}
