import type { ReportDraftV2 } from "../../shared/report/draftV2";

/** A change to a v2 draft, as a function of the previous one (two quick changes never overwrite each other). */
export type UpdateV2 = (change: (draft: ReportDraftV2) => ReportDraftV2) => void;

/** What every step of the v2 form receives. Step ids are strings of `wizard/plan.ts`. */
export interface StepPropsV2 {
  draft: ReportDraftV2;
  update: UpdateV2;
  goTo: (step: string) => void;
}
