/** Test-only: a manual clock and a scripted photo uploader for the drain. Never imported by the app. */
import type { Timers } from "../../sync/drain";
import type { UploadEvents, UploadOutcome, UploadTask, Uploader } from "../../sync/uploader";

/** Time that moves only when the test says so. */
export class ManualTimers implements Timers {
  private current = Date.parse("2026-11-25T12:00:00Z");
  private nextId = 1;
  readonly pending = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.current + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** When the earliest timer is due, or null. */
  nextDue(): number | null {
    const times = [...this.pending.values()].map((timer) => timer.at);
    return times.length === 0 ? null : Math.min(...times);
  }

  /** Moves time forward by `ms`, firing every timer that falls due. */
  advance(ms: number): void {
    this.current += ms;
    for (const [id, timer] of [...this.pending]) {
      if (timer.at <= this.current) {
        this.pending.delete(id);
        timer.callback();
      }
    }
  }
}

/** An uploader that "uploads" instantly, or fails as scripted. */
export class ScriptedUploader implements Uploader {
  readonly outcomes: UploadOutcome[] = [];
  readonly uploaded = new Map<string, Uint8Array>();
  readonly tasks: UploadTask[] = [];

  async upload(task: UploadTask, events: UploadEvents): Promise<UploadOutcome> {
    this.tasks.push(task);
    const outcome = this.outcomes.shift() ?? { ok: true };
    if (task.uploadUrl === null) await events.onUploadUrl(`https://kua.test/api/v1/uploads/${task.attachmentId}`);
    if (outcome.ok) {
      events.onProgress(task.ciphertext.size);
      events.onAcknowledged(task.ciphertext.size);
      const whole = await task.ciphertext.slice(0, task.ciphertext.size);
      this.uploaded.set(task.attachmentId, new Uint8Array(await whole.arrayBuffer()));
    }
    return outcome;
  }

  abortAll(): void {}
}
