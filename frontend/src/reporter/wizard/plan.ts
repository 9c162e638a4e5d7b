/**
 * The wizard's steps and their order. Steps that matter for the kinds the reporter ticked come
 * first; the others follow as "more questions" (skipping hides nothing: every step stays in the
 * list). A report marked "happening now" asks only the essentials first.
 */
import type { IncidentKind, ReportDraft } from "../../shared/report/model";

export const STEPS = [
  "what",
  "when_where",
  "victims",
  "perpetrators",
  "detention",
  "search",
  "interrogation",
  "torture",
  "injuries",
  "medical",
  "relatives",
  "reporter",
  "account",
  "review",
] as const;
export type StepId = (typeof STEPS)[number];

/** Steps asked only when one of these kinds is ticked. */
const RELEVANT_FOR: Partial<Record<StepId, IncidentKind[]>> = {
  perpetrators: ["detention", "search", "interrogation", "torture", "threats", "paperwork"],
  detention: ["detention", "paperwork"],
  search: ["search"],
  interrogation: ["interrogation", "threats"],
  torture: ["torture"],
  injuries: ["torture", "detention"],
  medical: ["torture"],
  relatives: ["harm_to_relatives"],
};

const ESSENTIAL: StepId[] = ["what", "when_where", "reporter", "account", "review"];

export interface Plan {
  /** The steps asked first, in order (the review last). */
  primary: StepId[];
  /** The other steps ("more questions"). */
  secondary: StepId[];
  /** What Next walks through: primary steps, then secondary ones, then the review. */
  sequence: StepId[];
}

export function planSteps(draft: Pick<ReportDraft, "kinds" | "happeningNow">): Plan {
  const relevant = (step: StepId): boolean => {
    if (ESSENTIAL.includes(step)) return true;
    if (draft.happeningNow) return false;
    if (step === "victims") return true;
    const kinds = RELEVANT_FOR[step] ?? [];
    return draft.kinds.length === 0 ? step === "perpetrators" : kinds.some((kind) => draft.kinds.includes(kind));
  };
  const primary = STEPS.filter(relevant);
  const secondary = STEPS.filter((step) => !relevant(step));
  return { primary, secondary, sequence: [...primary.filter((s) => s !== "review"), ...secondary, "review"] };
}
