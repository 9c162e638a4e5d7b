/**
 * The recipient list reports are sealed to: the newest verified one of the list shipped in the build
 * and the last one stored on the phone. Sealing never waits on the network: on 2G a round trip before
 * every Send was most of the time to a receipt (issue 21). The server's list (GET /api/v1/recipients)
 * is fetched in the background (`refreshRecipientList`) with `If-None-Match`, and only a phone with no
 * valid list at all (first run, everything expired) fetches before sealing.
 *
 * The server's word counts for nothing: every list is verified against the root keys pinned in the
 * build. The highest seq ever accepted is remembered, so a compromised server cannot roll the phone
 * back to an older list (one that still names a reviewer since removed).
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

/** What a background refresh found: a newer list accepted, the same list (304 or same bytes), or nothing. */
export type RefreshOutcome =
  | { readonly kind: "newer"; readonly list: RecipientList }
  | { readonly kind: "unchanged" }
  | { readonly kind: "unavailable" };

// A first run waits for the list before sealing: give up soon enough to say so.
const FIRST_FETCH_TIMEOUT_MS = 4000;
// Nothing waits on a background refresh; 2G with a busy cell can take this long for a few KB.
const REFRESH_TIMEOUT_MS = 60_000;

function requireTrust(ctx: RecipientListContext): PinnedTrust {
  if (ctx.trust === null) throw new NoRecipientListError("This build pins no root keys: it cannot verify a list.");
  return ctx.trust;
}

/**
 * Verifies `text` and stores it (with the server's `etag`, if given) if it is newer than the stored
 * list. Throws `RecipientListError` when it fails verification or rolls back below the highest seq
 * accepted; a refused list is never stored.
 */
export async function acceptRecipientList(
  ctx: RecipientListContext,
  text: string,
  etag?: string,
): Promise<RecipientList> {
  return (await accept(ctx, text, etag)).list;
}

async function accept(
  ctx: RecipientListContext,
  text: string,
  etag?: string,
): Promise<{ list: RecipientList; newer: boolean }> {
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
  const newer = stored === undefined || list.seq > stored.seq;
  if (newer || (etag !== undefined && stored.text === text && stored.etag !== etag)) {
    const setting: RecipientListSetting = etag === undefined ? { seq: list.seq, text } : { seq: list.seq, text, etag };
    await tx.store.put(setting, "recipientList");
  }
  await tx.done;
  return { list, newer };
}

/**
 * Asks the server for its list, sending the stored list's ETag as `If-None-Match`: a 304 (nothing
 * new) costs no verification. A served list is verified and stored if newer; a refused one throws
 * `RecipientListError` and is not stored.
 */
export async function refreshRecipientList(
  ctx: RecipientListContext,
  timeoutMs = REFRESH_TIMEOUT_MS,
): Promise<RefreshOutcome> {
  const stored = await getSetting(ctx.db, "recipientList");
  const headers: Record<string, string> = {};
  if (stored?.etag !== undefined) headers["If-None-Match"] = stored.etag;
  let response: Response;
  let text: string;
  try {
    // no-store: the phone keeps the list itself (IndexedDB), and answers its 304 itself.
    response = await ctx.fetch(new URL("/api/v1/recipients", ctx.apiBase), {
      cache: "no-store",
      credentials: "omit",
      headers,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status === 304) return { kind: "unchanged" };
    if (!response.ok) return { kind: "unavailable" };
    text = await response.text();
  } catch {
    return { kind: "unavailable" };
  }
  const { list, newer } = await accept(ctx, text, response.headers.get("ETag") ?? undefined);
  return newer ? { kind: "newer", list } : { kind: "unchanged" };
}

/** Fetches and accepts the server's list; null when unreachable, unchanged or none is published. */
export async function fetchRecipientList(ctx: RecipientListContext): Promise<RecipientList | null> {
  const outcome = await refreshRecipientList(ctx, FIRST_FETCH_TIMEOUT_MS);
  return outcome.kind === "newer" ? outcome.list : null;
}

/**
 * Lists already verified in this page, by their text: verifying both held lists again on every Send
 * (Ed25519 signatures, parsing 57 KB with 20 post-quantum reviewers) was about 140 ms at 6x CPU. The
 * text and the pinned keys do not change, so only the clock and the rollback mark are checked again.
 */
const verifiedTexts = new WeakMap<RecipientListContext, Map<string, RecipientList>>();

/** The list `text` verified earlier in this page, if it is still in its validity window and not rolled back. */
function stillVerified(ctx: RecipientListContext, text: string, minSeq: number): RecipientList | null {
  const list = verifiedTexts.get(ctx)?.get(text);
  if (list === undefined) return null;
  const now = ctx.now().getTime();
  const valid = list.seq >= minSeq && now >= list.notBefore.getTime() && now < list.notAfter.getTime();
  return valid ? list : null;
}

function rememberVerified(
  ctx: RecipientListContext,
  texts: readonly string[],
  text: string,
  list: RecipientList,
): void {
  const known = verifiedTexts.get(ctx) ?? new Map<string, RecipientList>();
  // Only the lists still held: a replaced stored list is forgotten.
  for (const old of known.keys()) if (!texts.includes(old)) known.delete(old);
  known.set(text, list);
  verifiedTexts.set(ctx, known);
}

/** The newest valid of the stored and shipped lists, and the refusals of the others. */
async function newestHeld(
  ctx: RecipientListContext,
  trust: PinnedTrust,
  errors: unknown[],
): Promise<RecipientList | null> {
  const stored = await getSetting(ctx.db, "recipientList");
  const candidates = [stored?.text, trust.recipientList].filter((text): text is string => typeof text === "string");
  let best: RecipientList | null = null;
  for (const text of candidates) {
    try {
      let list = stillVerified(ctx, text, stored?.seq ?? 0);
      if (list === null) {
        list = await acceptRecipientList(ctx, text);
        rememberVerified(ctx, candidates, text, list);
      }
      if (best === null || list.seq > best.seq) best = list;
    } catch (error) {
      errors.push(error);
    }
  }
  return best;
}

/**
 * The newest verified list to seal to, without touching the network while a valid stored or shipped
 * list exists. Only with none valid (first run) is the server asked, once; with still none valid,
 * throws the `RecipientListError` of the newest candidate (or `NoRecipientListError` when there is none).
 */
export async function currentRecipientList(ctx: RecipientListContext): Promise<RecipientList> {
  const trust = requireTrust(ctx);
  const errors: unknown[] = [];
  const held = await newestHeld(ctx, trust, errors);
  if (held !== null) return held;
  if (ctx.online()) {
    try {
      const fetched = await fetchRecipientList(ctx);
      if (fetched !== null) return fetched;
    } catch (error) {
      errors.unshift(error);
    }
  }
  const refusal = errors.find((error) => error instanceof RecipientListError);
  if (refusal !== undefined) throw refusal;
  throw new NoRecipientListError("No recipient list is available: connect once to fetch one.");
}
