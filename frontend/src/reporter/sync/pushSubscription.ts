/**
 * A family's opt-in to pushes about its reports (docs/push.md), loaded only when asked for (a
 * dynamic import: the first load of the app does not grow). The phone subscribes its service worker
 * (/sw.js, which shows every push as the same neutral notification) with the server's VAPID key and
 * sends the subscription with the reports it can prove, each with its reporter token. The server
 * then follows exactly those reports; a status change of one of them sends a content-free push.
 */

export type PushOutcome = "on" | "denied" | "unsupported" | "failed";

/** At most this many reports per request (the server's limit): the newest ones, listed last. */
export const MAX_REPORTS = 100;

interface ReportClaim {
  reportId: string;
  reporterToken: string;
}

function supported(): boolean {
  return (
    typeof navigator !== "undefined" &&
    "serviceWorker" in navigator &&
    typeof PushManager !== "undefined" &&
    typeof Notification !== "undefined"
  );
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

function sameKey(subscription: PushSubscription, key: Uint8Array): boolean {
  const current = subscription.options.applicationServerKey;
  if (!current) return false;
  const bytes = new Uint8Array(current);
  return bytes.length === key.length && bytes.every((byte, i) => byte === key[i]);
}

async function registration(): Promise<ServiceWorkerRegistration | undefined> {
  const found = await navigator.serviceWorker.getRegistration("/");
  if (found?.active) return found;
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10_000));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

/** Subscribe this phone for pushes when one of `reports` changes status (asks for permission first). */
export async function subscribeForReports(reports: ReportClaim[]): Promise<PushOutcome> {
  if (!supported()) return "unsupported";
  if (reports.length === 0) return "failed";
  const permission = await Notification.requestPermission().catch(() => "denied" as const);
  if (permission !== "granted") return "denied";
  try {
    const worker = await registration();
    if (!worker) return "failed";
    const answer = await fetch("/api/v1/push/key");
    if (!answer.ok) return "failed";
    const key = fromBase64url(((await answer.json()) as { vapid_public_key: string }).vapid_public_key);
    let subscription = await worker.pushManager.getSubscription();
    if (subscription && !sameKey(subscription, key)) {
      await subscription.unsubscribe(); // made for an older server key: it would no longer work
      subscription = null;
    }
    subscription ??= await worker.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    const claims = reports.slice(-MAX_REPORTS).map((r) => ({ report_id: r.reportId, reporter_token: r.reporterToken }));
    const sent = await post("/api/v1/reports/push-subscription", {
      subscription: subscription.toJSON(),
      reports: claims,
    });
    return sent.status === 204 ? "on" : "failed";
  } catch {
    return "failed";
  }
}

/** Stop pushes: the browser drops its subscription, and the server is told (if it can be reached). */
export async function unsubscribe(): Promise<void> {
  if (!supported()) return;
  const worker = await navigator.serviceWorker.getRegistration("/");
  const subscription = await worker?.pushManager.getSubscription();
  if (!subscription) return;
  await post("/api/v1/reports/push-subscription/delete", { endpoint: subscription.endpoint }).catch(() => undefined);
  await subscription.unsubscribe();
}
