/**
 * The wizard's steps and their order. Next walks only the steps that matter for the kinds the
 * reporter ticked, then the review; the others stay in the step list as "more questions"
 * (skipping hides nothing). A report marked "happening now" is three screens: who and where,
 * what is happening, send.
 */
import type { IncidentKind } from "../../shared/report/v2";
import type { ReportDraftV2 } from "../../shared/report/draftV2";

export const STEPS = [
  "now_who_where",
  "now_what",
  "what",
  "consent",
  "when_where",
  "people",
  "perpetrators",
  "detention",
  "search",
  "interrogation",
  "ill_treatment",
  "injuries",
  "medical",
  "relatives",
  "complaints",
  "documents",
  "reporter",
  "account",
  "review",
] as const;
export type StepId = (typeof STEPS)[number];

/** Whether `step` is one of the wizard's step ids (a stored `draft.step` may come from another version). */
export const isStepId = (step: unknown): step is StepId => (STEPS as readonly unknown[]).includes(step);

/** Steps asked only when one of these kinds is ticked. */
const RELEVANT_FOR: Partial<Record<StepId, IncidentKind[]>> = {
  perpetrators: ["detention", "search", "interrogation", "torture", "threats", "paperwork"],
  detention: ["detention", "paperwork"],
  search: ["search"],
  interrogation: ["interrogation", "threats"],
  ill_treatment: ["torture"],
  injuries: ["torture", "detention"],
  medical: ["torture"],
  relatives: ["harm_to_relatives"],
  complaints: ["detention", "torture"],
};

/** Asked in every full report (papers come with any incident: documents too). */
const ESSENTIAL: StepId[] = ["what", "consent", "when_where", "people", "documents", "reporter", "account", "review"];
/** The whole of a "happening now" report: who and where, what is happening, send (consent is on the review). */
const URGENT: StepId[] = ["now_who_where", "now_what", "review"];
const URGENT_ONLY: StepId[] = ["now_who_where", "now_what"];

export interface Plan {
  /** What Next walks through, in order, the review last. */
  sequence: StepId[];
  /** The other steps ("more questions"), reachable from the step list. */
  secondary: StepId[];
}

/**
 * The plan for `draft`; `available` says which steps the app can show (a step without a screen is
 * skipped, so the wizard never lands on an empty page).
 */
export function planSteps(
  draft: Pick<ReportDraftV2, "kinds" | "happeningNow">,
  available: (step: StepId) => boolean = () => true,
): Plan {
  const relevant = (step: StepId): boolean => {
    if (draft.happeningNow) return URGENT.includes(step);
    if (URGENT_ONLY.includes(step)) return false;
    if (ESSENTIAL.includes(step)) return true;
    const kinds = RELEVANT_FOR[step] ?? [];
    return draft.kinds.length === 0 ? step === "perpetrators" : kinds.some((kind) => draft.kinds.includes(kind));
  };
  const shown = STEPS.filter((step) => step === "review" || available(step));
  return {
    sequence: shown.filter(relevant),
    // The short path's own screens make no sense once the report is a full one.
    secondary: shown.filter((step) => !relevant(step) && !(URGENT_ONLY.includes(step) && !draft.happeningNow)),
  };
}

/** Where Next goes from `step`: the next step of the sequence after it in the form's order (the review last). */
export function nextStep(plan: Plan, step: StepId): StepId {
  const at = STEPS.indexOf(step);
  return plan.sequence.find((s) => STEPS.indexOf(s) > at) ?? "review";
}

/** Where Back goes from `step`: the sequence's step before it in the form's order, or null at the first. */
export function previousStep(plan: Plan, step: StepId): StepId | null {
  const at = STEPS.indexOf(step);
  return [...plan.sequence].reverse().find((s) => STEPS.indexOf(s) < at) ?? null;
}
