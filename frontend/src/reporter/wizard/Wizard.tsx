/**
 * The guided report: one step at a time, Back / Next and the step list at the bottom. Every
 * change is kept in memory and autosaved through the engine, with the step the reporter is on (a
 * draft reopens there). Send stays enabled: with something missing it says what, on the review.
 */
import { useEffect, useRef, useState } from "preact/hooks";

import { t } from "../i18n";
import { missingToSend, type ReportDraftV2 } from "../../shared/report/draftV2";
import { Heading } from "../components/Heading";
import { useEngine } from "../engine/context";
import { shownErrorCode, type EngineErrorCode } from "../outbox/errors";
import { ReviewStep } from "../steps/ReviewStep";
import type { UpdateV2 } from "../steps/typesV2";
import { isStepId, nextStep, planSteps, previousStep, type StepId } from "./plan";
import { SendButton } from "./SendButton";
import { StepList } from "./StepList";
import { hasScreen, STEP_COMPONENTS } from "./steps";
import { useAutosave } from "./useAutosave";

interface Props {
  initial: ReportDraftV2;
  /** A draft not yet saved: saved at the first change (at once when it is "happening now"). */
  isNew: boolean;
  onSent: () => void;
}

/** What the send screen says for an engine error code (others: "review.failed"). */
const SEND_FAILED: Partial<Record<EngineErrorCode, string>> = {
  invalid: "core.sendInvalid",
  too_many_attachments: "documents.tooManyAttachments",
  storage: "storage.queueFailed",
  list: "noKeys.sendFailed",
  offline_not_kept: "nothingKept.offline",
};

/** The step a draft opens on: the one it was left on, if this version of the app still has it. */
function openingStep(draft: ReportDraftV2): StepId {
  if (isStepId(draft.step) && hasScreen(draft.step)) return draft.step;
  return planSteps(draft, hasScreen).sequence[0] ?? "review";
}

export function Wizard({ initial, isNew, onSent }: Props) {
  const engine = useEngine();
  const current = useRef(initial);
  const [draft, setDraft] = useState(initial);
  const [stepId, setStepId] = useState<StepId>(() => openingStep(initial));
  const currentStep = useRef(stepId);
  // A new draft is stored only once something is answered: walking through empty steps leaves nothing behind.
  const stored = useRef(!isNew || initial.happeningNow);
  const [showMissing, setShowMissing] = useState(false);
  const [sendFailed, setSendFailed] = useState<string | null>(null);
  const autosave = useAutosave(engine, initial, isNew && initial.happeningNow);

  const save = (next: ReportDraftV2): void => {
    current.current = next;
    setDraft(next);
    autosave.changed(next);
  };
  const update: UpdateV2 = (change) => {
    stored.current = true;
    save({ ...change(current.current), step: currentStep.current, updatedAt: new Date().toISOString() });
  };

  const plan = planSteps(draft, hasScreen);
  const index = plan.sequence.indexOf(stepId);
  const go = (step: string): void => {
    if (!isStepId(step)) return;
    setShowMissing(false);
    currentStep.current = step;
    setStepId(step);
    if (stored.current) save({ ...current.current, step });
    window.scrollTo?.(0, 0);
  };

  const send = (): Promise<void> | null => {
    if (missingToSend(current.current).length > 0) {
      // Never silently nothing: the review lists each missing thing with a way to it.
      if (stepId !== "review") go("review");
      setShowMissing(true);
      requestAnimationFrame(() => document.getElementById("missing")?.scrollIntoView({ block: "center" }));
      return null;
    }
    return submit();
  };

  const submit = async (): Promise<void> => {
    setSendFailed(null);
    try {
      await autosave.flush();
      await autosave.discard();
      // A refused report (SubmitError) stays a draft: the flush above stored it.
      await engine.submit(current.current);
      onSent();
    } catch (error) {
      setSendFailed(SEND_FAILED[shownErrorCode(error)] ?? "review.failed");
    }
  };

  // On the review, Send is the next tap: seal the report before it, and again when it changes there.
  useEffect(() => {
    if (stepId === "review") engine.prepareToSend(draft);
  }, [engine, stepId, draft]);
  // Leaving the review (another step, or the wizard closed) forgets what was sealed ahead of Send.
  useEffect(() => {
    if (stepId !== "review") return undefined;
    return () => engine.discardPreparedSend();
  }, [engine, stepId]);

  const props = { draft, update, goTo: go };
  const Step = stepId === "review" ? undefined : STEP_COMPONENTS[stepId];
  const last = stepId === "review";
  const back = previousStep(plan, stepId);
  return (
    <div class="wizard">
      <p class="step-of" data-testid="step-of">
        {index >= 0 ? t("wizard.stepOf", { n: index + 1, total: plan.sequence.length }) : t("wizard.moreQuestions")}
      </p>
      <Heading key={stepId}>{t(`core.steps.${stepId}`)}</Heading>
      {index < 0 && (
        <div class="extra-note">
          <p>{t("wizard.extraNote")}</p>
          <button type="button" class="secondary" onClick={() => go("review")}>
            {t("wizard.toReview")}
          </button>
        </div>
      )}
      {draft.addsTo && index === 0 && <p class="notice">{t("core.additionNote")}</p>}
      {index === 0 && <p class="hint">{t("wizard.skipHint")}</p>}
      {Step ? <Step {...props} /> : <ReviewStep {...props} showMissing={showMissing} />}
      <p class="status" role="status" data-testid="wizard-status">
        {autosave.failed ? t("wizard.saveFailed") : ""}
        {sendFailed ? t(sendFailed) : ""}
      </p>
      <nav class="step-nav" aria-label={t("wizard.allSteps")}>
        <button
          type="button"
          class="secondary"
          onClick={() => back && go(back)}
          disabled={back === null}
          data-testid="step-back"
        >
          <span aria-hidden="true">← </span>
          {t("wizard.back")}
        </button>
        {last ? (
          <SendButton onSend={send} />
        ) : (
          <button type="button" class="primary" onClick={() => go(nextStep(plan, stepId))} data-testid="step-next">
            {t("wizard.next")}
            <span aria-hidden="true"> →</span>
          </button>
        )}
      </nav>
      <StepList plan={plan} current={stepId} onGo={go} />
    </div>
  );
}
