/**
 * Sealing ahead of Send (issue 21): while the relative reads the review, the report is built, given
 * its keys and sealed to the verified list in memory, so that Send only queues the ciphertext and the
 * PUT starts. At 6x CPU, sealing after the tap (list, reply identity, check, seal, keys at rest) was
 * about 350 ms before the PUT with 1 reviewer, and over a second with 20 post-quantum reviewers.
 *
 * A preparation is used once, and only when what it sealed is what Send would seal: the same draft
 * (compared by a canonical serialization that leaves out the autosave's `updatedAt` and `step`), the
 * same list (seq and reviewers), the same lock state (what sealed the report's keys at rest), and at
 * most `PREPARED_FOR_MS` old, because the report's `deviceTime` says when it was sealed. Otherwise
 * Send seals afresh. It lives in memory only; the engine drops it on lock, quick exit, wipe and when
 * the relative leaves the review.
 */
import type { RecipientList } from "../../shared/crypto";
import type { ReportDraftV2 } from "../../shared/report/draftV2";
import type { SealedReport } from "./submit";

/** How old a prepared seal may be at Send: its `deviceTime` is that much before the tap at most. */
export const PREPARED_FOR_MS = 2 * 60_000;

/** What a seal depends on besides the draft: the list and how secrets are kept at rest now. */
export interface SealingBasis {
  readonly list: RecipientList;
  /** The lock's state as it decides `sealAtRest` (lock key, or owner key while locked). */
  readonly atRest: string;
}

/** `value` as JSON with every object's keys sorted: equal drafts give equal text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** What decides the sealed bytes of a draft: its answers (not when it was saved or where the wizard was). */
export function canonicalDraft(draft: ReportDraftV2): string {
  const { updatedAt: _updatedAt, step: _step, ...answers } = draft;
  return canonicalJson(answers);
}

function basisKey({ list, atRest }: SealingBasis): string {
  return `${list.seq}\n${atRest}\n${list.recipients.map((entry) => entry.recipient).join("\n")}`;
}

interface Preparation {
  readonly draft: string;
  readonly basis: string;
  readonly sealed: Promise<SealedReport | null>;
}

/**
 * One report sealed ahead of Send. A new draft or basis starts a new seal at once: one still running
 * for the old one is discarded when it ends (on the review only the consent boxes change the draft, and
 * a newer list arrives rarely), and Send waits for the one that matches instead of sealing afresh.
 */
export class PreparedSeal {
  private current: Preparation | null = null;

  constructor(
    /** Seals `draft` to `basis.list` now, as Send would (`sealDraft`). */
    private readonly seal: (draft: ReportDraftV2, basis: SealingBasis) => Promise<SealedReport>,
    private readonly now: () => number,
  ) {}

  /** Seals `draft` to `basis` unless that is prepared (or being prepared) already. */
  prepare(draft: ReportDraftV2, basis: SealingBasis): void {
    const wanted = { draft: canonicalDraft(draft), basis: basisKey(basis) };
    if (this.current?.draft === wanted.draft && this.current.basis === wanted.basis) return;
    const sealed = this.seal(draft, basis).catch((error: unknown) => {
      console.warn(error);
      return null;
    });
    const preparation = { ...wanted, sealed };
    this.current = preparation;
    // A seal that failed is not kept: the next review tries again.
    void sealed.then((result) => {
      if (result === null && this.current === preparation) this.current = null;
    });
  }

  /**
   * The prepared seal of `draft` if it was sealed to `basis` at most `PREPARED_FOR_MS` ago (waiting
   * for it if it is being sealed), else null. Either way the preparation is used up.
   */
  async take(draft: ReportDraftV2, basis: SealingBasis): Promise<SealedReport | null> {
    const prepared = this.current;
    this.drop();
    if (prepared?.draft !== canonicalDraft(draft) || prepared.basis !== basisKey(basis)) return null;
    const sealed = await prepared.sealed;
    if (sealed === null) return null;
    const age = this.now() - sealed.sealedAt;
    return age >= 0 && age <= PREPARED_FOR_MS ? sealed : null;
  }

  /** Forgets the preparation (a seal still running is discarded when it ends). */
  drop(): void {
    this.current = null;
  }

  /** Whether a preparation is held (for tests: none survives a lock or a wipe). */
  holds(): boolean {
    return this.current !== null;
  }
}
