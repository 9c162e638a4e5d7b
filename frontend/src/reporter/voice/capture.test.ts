/**
 * The microphone side with a fake MediaRecorder and a manual clock: chunks reach the engine in order
 * with the recorded time, pauses do not count, and the 20-minute limit stops the recording by itself.
 */
import { afterEach, describe, expect, it, vi } from "vitest";

import { MEDIA_LIMITS } from "../../shared/report/media";
import { CHUNK_MS, MicrophoneError, VOICE_BITS_PER_SECOND, VoiceCapture } from "./capture";

class FakeRecorder extends EventTarget {
  static last: FakeRecorder | null = null;
  static isTypeSupported = (type: string): boolean => type === "audio/ogg;codecs=opus";
  state: RecordingState = "inactive";
  mimeType: string;
  timeslice = 0;
  constructor(
    readonly stream: MediaStream,
    readonly options: MediaRecorderOptions,
  ) {
    super();
    this.mimeType = options.mimeType ?? "";
    FakeRecorder.last = this;
  }
  start(timeslice: number): void {
    this.timeslice = timeslice;
    this.state = "recording";
  }
  pause(): void {
    this.state = "paused";
  }
  resume(): void {
    this.state = "recording";
  }
  requestData(): void {
    this.emit("now");
  }
  stop(): void {
    this.state = "inactive";
    this.emit("last");
    queueMicrotask(() => this.dispatchEvent(new Event("stop")));
  }
  /** The browser hands over a chunk. */
  emit(text: string): void {
    const event = Object.assign(new Event("dataavailable"), { data: new Blob([text]) });
    queueMicrotask(() => this.dispatchEvent(event));
  }
}

const stream = { getTracks: () => [{ stop: vi.fn() }] } as unknown as MediaStream;

function setup(now: { ms: number }) {
  const stored: { id: string; text: Promise<string>; activeMs: number }[] = [];
  const engine = {
    beginRecording: vi.fn(async () => "rec-1"),
    addRecordingChunk: vi.fn(async (id: string, chunk: Blob, activeMs: number) => {
      stored.push({ id, text: chunk.text(), activeMs });
    }),
  };
  const deps = {
    engine,
    getUserMedia: vi.fn(async () => stream),
    MediaRecorder: FakeRecorder as unknown as typeof MediaRecorder,
    now: () => now.ms,
  };
  return { deps, engine, stored };
}

afterEach(() => vi.useRealTimers());

describe("recording from the microphone", () => {
  it("asks for a mono speech stream, the first supported type at 24 kbit/s, a chunk every 2 s", async () => {
    const now = { ms: 0 };
    const { deps, engine } = setup(now);
    const capture = await VoiceCapture.start(deps, { draftId: "d-1", field: "account" }, () => undefined);

    expect(deps.getUserMedia).toHaveBeenCalledWith({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true },
    });
    expect(FakeRecorder.last!.options).toEqual({
      mimeType: "audio/ogg;codecs=opus",
      audioBitsPerSecond: VOICE_BITS_PER_SECOND,
    });
    expect(FakeRecorder.last!.timeslice).toBe(CHUNK_MS);
    expect(engine.beginRecording).toHaveBeenCalledWith("d-1", "account", "audio/ogg;codecs=opus");
    expect(capture.mime).toBe("audio/ogg;codecs=opus");
  });

  it("hands chunks over in order with the time recorded, pauses left out", async () => {
    const now = { ms: 0 };
    const { deps, stored } = setup(now);
    const capture = await VoiceCapture.start(deps, { draftId: "d-1", field: "account" }, () => undefined);
    const recorder = FakeRecorder.last!;

    now.ms = 2_000;
    recorder.emit("a");
    await new Promise((resolve) => setTimeout(resolve, 0)); // the browser delivers it
    capture.pause();
    now.ms = 60_000; // a minute of pause
    capture.resume();
    now.ms = 61_000;
    const recorded = await capture.stop();

    expect(recorded).toBe(3_000);
    expect(await Promise.all(stored.map((chunk) => chunk.text))).toEqual(["a", "last"]);
    expect(stored.map((chunk) => chunk.activeMs)).toEqual([2_000, 3_000]);
  });

  it("stops by itself at the 20-minute limit", async () => {
    vi.useFakeTimers();
    const now = { ms: 0 };
    const { deps } = setup(now);
    const onLimit = vi.fn();
    await VoiceCapture.start(deps, { draftId: "d-1", field: "account" }, onLimit);

    now.ms = MEDIA_LIMITS.voiceMs - 1;
    vi.advanceTimersByTime(MEDIA_LIMITS.voiceMs - 1);
    expect(onLimit).not.toHaveBeenCalled();
    now.ms = MEDIA_LIMITS.voiceMs;
    vi.advanceTimersByTime(1);
    expect(onLimit).toHaveBeenCalledOnce();
  });

  it("says plainly when the microphone is refused or absent", async () => {
    const { deps } = setup({ ms: 0 });
    const refuse = (name: string) => vi.fn(async () => Promise.reject(Object.assign(new Error(name), { name })));
    await expect(
      VoiceCapture.start({ ...deps, getUserMedia: refuse("NotAllowedError") }, { draftId: "d", field: "f" }, vi.fn()),
    ).rejects.toEqual(new MicrophoneError("denied"));
    await expect(
      VoiceCapture.start({ ...deps, getUserMedia: refuse("NotFoundError") }, { draftId: "d", field: "f" }, vi.fn()),
    ).rejects.toMatchObject({ code: "absent" });
  });
});
