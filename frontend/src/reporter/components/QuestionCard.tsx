/**
 * One follow-up question on "My reports", opened on the phone, with its answer box; once answered,
 * whether the answer waits to be sent or was delivered, and how many of its photos arrived. The typed
 * answer lives only in this component until it is sealed: it is never saved as plaintext; photos,
 * recordings and pages are sealed as soon as they are taken (draft id `answer-<questionId>`).
 */
import { useEffect, useRef, useState } from "preact/hooks";

import type { QuestionView } from "../engine/engine";
import { mediaAttachmentIds } from "../../shared/report/media";
import { NO_MEDIA, type AnswerMedia } from "../../shared/report/followups";
import { fmtDateTime, t } from "../i18n";
import { useEngine } from "../engine/context";
import { answerDraftId, hasMedia } from "../outbox/answerMedia";
import { engineErrorCode } from "../outbox/errors";
import { forgetThumbnail } from "../photos/thumbnails";
import { AnswerDocuments } from "./AnswerDocuments";
import { AnswerMediaState } from "./AnswerMediaState";
import { PhotoPicker } from "./PhotoPicker";
import { TextField } from "./fields";
import { VoiceRecorder } from "./VoiceRecorder";

type SendState = "idle" | "sending" | "empty" | "failed" | "photo_missing" | "too_many_attachments";

const PROBLEMS = {
  empty: "answerMedia.empty",
  failed: "myReports.answerFailed",
  photo_missing: "answerMedia.missing",
  too_many_attachments: "answerMedia.tooMany",
};

export function QuestionCard({ reportId, question }: { reportId: string; question: QuestionView }) {
  const engine = useEngine();
  const [text, setText] = useState<string | null>(null);
  const [media, setMedia] = useState<AnswerMedia>(NO_MEDIA);
  const [state, setState] = useState<SendState>("idle");
  const draftId = answerDraftId(question.questionId);
  // Captures live in this component's state only: once it goes (lock, another screen) nothing can send
  // them, so their ciphertext goes too. One already queued with a sent answer stays (removePhoto).
  const unsent = useRef<AnswerMedia>(NO_MEDIA);
  unsent.current = media;
  const sending = useRef(false);
  useEffect(() => {
    // A recording for this answer cut short by a killed page, finished at start: it belongs here.
    void engine.finishedVoice(draftId).then(
      (refs) => refs.length > 0 && setMedia((m) => ({ ...m, voice: [...m.voice, ...refs] })),
      () => undefined,
    );
  }, [engine, draftId]);
  useEffect(
    () => () => {
      if (sending.current) return;
      for (const id of mediaAttachmentIds(unsent.current)) {
        forgetThumbnail(id);
        void engine.removePhoto(id).catch(() => undefined);
      }
    },
    [engine],
  );

  const send = async (event: Event): Promise<void> => {
    event.preventDefault();
    // A document begun and left without a page or a file is not sent.
    const toSend = { ...media, documents: media.documents.filter((d) => d.pages.length > 0 || d.pdf !== null) };
    if ((text === null || text.trim() === "") && !hasMedia(toSend)) {
      setState("empty");
      return;
    }
    setState("sending");
    sending.current = true;
    try {
      await engine.answerQuestion(reportId, question.questionId, text ?? "", toSend);
      for (const id of mediaAttachmentIds(media)) forgetThumbnail(id);
      setText(null);
      setMedia(NO_MEDIA);
      setState("idle");
    } catch (error) {
      const code = engineErrorCode(error);
      setState(code === "photo_missing" || code === "too_many_attachments" ? code : "failed");
    } finally {
      sending.current = false;
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
          <PhotoPicker
            draftId={draftId}
            title={t("answerMedia.photosTitle")}
            hint={t("answerMedia.photosHint")}
            photos={media.photos}
            onAdd={(photo) => setMedia((m) => ({ ...m, photos: [...m.photos, photo] }))}
            onRemove={(id) => setMedia((m) => ({ ...m, photos: m.photos.filter((p) => p.attachmentId !== id) }))}
          />
          <AnswerDocuments
            draftId={draftId}
            documents={media.documents}
            onChange={(change) => setMedia((m) => ({ ...m, documents: change(m.documents) }))}
          />
          <VoiceRecorder
            draftId={draftId}
            field="answer"
            recordings={media.voice}
            onAdd={(ref) => setMedia((m) => ({ ...m, voice: [...m.voice, ref] }))}
            onRemove={(id) => setMedia((m) => ({ ...m, voice: m.voice.filter((v) => v.attachmentId !== id) }))}
          />
          {state !== "idle" && state !== "sending" && (
            <p class="warning" role="alert">
              {t(PROBLEMS[state])}
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
