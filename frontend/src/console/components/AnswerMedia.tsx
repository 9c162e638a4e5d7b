/**
 * What a family sent with an answer, beside the question it answers: photos decrypted in this
 * browser and judged as a report's are (hash, the phone's signature, EXIF: src/console/photos/), the
 * phone's preview while the original is on its way, "not received yet" before either arrived (asked
 * again every 15 seconds); recordings and papers through the report's own views (VoiceRecordings,
 * Documents) once the server holds them all.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";

import type { Answer } from "../../shared/report/followups";
import type { PhotoRef } from "../../shared/report/v2";
import { useConsole } from "../context";
import type { AttachmentMeta } from "../apiTypes";
import {
  allHeld,
  answerMedia,
  documentAttachmentIds,
  openAnswerPhoto,
  voiceAttachmentIds,
} from "../followups/answerMedia";
import { Documents } from "../media/Documents";
import { VoiceRecordings } from "../media/VoiceRecordings";
import { t } from "../i18n";
import { readExif, type PhotoExif } from "../photos/exif";
import { PhotoCaption } from "../photos/PhotoCaption";
import type { PhotoVerdict } from "../photos/verdict";
import { limiter } from "../queue/pool";
import { openableAttachment } from "../grants/grants";

const gate = limiter(2);
const RETRY_MS = 15_000;

type State =
  | { name: "waiting" }
  | { name: "not_received" }
  | { name: "failed" }
  | { name: "preview"; url: string; type: string }
  | { name: "open"; url: string; type: string; sha256: string; verdict: PhotoVerdict };

function AnswerPhoto({ answer, photo }: { answer: Answer; photo: PhotoRef }) {
  const { api, keyring } = useConsole();
  const [state, setState] = useState<State>({ name: "waiting" });
  const [exif, setExif] = useState<PhotoExif | null>(null);

  useEffect(() => {
    let url: string | null = null;
    let gone = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Only a known image type is ever shown; anything else can only be downloaded.
    const urlOf = (bytes: Uint8Array<ArrayBuffer>, type: string): string => {
      if (url) URL.revokeObjectURL(url);
      return (url = URL.createObjectURL(new Blob([bytes], { type: type || "application/octet-stream" })));
    };
    const attempt = (): void => {
      gate(async () => {
        if (gone) return;
        const fetched = (id: string): Promise<Uint8Array> => openableAttachment(api, [keyring.identity()], id);
        const opened = await openAnswerPhoto(fetched, keyring.identity(), answer, photo);
        if (gone) return;
        if (opened.kind !== "original") {
          timer = setTimeout(attempt, RETRY_MS);
          if (opened.kind === "preview")
            setState({ name: "preview", url: urlOf(opened.bytes, opened.type), type: opened.type });
          else setState({ name: "not_received" });
          return;
        }
        const { bytes, type, sha256 } = opened.photo;
        setState({ name: "open", url: urlOf(bytes, type), type, sha256, verdict: opened.verdict });
        const read = await readExif(bytes);
        if (!gone) setExif(read);
      }).catch(() => !gone && setState({ name: "failed" }));
    };
    attempt();
    return () => {
      gone = true;
      clearTimeout(timer);
      if (url) URL.revokeObjectURL(url);
    };
  }, [answer.answerId, photo.attachmentId]);

  const shown = state.name === "open" || state.name === "preview" ? state : null;
  const checked = state.name === "open" ? { sha256: state.sha256, verdict: state.verdict } : null;
  return (
    <figure
      class="photo"
      data-testid="answer-photo"
      data-attachment-id={photo.attachmentId}
      data-state={state.name}
      data-hash-ok={checked ? (checked.verdict.hashOk ? "1" : "0") : undefined}
      data-sha256={checked?.sha256}
      data-provenance={checked?.verdict.provenance}
    >
      {shown && shown.type !== "" ? (
        <a href={shown.url} target="_blank" rel="noopener">
          <img src={shown.url} alt={t("followupMedia.photoAlt")} />
        </a>
      ) : (
        <div class="photo-placeholder">{t(shown ? "report.photo.notImage" : `followupMedia.${state.name}`)}</div>
      )}
      {state.name === "preview" && <p class="muted">{t("photoEvidence.preview")}</p>}
      <PhotoCaption photo={photo} checked={checked} exif={exif} />
      {state.name === "open" && (
        <a href={state.url} download={photo.attachmentId} data-testid="answer-photo-download">
          {t("report.photo.download")}
        </a>
      )}
    </figure>
  );
}

type Held = "waiting" | "not_received" | "failed" | "open";

/** Whether the server holds all of `ids` (asked again every 15 seconds until it does). */
function useAllHeld(answerId: string, ids: readonly string[]): Held {
  const { api } = useConsole();
  const [held, setHeld] = useState<Held>("waiting");
  useEffect(() => {
    let gone = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = (): void => {
      gate(() => allHeld((asked) => api.attachmentsHeld(asked), ids)).then(
        (all) => {
          if (gone) return;
          setHeld(all ? "open" : "not_received");
          if (!all) timer = setTimeout(attempt, RETRY_MS);
        },
        () => !gone && setHeld("failed"),
      );
    };
    attempt();
    return () => {
      gone = true;
      clearTimeout(timer);
    };
  }, [answerId]);
  return held;
}

/**
 * One kind of the answer's media (papers, recordings), drawn by the report's own view once the server
 * holds it all; "not received yet" before.
 */
function HeldMedia({
  answer,
  kind,
  ids,
  children,
}: {
  answer: Answer;
  kind: "documents" | "voice";
  ids: string[];
  children: ComponentChildren;
}) {
  const held = useAllHeld(answer.answerId, ids);
  return (
    <div data-testid={`answer-${kind}`} data-state={held}>
      {held === "open" ? children : <p class="muted">{t(`followupMedia.${kind}.${held}`)}</p>}
    </div>
  );
}

/** The attachment list the report views take, every one received (asked by `allHeld` first). */
const received = (ids: string[]): AttachmentMeta[] =>
  ids.map((id) => ({ attachment_id: id, received: true, withdrawn: false }));

export function AnswerMedia({ answer }: { answer: Answer }) {
  const media = answerMedia(answer);
  const device = answer.device ?? null;
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
      {media.voice.length > 0 && (
        <HeldMedia answer={answer} kind="voice" ids={voiceAttachmentIds(media)}>
          <VoiceRecordings
            report={{ reportId: answer.reportId, voice: media.voice, device }}
            attachments={received(voiceAttachmentIds(media))}
          />
        </HeldMedia>
      )}
      {media.documents.length > 0 && (
        <HeldMedia answer={answer} kind="documents" ids={documentAttachmentIds(media)}>
          <Documents
            report={{ documents: media.documents, device }}
            attachments={received(documentAttachmentIds(media))}
          />
        </HeldMedia>
      )}
    </div>
  );
}
