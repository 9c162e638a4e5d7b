/**
 * The microphone side of a recording: MediaRecorder on a mono, echo-cancelled stream at 24 kbit/s
 * (speech stays clear; about 180 KB a minute, sendable over 2G), a chunk every 2 s handed to the
 * engine, which encrypts it before it touches IndexedDB. Counts only active time (pauses left out)
 * and stops by itself at `MEDIA_LIMITS.voiceMs`.
 */
import { MEDIA_LIMITS } from "../../shared/report/media";
import type { Engine } from "../engine/engine";

/** First supported wins: Opus in WebM (Chrome, Firefox), Opus in Ogg, AAC in MP4 (Safari). */
export const VOICE_MIME_TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4"] as const;
export const VOICE_BITS_PER_SECOND = 24_000;
export const CHUNK_MS = 2_000;

/** Why recording could not start: no microphone, or the person (or browser) refused it. */
export class MicrophoneError extends Error {
  override readonly name = "MicrophoneError";
  constructor(readonly code: "denied" | "absent" | "unsupported") {
    super(`Microphone ${code}.`);
  }
}

/** What the capture takes from the browser; tests hand fakes. */
export interface CaptureDeps {
  engine: Pick<Engine, "beginRecording" | "addRecordingChunk">;
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  MediaRecorder?: typeof MediaRecorder;
  now?: () => number;
}

export type CaptureState = "recording" | "paused" | "stopped";

/** One recording from the microphone, from `start` to `stop`. */
export class VoiceCapture {
  state: CaptureState = "recording";
  private activeBefore = 0;
  private resumedAt: number;
  private limitTimer: ReturnType<typeof setTimeout> | null = null;
  private writes: Promise<void> = Promise.resolve();
  private stopped: Promise<void>;

  private constructor(
    readonly recordingId: string,
    readonly mime: string,
    private readonly recorder: MediaRecorder,
    private readonly stream: MediaStream,
    private readonly deps: CaptureDeps,
    private readonly onLimit: () => void,
  ) {
    this.resumedAt = this.now();
    this.stopped = new Promise((resolve) => recorder.addEventListener("stop", () => resolve(), { once: true }));
    recorder.addEventListener("dataavailable", (event) => {
      if (event.data.size === 0) return;
      const activeMs = this.elapsedMs();
      this.writes = this.writes.then(() => deps.engine.addRecordingChunk(recordingId, event.data, activeMs));
    });
    recorder.start(CHUNK_MS);
    this.armLimit();
  }

  /** Opens the microphone and starts recording for `field` of draft `draftId`. */
  static async start(
    deps: CaptureDeps,
    target: { draftId: string; field: string },
    onLimit: () => void,
  ): Promise<VoiceCapture> {
    const Recorder = deps.MediaRecorder ?? globalThis.MediaRecorder;
    const getUserMedia = deps.getUserMedia ?? ((c) => navigator.mediaDevices.getUserMedia(c));
    if (Recorder === undefined || typeof navigator === "undefined" || !("mediaDevices" in navigator)) {
      if (deps.getUserMedia === undefined) throw new MicrophoneError("unsupported");
    }
    let stream: MediaStream;
    try {
      stream = await getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } });
    } catch (error) {
      const name = (error as { name?: string }).name;
      throw new MicrophoneError(name === "NotFoundError" || name === "OverconstrainedError" ? "absent" : "denied");
    }
    const mimeType = VOICE_MIME_TYPES.find((type) => Recorder.isTypeSupported(type));
    const recorder = new Recorder(stream, {
      ...(mimeType ? { mimeType } : {}),
      audioBitsPerSecond: VOICE_BITS_PER_SECOND,
    });
    const mime = recorder.mimeType || mimeType || "audio/webm";
    try {
      const recordingId = await deps.engine.beginRecording(target.draftId, target.field, mime);
      return new VoiceCapture(recordingId, mime, recorder, stream, deps, onLimit);
    } catch (error) {
      stream.getTracks().forEach((track) => track.stop());
      throw error;
    }
  }

  /** Recorded time, pauses left out. */
  elapsedMs(): number {
    return this.activeBefore + (this.state === "recording" ? this.now() - this.resumedAt : 0);
  }

  pause(): void {
    if (this.state !== "recording") return;
    this.recorder.pause();
    this.activeBefore = this.elapsedMs();
    this.state = "paused";
    this.disarmLimit();
  }

  resume(): void {
    if (this.state !== "paused") return;
    this.recorder.resume();
    this.resumedAt = this.now();
    this.state = "recording";
    this.armLimit();
  }

  /** Stops the microphone; resolves once every chunk is stored. Returns the recorded time. */
  async stop(): Promise<number> {
    if (this.state !== "stopped") {
      this.activeBefore = Math.min(this.elapsedMs(), MEDIA_LIMITS.voiceMs);
      this.state = "stopped";
      this.disarmLimit();
      if (this.recorder.state !== "inactive") this.recorder.stop();
      else this.stoppedAlready();
      this.stream.getTracks().forEach((track) => track.stop());
    }
    await this.stopped;
    await this.writes;
    return this.activeBefore;
  }

  /** Every chunk so far is stored (before "Listen"): asks the recorder for the current one first. */
  async flush(): Promise<void> {
    if (this.recorder.state !== "inactive") {
      // The chunk handler was added first, so once this fires the chunk's write is queued.
      const delivered = new Promise((resolve) =>
        this.recorder.addEventListener("dataavailable", resolve, { once: true }),
      );
      this.recorder.requestData();
      await delivered;
    }
    await this.writes;
  }

  private stoppedAlready(): void {
    this.stopped = Promise.resolve();
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private armLimit(): void {
    this.disarmLimit();
    this.limitTimer = setTimeout(() => this.onLimit(), MEDIA_LIMITS.voiceMs - this.elapsedMs());
  }

  private disarmLimit(): void {
    if (this.limitTimer !== null) clearTimeout(this.limitTimer);
    this.limitTimer = null;
  }
}
