/** The list of all steps (at the bottom): the ones Next walks, then "more questions", then the review. */
import { t } from "../i18n";
import type { Plan, StepId } from "./plan";

interface Props {
  plan: Plan;
  current: StepId;
  onGo: (step: StepId) => void;
}

export function StepList({ plan, current, onGo }: Props) {
  const item = (step: StepId) => (
    <li key={step}>
      <button
        type="button"
        class="step-link"
        aria-current={step === current ? "step" : undefined}
        onClick={() => onGo(step)}
        data-testid={`step-link-${step}`}
      >
        {plan.sequence.includes(step) && <span class="step-number">{plan.sequence.indexOf(step) + 1}</span>}{" "}
        {t(`core.steps.${step}`)}
      </button>
    </li>
  );
  return (
    <details class="step-list">
      <summary>{t("wizard.allSteps")}</summary>
      <ol>{plan.sequence.filter((s) => s !== "review").map(item)}</ol>
      {plan.secondary.length > 0 && (
        <>
          <p class="step-group">{t("wizard.moreQuestions")}</p>
          <ul>{plan.secondary.map(item)}</ul>
        </>
      )}
      <ol>{item("review")}</ol>
    </details>
  );
}
