/**
 * One follow-up question on "My reports", opened on the phone, with its answer box; once answered,
 * whether the answer waits to be sent or was delivered. The typed answer lives only in this
 * component until it is sealed: it is never saved as plaintext.
 */
import { useState } from "preact/hooks";

import type { QuestionView } from "../engine/engine";
import { fmtDateTime, t } from "../i18n";
import { useEngine } from "../engine/context";
import { TextField } from "./fields";

export function QuestionCard({ reportId, question }: { reportId: string; question: QuestionView }) {
  const engine = useEngine();
  const [text, setText] = useState<string | null>(null);
  const [state, setState] = useState<"idle" | "sending" | "empty" | "failed">("idle");

  const send = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (text === null || text.trim() === "") {
      setState("empty");
      return;
    }
    setState("sending");
    try {
      await engine.answerQuestion(reportId, question.questionId, text);
      setText(null);
      setState("idle");
    } catch {
      setState("failed");
    }
  };

  return (
    <div class="question" data-testid="my-report-question" data-question-id={question.questionId}>
      <p class="hint">{t("myReports.question", { date: fmtDateTime(question.askedAt) })}</p>
      <p class="question-text">{question.text}</p>
      {question.answer === null ? (
        <form onSubmit={(event) => void send(event)} autoComplete="off">
          <TextField
            label={t("myReports.answerLabel")}
            hint={t("myReports.answerHint")}
            value={text}
            onChange={setText}
            multiline
            testid="my-report-answer-text"
          />
          {(state === "empty" || state === "failed") && (
            <p class="warning" role="alert">
              {t(state === "empty" ? "myReports.answerEmpty" : "myReports.answerFailed")}
            </p>
          )}
          <button type="submit" class="primary" disabled={state === "sending"} data-testid="my-report-answer-send">
            {t("myReports.answerSend")}
          </button>
        </form>
      ) : (
        <p class="outbox-state" role="status" data-testid="my-report-answer-state" data-state={question.answer}>
          {question.answer === "sent" && <span aria-hidden="true">✓ </span>}
          {t(question.answer === "sent" ? "myReports.answerSent" : "myReports.answerWaiting")}
        </p>
      )}
    </div>
  );
}
