/**
 * Opens the reporter's database on the phone, or, when the browser will not let a site keep anything
 * (Chrome with cookies blocked for the site: `indexedDB.open` throws SecurityError; some in-app
 * WebViews; an open that errors or never answers), in this page's memory: the app then works the same,
 * keeps nothing, and says so (docs/reporter-app.md, "What holds on which engine").
 */
import { openKuaDb, type KuaDb } from "./db";

/** How long an open may stay unanswered before the browser is taken for one that keeps nothing. */
export const OPEN_TIMEOUT_MS = 10_000;

/** The database, and whether it lives only in memory (gone when the page closes). */
export interface OpenedDb {
  db: KuaDb;
  keepsNothing: boolean;
}

/** The "kua" database in memory: fake-indexeddb replaces the page's `indexedDB` (wipe.ts and idb use it). */
export async function memoryDatabase(): Promise<KuaDb> {
  await import("./memoryIndexedDb");
  return openKuaDb();
}

/**
 * The database on disk; in memory if opening it throws, fails or takes over `timeoutMs`. Not for a
 * VersionError: the phone holds a newer database (an older app was served), so its reports exist and
 * must not look gone behind a "nothing kept" banner; the app says it cannot start instead.
 */
export async function openDb(
  open: () => Promise<KuaDb> = openKuaDb,
  memory: () => Promise<KuaDb> = memoryDatabase,
  timeoutMs: number = OPEN_TIMEOUT_MS,
): Promise<OpenedDb> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onDisk = (async () => open())();
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`IndexedDB did not answer in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return { db: await Promise.race([onDisk, timedOut]), keepsNothing: false };
  } catch (error) {
    if (error instanceof DOMException && error.name === "VersionError") throw error;
    console.error("The phone's storage cannot be opened; nothing will be kept:", error);
    // A late answer must not leave a second connection open (it would block a wipe).
    onDisk.then((late) => late.close()).catch(() => undefined);
    return { db: await memory(), keepsNothing: true };
  } finally {
    clearTimeout(timer);
  }
}
