/**
 * What a family sent with an answer, beside the question it answers: photos decrypted in this
 * browser with their hash and provenance checks, "not received yet" for one still uploading (asked
 * again every 15 seconds). Voice recordings and documents get their places when their viewers land.
 */
import { useEffect, useState } from "preact/hooks";

import type { Answer } from "../../shared/report/followups";
import type { PhotoRef } from "../../shared/report/v2";
import { useConsole } from "../context";
import { answerMedia, openAnswerPhoto, type OpenAnswerPhoto } from "../followups/answerMedia";
import { fmtInstant, t } from "../i18n";
import { limiter } from "../queue/pool";

const gate = limiter(2);
const RETRY_MS = 15_000;

type State =
  | { name: "waiting" }
  | { name: "not_received" }
  | { name: "failed" }
  | ({ name: "open"; url: string } & OpenAnswerPhoto);

function AnswerPhoto({ answer, photo }: { answer: Answer; photo: PhotoRef }) {
  const { api, keyring } = useConsole();
  const [state, setState] = useState<State>({ name: "waiting" });

  useEffect(() => {
    let url: string | null = null;
    let gone = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = (): void => {
      gate(async () => {
        if (gone) return;
        const fetched = (id: string): Promise<Uint8Array> => api.attachmentCiphertext(id);
        const opened = await openAnswerPhoto(fetched, keyring.identity(), answer, photo);
        if (gone) return;
        if (opened === "not_received") {
          setState({ name: "not_received" });
          timer = setTimeout(attempt, RETRY_MS);
          return;
        }
        // Only a known image type is ever shown; anything else can only be downloaded.
        const type = opened.photo.type || "application/octet-stream";
        url = URL.createObjectURL(new Blob([opened.photo.bytes], { type }));
        setState({ name: "open", url, ...opened });
      }).catch(() => !gone && setState({ name: "failed" }));
    };
    attempt();
    return () => {
      gone = true;
      clearTimeout(timer);
      if (url) URL.revokeObjectURL(url);
    };
  }, [answer.answerId, photo.attachmentId]);

  const open = state.name === "open" ? state : null;
  return (
    <figure
      class="photo"
      data-testid="answer-photo"
      data-attachment-id={photo.attachmentId}
      data-state={state.name}
      data-hash-ok={open ? (open.photo.hashOk ? "1" : "0") : undefined}
      data-sha256={open?.photo.sha256}
      data-provenance={open?.provenance}
    >
      {open && open.photo.type !== "" ? (
        <a href={open.url} target="_blank" rel="noopener">
          <img src={open.url} alt={t("followupMedia.photoAlt")} />
        </a>
      ) : (
        <div class="photo-placeholder">{t(open ? "report.photo.notImage" : `followupMedia.${state.name}`)}</div>
      )}
      <figcaption>
        {open && (
          <>
            <p class={open.photo.hashOk ? "hash-ok" : "problem"}>
              {t(open.photo.hashOk ? "report.photo.hashOk" : "report.photo.hashBad")}
            </p>
            <p class={open.provenance === "invalid" ? "problem" : open.provenance === "valid" ? "hash-ok" : "muted"}>
              {t(`followupMedia.provenance.${open.provenance}`)}
            </p>
          </>
        )}
        <p>
          {t("report.photo.captured")}: {photo.capturedAt ? fmtInstant(photo.capturedAt) : t("report.notGiven")}
        </p>
        <p class="hash">
          {t("report.photo.sealedSha256")}: <code>{photo.sealedSha256}</code>
        </p>
        {open && (
          <a href={open.url} download={photo.attachmentId} data-testid="answer-photo-download">
            {t("report.photo.download")}
          </a>
        )}
      </figcaption>
    </figure>
  );
}

export function AnswerMedia({ answer }: { answer: Answer }) {
  const media = answerMedia(answer);
  if (media.photos.length + media.voice.length + media.documents.length === 0) return null;
  return (
    <div class="answer-media" data-testid="answer-media">
      {media.photos.length > 0 && (
        <div class="photos">
          {media.photos.map((photo) => (
            <AnswerPhoto key={photo.attachmentId} answer={answer} photo={photo} />
          ))}
        </div>
      )}
      {/* Voice: <VoicePlayer> for media.voice, and documents: <Documents> for media.documents, once on main. */}
      {media.voice.length + media.documents.length > 0 && (
        <p class="muted" data-testid="answer-media-other">
          {t("followupMedia.otherMedia", { voice: media.voice.length, documents: media.documents.length })}
        </p>
      )}
    </div>
  );
}
