/**
 * The wipe: everything this app stored on the phone goes, for when the phone may be taken. IndexedDB
 * (drafts, outbox, receipts, settings), every Cache Storage cache (the app shell), the push
 * subscription and the service worker. Then the server is told (`POST /api/v1/wipe`, best effort):
 * it forgets the push subscription and answers with `Clear-Site-Data`, which clears whatever of
 * this origin the app could not reach. Unsent reports are lost with it; the screen asking says so.
 */
import { DB_NAME } from "../store/db";

/** Deletes a database by name; resolves once deleted (or when another connection blocks it, after closing). */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete database ${name}.`));
    // Other tabs close their connection on `versionchange` (src/reporter/store/db.ts), then this succeeds.
    request.onblocked = () => undefined;
  });
}

/** Kua keeps nothing in Web Storage; cleared anyway in case a library or an older version did. */
function clearWebStorage(): void {
  for (const name of ["localStorage", "sessionStorage"] as const) {
    try {
      globalThis[name]?.clear();
    } catch {
      // Storage may be disabled or absent (Node); nothing to clear then.
    }
  }
}

/** How long the wipe waits for the server: offline, the phone is wiped all the same. */
const TELL_SERVER_MS = 5_000;

/** The push subscription's endpoint, if this browser has one (read before the worker goes). */
async function pushEndpoint(): Promise<string | null> {
  try {
    if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return null;
    const registration = await navigator.serviceWorker.getRegistration();
    const subscription = await registration?.pushManager?.getSubscription();
    if (!subscription) return null;
    await subscription.unsubscribe().catch(() => false);
    return subscription.endpoint;
  } catch {
    return null;
  }
}

/** Where the wipe tells the server; `fetch` null: not at all (unit tests). */
export interface WipeServer {
  fetch: typeof fetch | null;
  apiBase: string;
}

/** `POST /api/v1/wipe`: the server forgets the subscription and sends `Clear-Site-Data`. Never throws. */
async function tellServer(server: WipeServer, endpoint: string | null): Promise<void> {
  if (server.fetch === null) return;
  try {
    await server.fetch(new URL("/api/v1/wipe", server.apiBase).href, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ push_endpoint: endpoint }),
      cache: "no-store",
      signal: AbortSignal.timeout(TELL_SERVER_MS),
    });
  } catch {
    // Offline or refused: everything on the phone is gone all the same.
  }
}

/** Deletes the "kua" database, every cache, the push subscription and every service worker of this origin. */
export async function wipeEverything(
  closeDb: () => void = () => undefined,
  server: WipeServer = { fetch: null, apiBase: "" },
): Promise<void> {
  closeDb();
  clearWebStorage();
  const endpoint = await pushEndpoint();
  const steps: Promise<unknown>[] = [deleteDatabase(DB_NAME)];
  if (typeof caches !== "undefined") {
    steps.push(caches.keys().then((names) => Promise.all(names.map((name) => caches.delete(name)))));
  }
  if (typeof navigator !== "undefined" && "serviceWorker" in navigator) {
    steps.push(
      navigator.serviceWorker
        .getRegistrations()
        .then((registrations) => Promise.all(registrations.map((registration) => registration.unregister()))),
    );
  }
  // Every step is tried even if one fails; the first failure is then reported.
  const results = await Promise.allSettled(steps);
  await tellServer(server, endpoint);
  const failure = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failure !== undefined) throw failure.reason;
}

/**
 * The duress PIN's wipe (src/reporter/store/duress.ts): the database with every draft, receipt, key and
 * answer goes, and the push subscription (the server is told through the ordinary opt-out, so it
 * forgets it); the app shell's cache and the service worker stay, as a fresh install has them, so the
 * app reopens at once, offline too, looking freshly installed.
 */
export async function wipeUnderDuress(closeDb: () => void, server: WipeServer): Promise<void> {
  closeDb();
  clearWebStorage();
  const endpoint = await pushEndpoint();
  await deleteDatabase(DB_NAME);
  if (endpoint !== null && server.fetch !== null) {
    await server
      .fetch(new URL("/api/v1/reports/push-subscription/delete", server.apiBase).href, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ endpoint }),
        cache: "no-store",
        signal: AbortSignal.timeout(TELL_SERVER_MS),
      })
      .catch(() => undefined);
  }
}
