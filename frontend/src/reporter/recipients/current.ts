/**
 * The recipient list reports are sealed to: the newest verified one of the list shipped in the build,
 * the last one stored on the phone and the one the server publishes (GET /api/v1/recipients).
 *
 * The server's word counts for nothing: every list is verified against the root keys pinned in the
 * build. The highest seq ever accepted is remembered, so a compromised server cannot roll the phone
 * back to an older list (one that still names a reviewer since removed). Offline, a valid stored or
 * shipped list is enough to seal.
 */
import type { RecipientList } from "../../shared/crypto";
import { RecipientListError } from "../../shared/crypto/recipientListError";
import { getSetting, type KuaDb, type RecipientListSetting } from "../store/db";

/** What the build pins: root keys, threshold and the list current when it was built. */
export interface PinnedTrust {
  readonly rootPublicKeys: readonly string[];
  readonly threshold: number;
  readonly recipientList: string | null;
}

/** Everything list selection depends on, injectable for tests. */
export interface RecipientListContext {
  readonly db: KuaDb;
  readonly trust: PinnedTrust | null;
  readonly fetch: typeof fetch;
  /** Absolute base of the API ("https://host"); the page origin in the app. */
  readonly apiBase: string;
  readonly now: () => Date;
  readonly online: () => boolean;
}

/** Raised when no list at all is available to seal to (no build pin, nothing stored or published). */
export class NoRecipientListError extends Error {
  override readonly name = "NoRecipientListError";
  readonly code = "no_recipient_list";
}

const FETCH_TIMEOUT_MS = 4000;

function requireTrust(ctx: RecipientListContext): PinnedTrust {
  if (ctx.trust === null) throw new NoRecipientListError("This build pins no root keys: it cannot verify a list.");
  return ctx.trust;
}

/**
 * Verifies `text` and stores it if it is newer than the stored list. Throws `RecipientListError`
 * when it fails verification or rolls back below the highest seq accepted.
 */
export async function acceptRecipientList(ctx: RecipientListContext, text: string): Promise<RecipientList> {
  const trust = requireTrust(ctx);
  // Loaded on first use, not with the app (most of the app's weight); before the transaction opens.
  const { verifyRecipientList } = await import("../../shared/crypto");
  // Verification is synchronous, so reading the high-water mark and raising it is one transaction.
  const tx = ctx.db.transaction("settings", "readwrite");
  const stored = (await tx.store.get("recipientList")) as RecipientListSetting | undefined;
  let list: RecipientList;
  try {
    list = verifyRecipientList(text, { ...trust, minSeq: stored?.seq ?? 0, now: ctx.now() });
  } catch (error) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw error;
  }
  if (stored === undefined || list.seq > stored.seq) {
    await tx.store.put({ seq: list.seq, text }, "recipientList");
  }
  await tx.done;
  return list;
}

/** Fetches and accepts the server's list; null when unreachable or none is published. */
export async function fetchRecipientList(ctx: RecipientListContext): Promise<RecipientList | null> {
  let text: string;
  try {
    const response = await ctx.fetch(new URL("/api/v1/recipients", ctx.apiBase), {
      cache: "no-store",
      credentials: "omit",
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (!response.ok) return null;
    text = await response.text();
  } catch {
    return null;
  }
  return acceptRecipientList(ctx, text);
}

/**
 * The newest verified list to seal to. A fetched list that fails verification is refused (not
 * used) but does not block sealing to a valid stored or shipped one; with none valid, throws the
 * `RecipientListError` of the newest candidate (or `NoRecipientListError` when there is none).
 */
export async function currentRecipientList(ctx: RecipientListContext): Promise<RecipientList> {
  const trust = requireTrust(ctx);
  const errors: unknown[] = [];
  if (ctx.online()) {
    try {
      await fetchRecipientList(ctx);
    } catch (error) {
      errors.push(error);
    }
  }
  const stored = await getSetting(ctx.db, "recipientList");
  const candidates = [stored?.text, trust.recipientList].filter((text): text is string => typeof text === "string");
  let best: RecipientList | null = null;
  for (const text of candidates) {
    try {
      const list = await acceptRecipientList(ctx, text);
      if (best === null || list.seq > best.seq) best = list;
    } catch (error) {
      errors.push(error);
    }
  }
  if (best !== null) return best;
  const refusal = errors.find((error) => error instanceof RecipientListError);
  if (refusal !== undefined) throw refusal;
  throw new NoRecipientListError("No recipient list is available: connect once to fetch one.");
}
