/**
 * The guided report: one step at a time, Back / Next and the step list at the bottom. Every
 * change is kept in memory and autosaved through the engine; only the minimum (a kind and consent
 * to record) is needed to send.
 */
import { useRef, useState } from "preact/hooks";

import { t } from "../i18n";
import { missingMinimum, type ReportDraft } from "../../shared/report/model";
import { Heading } from "../components/Heading";
import { useEngine } from "../engine/context";
import { ReviewStep } from "../steps/ReviewStep";
import type { Update } from "./draft";
import { planSteps, type StepId } from "./plan";
import { StepList } from "./StepList";
import { STEP_COMPONENTS } from "./steps";
import { useAutosave } from "./useAutosave";

interface Props {
  initial: ReportDraft;
  /** A draft not yet saved: saved at the first change (at once when it is "happening now"). */
  isNew: boolean;
  onSent: () => void;
}

export function Wizard({ initial, isNew, onSent }: Props) {
  const engine = useEngine();
  const current = useRef(initial);
  const [draft, setDraft] = useState(initial);
  const [stepId, setStepId] = useState<StepId>("what");
  const [showMissing, setShowMissing] = useState(false);
  const [sending, setSending] = useState(false);
  const [sendFailed, setSendFailed] = useState(false);
  const autosave = useAutosave(engine, initial, isNew && initial.happeningNow);

  const update: Update = (change) => {
    const next = { ...change(current.current), updatedAt: new Date().toISOString() };
    current.current = next;
    setDraft(next);
    autosave.changed(next);
  };

  const plan = planSteps(draft);
  const index = Math.max(0, plan.sequence.indexOf(stepId));
  const go = (step: StepId): void => {
    setShowMissing(false);
    setStepId(step);
  };

  const send = async (): Promise<void> => {
    if (missingMinimum(current.current).length > 0) {
      setShowMissing(true);
      requestAnimationFrame(() => document.getElementById("missing")?.scrollIntoView({ block: "center" }));
      return;
    }
    setSending(true);
    setSendFailed(false);
    try {
      await autosave.flush();
      await autosave.discard();
      await engine.submit(current.current);
      onSent();
    } catch {
      setSendFailed(true);
      setSending(false);
    }
  };

  const props = { draft, update, goTo: go };
  const Step = stepId === "review" ? null : STEP_COMPONENTS[stepId];
  const last = stepId === "review";
  return (
    <div class="wizard">
      <p class="step-of">{t("wizard.stepOf", { n: index + 1, total: plan.sequence.length })}</p>
      <Heading key={stepId}>{t(`wizard.steps.${stepId}`)}</Heading>
      {plan.secondary.includes(stepId) && (
        <div class="extra-note">
          <p>{t("wizard.extraNote")}</p>
          <button type="button" class="secondary" onClick={() => go("review")}>
            {t("wizard.toReview")}
          </button>
        </div>
      )}
      {index === 0 && <p class="hint">{t("wizard.skipHint")}</p>}
      {Step ? <Step {...props} /> : <ReviewStep {...props} showMissing={showMissing} />}
      <p class="status" role="status">
        {autosave.failed ? t("wizard.saveFailed") : ""}
        {sendFailed ? t("review.failed") : ""}
      </p>
      <nav class="step-nav" aria-label={t("wizard.allSteps")}>
        <button
          type="button"
          class="secondary"
          onClick={() => go(plan.sequence[index - 1] ?? "what")}
          disabled={index === 0}
          data-testid="step-back"
        >
          <span aria-hidden="true">← </span>
          {t("wizard.back")}
        </button>
        {last ? (
          <button type="button" class="primary" onClick={() => void send()} disabled={sending} data-testid="step-send">
            {sending ? t("wizard.sending") : t("wizard.send")}
          </button>
        ) : (
          <button
            type="button"
            class="primary"
            onClick={() => go(plan.sequence[index + 1] ?? "review")}
            data-testid="step-next"
          >
            {t("wizard.next")}
            <span aria-hidden="true"> →</span>
          </button>
        )}
      </nav>
      <StepList plan={plan} current={stepId} onGo={go} />
    </div>
  );
}
