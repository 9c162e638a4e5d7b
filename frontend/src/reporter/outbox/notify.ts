/**
 * Opt-in pushes when a report's status changes. The push itself is generic and content-free
 * (src/reporter/sync/pushSubscription.ts subscribes and sw.ts shows it); here only: is it on, turn it on
 * for every report the phone can prove, turn it off. Nothing about it is stored by this app: the
 * browser's push subscription is the state.
 */
import type { NotifyState } from "../engine/engine";

// Loaded only when the reporter turns notifications on or off: the first load of the app does not grow.
const pushModule = () => import("../sync/pushSubscription");

async function currentSubscription(): Promise<PushSubscription | null | undefined> {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator) || typeof PushManager === "undefined")
    return undefined;
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
export async function setNotify(
  on: boolean,
  reports: { reportId: string; reporterToken: string }[],
): Promise<NotifyState> {
  const push = await pushModule();
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
