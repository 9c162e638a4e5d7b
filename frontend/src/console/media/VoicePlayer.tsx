/**
 * One recording in the console: fetched, decrypted and checked in the browser (./openVoice.ts),
 * played from an object URL revoked when it leaves the screen, at the speed the reviewer picks; its
 * transcripts and translations (./mediaNote.ts) under it.
 */
import { useEffect, useRef, useState } from "preact/hooks";

import { ApiError } from "../api";
import { useConsole } from "../context";
import { fmtInstant, t } from "../i18n";
import type { DeviceKey, VoiceRef } from "../../shared/report/v2";
import { audioType, openVoice, type OpenVoice } from "./openVoice";
import { TranscriptForm } from "./TranscriptForm";
import type { MediaNote } from "./mediaNote";
import { openableAttachment } from "../grants/grants";

export const SPEEDS = [0.75, 1, 1.25, 1.5, 2] as const;

type State =
  { name: "waiting" } | { name: "missing" } | { name: "failed" } | { name: "open"; voice: OpenVoice; url: string };

interface Props {
  reportId: string;
  voice: VoiceRef;
  device: DeviceKey | null | undefined;
  received: boolean;
  transcripts: MediaNote[];
  onTranscript: (note: MediaNote) => void;
}

const clock = (ms: number): string => {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};

/**
 * MediaRecorder's WebM has no duration in its header, so Chrome reports Infinity and the seek bar
 * does not work: seeking far past the end makes it scan the file, then we go back to the start.
 */
function findDuration(element: HTMLAudioElement): void {
  if (Number.isFinite(element.duration)) return;
  element.addEventListener(
    "durationchange",
    () => {
      element.currentTime = 0;
    },
    { once: true },
  );
  element.currentTime = Number.MAX_SAFE_INTEGER;
}

export function VoicePlayer({ reportId, voice, device, received, transcripts, onTranscript }: Props) {
  const { api, keyring } = useConsole();
  const [state, setState] = useState<State>(received ? { name: "waiting" } : { name: "missing" });
  const [speed, setSpeed] = useState(1);
  const audio = useRef<HTMLAudioElement>(null);

  useEffect(() => {
    if (!received) return;
    let url: string | null = null;
    let gone = false;
    (async () => {
      const identities = keyring.identitiesFor(voice.attachmentId);
      const ciphertext = await openableAttachment(api, identities, voice.attachmentId);
      const opened = await openVoice(ciphertext, identities, voice, device);
      if (gone) return;
      url = URL.createObjectURL(new Blob([opened.bytes], { type: audioType(voice) }));
      setState({ name: "open", voice: opened, url });
    })().catch((error: unknown) => {
      if (!gone) setState(error instanceof ApiError && error.status === 404 ? { name: "missing" } : { name: "failed" });
    });
    return () => {
      gone = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [voice.attachmentId, received]);

  useEffect(() => {
    if (audio.current) audio.current.playbackRate = speed;
  }, [speed, state.name]);

  const open = state.name === "open" ? state : null;
  const field =
    voice.field === "account" || voice.field === "answer" ? t(`media.voice.fields.${voice.field}`) : voice.field;
  return (
    <figure
      class="voice"
      data-testid="voice-recording"
      data-attachment-id={voice.attachmentId}
      data-hash-ok={open ? (open.voice.hashOk ? "1" : "0") : undefined}
      data-provenance={open?.voice.provenance}
    >
      {open ? (
        <>
          <audio
            ref={audio}
            controls
            preload="auto"
            src={open.url}
            onLoadedMetadata={(event) => findDuration(event.currentTarget)}
            data-testid="voice-audio"
          />
          <p class="voice-speeds" role="group" aria-label={t("media.voice.speed")}>
            {SPEEDS.map((rate) => (
              <button
                key={rate}
                type="button"
                class={rate === speed ? "primary" : "secondary"}
                aria-pressed={rate === speed}
                onClick={() => setSpeed(rate)}
                data-testid={`voice-speed-${rate}`}
              >
                {rate}×
              </button>
            ))}
          </p>
        </>
      ) : (
        <p class="muted" data-testid="voice-state">
          {t(`media.voice.${state.name}`)}
        </p>
      )}
      <figcaption>
        <p>
          {t("media.voice.field")}: {field} · {t("media.voice.duration")}: {clock(voice.durationMs)} ·{" "}
          {t("media.voice.captured")}: {fmtInstant(voice.capturedAt)}
        </p>
        {open && (
          <p class={open.voice.hashOk ? "hash-ok" : "problem"} data-testid="voice-hash">
            {open.voice.hashOk ? t("media.voice.hashOk") : t("media.voice.hashBad")}
          </p>
        )}
        {open && (
          <p class={open.voice.provenance === "invalid" ? "problem" : "muted"} data-testid="voice-provenance">
            {t(`media.voice.provenance.${open.voice.provenance}`)}
          </p>
        )}
      </figcaption>
      <ul class="voice-transcripts">
        {transcripts.map((note, index) => (
          <li key={index} data-testid="voice-transcript" data-kind={note.kind}>
            <p class="note-meta">
              {t(`media.transcript.kinds.${note.kind}`)} · {note.language}
            </p>
            <p class="words">{note.text}</p>
          </li>
        ))}
      </ul>
      <TranscriptForm reportId={reportId} attachmentId={voice.attachmentId} onAdded={onTranscript} />
    </figure>
  );
}
