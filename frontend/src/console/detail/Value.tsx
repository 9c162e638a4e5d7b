/** One shown value (detail/format.ts): unanswered greyed, "don't know" in its own style, a "no" as a no. */
import type { Fact } from "../components/Facts";
import { t } from "../i18n";
import { answerShown, type Shown } from "./format";

export function Value({ shown }: { shown: Shown }) {
  return (
    <span class={`answer answer-${shown.state}`} data-answer={shown.state}>
      {shown.text}
    </span>
  );
}

/** A labelled fact whose value is shown by its state. */
export const fact = (label: string, shown: Shown, className?: string): Fact => [
  label,
  <Value shown={shown} />,
  className,
];

/**
 * A fact marked as a violation (detail/safeguards.ts), with the act's field ("detention.lawyerAllowed")
 * for tests and for the reader's eye.
 */
export const violationFact = (label: string, shown: Shown, field: string): Fact => [
  label,
  <strong class="violation" data-testid="paperwork-violation" data-field={field}>
    <Value shown={shown} /> — {t("report.violation")}
  </strong>,
  "violation-row",
];

/** A safeguard question (detail/safeguards.ts): a "no" is marked as a violation. */
export function safeguardFact(label: string, answer: unknown, field: string): Fact {
  const shown = answerShown(answer === "yes" || answer === "no" || answer === "dont_know" ? answer : null);
  return shown.state === "no" ? violationFact(label, shown, field) : fact(label, shown);
}
