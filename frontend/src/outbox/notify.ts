/**
 * Opt-in pushes when a report's status changes. The push itself is generic and content-free
 * (src/sync/pushSubscription.ts subscribes and sw.ts shows it); here only: is it on, turn it on
 * for every report the phone can prove, turn it off. Nothing about it is stored by this app: the
 * browser's push subscription is the state.
 */
import type { NotifyState } from "../engine";

/** The push module's contract (src/sync/pushSubscription.ts). */
interface PushModule {
  subscribeForReports(reports: { reportId: string; reporterToken: string }[]): Promise<"on" | "denied" | "unsupported" | "failed">;
  unsubscribe(): Promise<unknown> | unknown;
}

// A glob, not a plain import(): it builds whether or not the push module is there yet.
const pushModules = import.meta.glob<PushModule>("../sync/pushSubscription.ts");

async function pushModule(): Promise<PushModule | null> {
  const load = Object.values(pushModules)[0];
  return load === undefined ? null : load();
}

async function currentSubscription(): Promise<PushSubscription | null | undefined> {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator) || typeof PushManager === "undefined") return undefined;
  const registration = await navigator.serviceWorker.getRegistration();
  return registration === undefined ? undefined : registration.pushManager.getSubscription();
}

/** "on" when this browser holds a push subscription, "unsupported" without Push, else "off"/"denied". */
export async function notifyState(): Promise<NotifyState> {
  try {
    const subscription = await currentSubscription();
    if (subscription === undefined) return "unsupported";
    if (subscription !== null) return "on";
    return typeof Notification !== "undefined" && Notification.permission === "denied" ? "denied" : "off";
  } catch {
    return "unsupported";
  }
}

/** Subscribes for `reports` (asks for permission the first time), or unsubscribes. */
export async function setNotify(on: boolean, reports: { reportId: string; reporterToken: string }[]): Promise<NotifyState> {
  const push = await pushModule();
  if (push === null) return "unsupported";
  if (!on) {
    try {
      await push.unsubscribe();
      return "off";
    } catch {
      return "failed";
    }
  }
  return push.subscribeForReports(reports).catch(() => "failed" as const);
}
