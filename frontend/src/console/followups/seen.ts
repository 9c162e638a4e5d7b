/**
 * Which answers a reviewer has seen, so the queue can mark reports with a new one. Kept in this
 * browser's localStorage (report id → arrival time of the last answer shown): ids and times only,
 * never a text. Another console of the same reviewer keeps its own marks.
 */
import type { FollowupCounts } from "../apiTypes";

const KEY = "kua-review-answers-seen";
const MAX_MARKS = 5000;

type Marks = Record<string, string>;
type Store = Pick<Storage, "getItem" | "setItem">;

/** Whether the report has an answer that arrived after `seenAt` (any answer when never seen). */
export function hasNewAnswer(counts: FollowupCounts | undefined, seenAt: string | null): boolean {
  if (!counts || counts.answers === 0 || !counts.last_answer_at) return false;
  return seenAt === null || Date.parse(counts.last_answer_at) > Date.parse(seenAt);
}

export class SeenAnswers {
  private marks: Marks;

  constructor(private readonly store: Store | null) {
    this.marks = SeenAnswers.load(store);
  }

  private static load(store: Store | null): Marks {
    try {
      const parsed: unknown = JSON.parse(store?.getItem(KEY) ?? "{}");
      return typeof parsed === "object" && parsed !== null ? (parsed as Marks) : {};
    } catch {
      return {};
    }
  }

  /** When the last answer this browser showed for the report arrived; null if none was shown. */
  seenAt(reportId: string): string | null {
    return this.marks[reportId] ?? null;
  }

  /** Remembers that the answers up to `lastAnswerAt` were shown. */
  markSeen(reportId: string, lastAnswerAt: string): void {
    const before = this.marks[reportId];
    if (before !== undefined && Date.parse(before) >= Date.parse(lastAnswerAt)) return;
    const { [reportId]: _old, ...rest } = this.marks;
    const kept = Object.entries(rest).slice(-(MAX_MARKS - 1));
    this.marks = { ...Object.fromEntries(kept), [reportId]: lastAnswerAt };
    try {
      this.store?.setItem(KEY, JSON.stringify(this.marks));
    } catch {
      // A full or refused storage: the marks stay in memory for this page.
    }
  }
}

function browserStore(): Store | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

/** The console's marks (one per page). */
export const seenAnswers = new SeenAnswers(browserStore());
