/**
 * "Add details" to a sent report (often a three-screen "happening now" one): a new full report,
 * prefilled with the same people, place, time and kinds, whose sealed report names the first in
 * `addsTo`. What it is prefilled from is kept with the report's own keys (store/reportKeys.ts),
 * encrypted like drafts, so it opens only while the phone is unlocked.
 */
import { emptyDraftV2, type ReportDraftV2 } from "../../shared/report/draftV2";
import type { ReportV2 } from "../../shared/report/v2";
import type { ReportLabel } from "./label";

/** What an addition starts from. */
export type AdditionBasis = Pick<ReportV2, "kinds" | "when" | "where" | "people">;

/** The basis of a draft about to be sealed. */
export function additionBasis(draft: ReportDraftV2): AdditionBasis {
  return { kinds: draft.kinds, when: draft.when, where: draft.where, people: draft.people };
}

/**
 * A new draft adding details to report `reportId`, not "happening now". Reports sealed before
 * additions existed have only their label: kinds, village and time carry over, people do not.
 */
export function additionDraft(
  reportId: string,
  basis: AdditionBasis | null,
  label: ReportLabel | null,
  language: string,
  draftId: string,
  now: Date,
): ReportDraftV2 {
  const draft = emptyDraftV2(language, draftId, now);
  const from: Partial<AdditionBasis> = basis ?? {
    ...(label && {
      kinds: label.kinds,
      when: label.when,
      where: { ...draft.where, village: label.village, other: label.otherPlace },
    }),
  };
  return { ...draft, ...from, addsTo: reportId, happeningNow: false };
}
