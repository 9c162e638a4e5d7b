/**
 * The recipient list notes and case titles are sealed to: like a phone (src/reporter/recipients/current.ts),
 * the console trusts only a list that the root keys pinned in the build signed (src/shared/deployment.ts),
 * never one the server merely serves, and never one older than the newest it accepted before.
 */
import { RecipientListError, verifyRecipientList, type RecipientList } from "../../shared/crypto";
import { getReviewSetting, putReviewSetting, type ReviewDb } from "./store";

/** What the build pins. */
export interface PinnedTrust {
  readonly rootPublicKeys: readonly string[];
  readonly threshold: number;
  readonly recipientList: string | null;
}

export interface ListContext {
  readonly db: ReviewDb;
  readonly trust: PinnedTrust | null;
  readonly fetch: typeof fetch;
  readonly now: () => Date;
}

/** No list can be verified: the build pins no keys, or no candidate passes. */
export class NoVerifiedListError extends Error {
  override readonly name = "NoVerifiedListError";
}

async function published(ctx: ListContext): Promise<string | null> {
  try {
    const response = await ctx.fetch("/api/v1/recipients", { cache: "no-store", credentials: "omit" });
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}

/**
 * The newest list that verifies against the pinned root keys, among the published, the stored and
 * the shipped one; it becomes the stored high-water mark. Throws `NoVerifiedListError` (with the
 * first refusal as its cause) when none verifies.
 */
export async function verifiedRecipientList(ctx: ListContext): Promise<RecipientList> {
  const trust = ctx.trust;
  if (trust === null) throw new NoVerifiedListError("This build pins no root keys: it cannot verify a recipient list.");
  const stored = await getReviewSetting(ctx.db, "recipientList");
  const candidates = [await published(ctx), stored?.text ?? null, trust.recipientList].filter(
    (text): text is string => text !== null,
  );
  const refusals: RecipientListError[] = [];
  let best: { list: RecipientList; text: string } | null = null;
  for (const text of candidates) {
    try {
      const list = verifyRecipientList(text, { ...trust, minSeq: stored?.seq ?? 0, now: ctx.now() });
      if (best === null || list.seq > best.list.seq) best = { list, text };
    } catch (error) {
      if (!(error instanceof RecipientListError)) throw error;
      refusals.push(error);
    }
  }
  if (best === null) {
    throw new NoVerifiedListError("No recipient list verifies against the root keys of this build.", {
      cause: refusals[0],
    });
  }
  if (stored === undefined || best.list.seq > stored.seq) {
    await putReviewSetting(ctx.db, "recipientList", { seq: best.list.seq, text: best.text });
  }
  return best.list;
}
