/**
 * "Say it instead of typing": record, pause, listen, done, delete. The engine encrypts each 2-second
 * chunk as it arrives (src/reporter/voice/); this component only drives the microphone and shows the
 * time. Reused for follow-up answers (draftId "answer-<questionId>", field "answer").
 */
import { useEffect, useRef, useState } from "preact/hooks";

import { t } from "../i18n";
import { MEDIA_LIMITS } from "../../shared/report/media";
import type { VoiceRef } from "../../shared/report/v2";
import { useEngine } from "../engine/context";
import { MicrophoneError, VoiceCapture } from "../voice/capture";
import { clock, forgetVoice, rememberVoice, voiceUrl } from "../voice/playback";

interface Props {
  draftId: string;
  field: string;
  /** This field's recordings already in the draft. */
  recordings: VoiceRef[];
  onAdd: (ref: VoiceRef) => void;
  onRemove: (attachmentId: string) => void;
}

type Message = "" | "limit" | "denied" | "absent" | "unsupported" | "failed" | "sealing";

export function VoiceRecorder({ draftId, field, recordings, onAdd, onRemove }: Props) {
  const engine = useEngine();
  const [capture, setCapture] = useState<VoiceCapture | null>(null);
  const [message, setMessage] = useState<Message>("");
  const [preview, setPreview] = useState<string | null>(null);
  const [, tick] = useState(0);
  const current = useRef<VoiceCapture | null>(null);
  current.current = capture;

  useEffect(() => {
    if (capture === null) return;
    const timer = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(timer);
  }, [capture]);

  const closePreview = (): void => {
    if (preview) URL.revokeObjectURL(preview);
    setPreview(null);
  };

  const done = async (reason: Message = ""): Promise<void> => {
    const recording = current.current;
    if (recording === null) return;
    closePreview();
    setMessage("sealing");
    try {
      const durationMs = await recording.stop();
      const finished = await engine.finishRecording(recording.recordingId, durationMs);
      setCapture(null);
      if (finished) {
        rememberVoice(finished.ref.attachmentId, finished.audio);
        onAdd(finished.ref);
      }
      setMessage(reason);
    } catch {
      // Kept encrypted on the phone: finished at the next start (src/reporter/voice/recover.ts).
      setCapture(null);
      setMessage("failed");
    }
  };

  // Leaving the step while recording: what was said is kept, as if "Done" was pressed.
  useEffect(() => () => void done(), []);

  const record = async (): Promise<void> => {
    setMessage("");
    try {
      setCapture(await VoiceCapture.start({ engine }, { draftId, field }, () => void done("limit")));
    } catch (error) {
      setMessage(error instanceof MicrophoneError ? error.code : "failed");
    }
  };

  const listen = async (): Promise<void> => {
    if (capture === null) return;
    capture.pause();
    tick((n) => n + 1);
    await capture.flush();
    closePreview();
    setPreview(URL.createObjectURL(await engine.recordingAudio(capture.recordingId)));
  };

  const discard = async (): Promise<void> => {
    if (capture === null) return;
    closePreview();
    await capture.stop().catch(() => undefined);
    await engine.discardRecording(capture.recordingId);
    setCapture(null);
    setMessage("");
  };

  const remove = async (attachmentId: string): Promise<void> => {
    await engine.removePhoto(attachmentId).catch(() => undefined);
    forgetVoice(attachmentId);
    onRemove(attachmentId);
  };

  return (
    <fieldset class="group voice">
      <legend>{t("voice.title")}</legend>
      <p class="hint">{t("voice.hint", { limit: MEDIA_LIMITS.voiceMs / 60_000 })}</p>
      {capture === null ? (
        <button type="button" class="big primary" onClick={() => void record()} data-testid="voice-record">
          {t("voice.record")}
        </button>
      ) : (
        <>
          <p class="voice-time" aria-live="off">
            <span data-testid="voice-elapsed">{clock(capture.elapsedMs())}</span> / {clock(MEDIA_LIMITS.voiceMs)}
          </p>
          <p class="hint" data-testid="voice-state" data-state={capture.state}>
            {capture.state === "paused" ? t("voice.paused") : t("voice.recording")}
          </p>
          <div class="voice-buttons">
            {capture.state === "recording" ? (
              <button
                type="button"
                class="big secondary"
                onClick={() => (capture.pause(), tick((n) => n + 1))}
                data-testid="voice-pause"
              >
                {t("voice.pause")}
              </button>
            ) : (
              <button
                type="button"
                class="big secondary"
                onClick={() => (closePreview(), capture.resume(), tick((n) => n + 1))}
                data-testid="voice-resume"
              >
                {t("voice.resume")}
              </button>
            )}
            <button type="button" class="big secondary" onClick={() => void listen()} data-testid="voice-listen">
              {t("voice.listen")}
            </button>
            <button type="button" class="big primary" onClick={() => void done()} data-testid="voice-done">
              {t("voice.done")}
            </button>
            <button type="button" class="big secondary" onClick={() => void discard()} data-testid="voice-delete">
              {t("voice.delete")}
            </button>
          </div>
          {preview && <audio controls src={preview} data-testid="voice-preview" />}
        </>
      )}
      <p class="status" role="status" data-testid="voice-status">
        {message ? t(`voice.messages.${message}`) : ""}
      </p>
      {recordings.length > 0 && (
        <ul class="voice-items">
          {recordings.map((ref, index) => {
            const url = voiceUrl(ref.attachmentId);
            const name = t("voice.recordingN", { n: index + 1, time: clock(ref.durationMs) });
            return (
              <li key={ref.attachmentId} data-testid="voice-item">
                <span>{name}</span>
                {url ? <audio controls src={url} /> : <span class="sealed">{t("voice.encrypted")}</span>}
                <button
                  type="button"
                  class="link"
                  onClick={() => void remove(ref.attachmentId)}
                  data-testid="voice-delete"
                >
                  {t("voice.remove")}
                  <span class="visually-hidden"> ({name})</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
