/**
 * The wipe: everything this app stored on the phone goes, for when the phone may be taken. IndexedDB
 * (drafts, outbox, receipts, settings), every Cache Storage cache (the app shell) and the service
 * worker. Unsent reports are lost with it; the screen asking for the wipe says so.
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

/** Deletes the "kua" database, every cache and every service worker registration of this origin. */
export async function wipeEverything(closeDb: () => void = () => undefined): Promise<void> {
  closeDb();
  clearWebStorage();
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
  const failure = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failure !== undefined) throw failure.reason;
}
