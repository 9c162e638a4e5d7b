/**
 * One follow-up question on "My reports", opened on the phone, with its answer box; once answered,
 * whether the answer waits to be sent or was delivered, and how many of its photos arrived. The typed
 * answer lives only in this component until it is sealed: it is never saved as plaintext; photos are
 * sealed as soon as they are taken (draft id `answer-<questionId>`).
 */
import { useEffect, useRef, useState } from "preact/hooks";

import type { QuestionView } from "../engine/engine";
import type { PhotoRef } from "../../shared/report/v2";
import { fmtDateTime, t } from "../i18n";
import { useEngine } from "../engine/context";
import { answerDraftId } from "../outbox/answerMedia";
import { engineErrorCode } from "../outbox/errors";
import { forgetThumbnail } from "../photos/thumbnails";
import { AnswerMediaState } from "./AnswerMediaState";
import { PhotoPicker } from "./PhotoPicker";
import { TextField } from "./fields";

type SendState = "idle" | "sending" | "empty" | "failed" | "photo_missing";

export function QuestionCard({ reportId, question }: { reportId: string; question: QuestionView }) {
  const engine = useEngine();
  const [text, setText] = useState<string | null>(null);
  const [photos, setPhotos] = useState<PhotoRef[]>([]);
  // Voice (VoiceRecorder, field "answer") and documents plug in here: state, a component below, and
  // their refs in `media`.
  const [state, setState] = useState<SendState>("idle");
  const draftId = answerDraftId(question.questionId);
  // Captures live in this component's state only: once it goes (lock, another screen) nothing can send
  // them, so their ciphertext goes too. One already queued with a sent answer stays (removePhoto).
  const unsent = useRef<PhotoRef[]>([]);
  unsent.current = photos;
  const sending = useRef(false);
  useEffect(
    () => () => {
      if (sending.current) return;
      for (const photo of unsent.current) {
        forgetThumbnail(photo.attachmentId);
        void engine.removePhoto(photo.attachmentId).catch(() => undefined);
      }
    },
    [engine],
  );

  const send = async (event: Event): Promise<void> => {
    event.preventDefault();
    if ((text === null || text.trim() === "") && photos.length === 0) {
      setState("empty");
      return;
    }
    setState("sending");
    sending.current = true;
    try {
      await engine.answerQuestion(reportId, question.questionId, text ?? "", { photos, voice: [], documents: [] });
      setText(null);
      for (const photo of photos) forgetThumbnail(photo.attachmentId);
      setPhotos([]);
      setState("idle");
    } catch (error) {
      setState(engineErrorCode(error) === "photo_missing" ? "photo_missing" : "failed");
    } finally {
      sending.current = false;
    }
  };

  const problem = {
    empty: "answerMedia.empty",
    failed: "myReports.answerFailed",
    photo_missing: "answerMedia.missing",
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
          <PhotoPicker
            draftId={draftId}
            title={t("answerMedia.photosTitle")}
            hint={t("answerMedia.photosHint")}
            photos={photos}
            onAdd={(photo) => setPhotos((list) => [...list, photo])}
            onRemove={(id) => setPhotos((list) => list.filter((photo) => photo.attachmentId !== id))}
          />
          {state !== "idle" && state !== "sending" && (
            <p class="warning" role="alert">
              {t(problem[state])}
            </p>
          )}
          <button type="submit" class="primary" disabled={state === "sending"} data-testid="my-report-answer-send">
            {t("myReports.answerSend")}
          </button>
        </form>
      ) : (
        <>
          <p class="outbox-state" role="status" data-testid="my-report-answer-state" data-state={question.answer}>
            {question.answer === "sent" && <span aria-hidden="true">✓ </span>}
            {t(question.answer === "sent" ? "myReports.answerSent" : "myReports.answerWaiting")}
          </p>
          <AnswerMediaState attachments={question.attachments} />
        </>
      )}
    </div>
  );
}
