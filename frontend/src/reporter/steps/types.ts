import type { ReportDraft } from "../../shared/report/model";
import type { StepId } from "../wizard/plan";
import type { Update } from "../wizard/draft";

/** What every wizard step receives. */
export interface StepProps {
  draft: ReportDraft;
  update: Update;
  goTo: (step: StepId) => void;
}
