/**
 * The drain: sends everything in the outbox, one pass at a time.
 *
 * For each sealed report (happening-now first, then oldest first): PUT the report and check its
 * receipt, then upload its photos with tus. Nothing is deleted without proof: the report ciphertext
 * only after a receipt naming its id and SHA-256, a photo only after the server holds all of it.
 * Then the answers to follow-up questions and their attachments, with the same rule
 * (src/reporter/sync/drainAnswers.ts).
 * Only one pass runs at a time; a call during a pass asks for one more pass after it. After a pass
 * with failures the next one is scheduled with exponential backoff and jitter (src/reporter/sync/backoff.ts);
 * every other wake-up (online, app opened, Background Sync, "Send now") calls `run` directly.
 */
import { deleteAttachment, storedCiphertext } from "../store/attachmentPieces";
import type { AttachmentRecord, DeclaredAttachment, KuaDb, OutboxRecord, ReceiptRecord } from "../store/db";
import { backoffDelay } from "./backoff";
import type { SyncErrorCode } from "./errors";
import { putReport, type CheckedReceipt } from "./putReport";
import { ServerWatch } from "./serverWatch";
import type { Uploader } from "./uploader";
import { owesWithdrawal, sendWithdrawals } from "./withdrawals";

/** Timers, injectable so tests control time. */
export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What the drain needs from the rest of the engine. */
export interface DrainDeps {
  readonly db: KuaDb;
  readonly fetch: typeof fetch;
  readonly apiBase: string;
  readonly uploader: Uploader;
  readonly timers: Timers;
  readonly random: () => number;
  /** Called after every change the outbox views should show (progress included). */
  readonly onChange: () => void;
  /** The lock key (answers need the report's token), or null while the PIN is not entered. */
  readonly lockKey?: () => CryptoKey | null;
  /**
   * Whether watching for the server's return makes sense now (page visible, phone online); absent: never
   * (src/reporter/sync/serverWatch.ts).
   */
  readonly worthProbing?: () => boolean;
}

/** What the drain is doing right now, for the views: which report, and live bytes per photo. */
export interface DrainActivity {
  readonly sendingReportId: string | null;
  readonly liveBytes: ReadonlyMap<string, number>;
}

const PROGRESS_EVERY_MS = 250;

/** Happening-now reports first, then the oldest first. */
export function sendingOrder(items: OutboxRecord[]): OutboxRecord[] {
  return [...items].sort((a, b) => Number(b.happeningNow) - Number(a.happeningNow) || a.sealedAt - b.sealedAt);
}

/** One outbox drain per engine; see the module comment. */
export class Drain {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private retryTimer: unknown = null;
  private sendingReportId: string | null = null;
  private readonly liveBytes = new Map<string, number>();
  private readonly abort = new AbortController();
  private lastProgressAt = 0;
  /** The attachment being uploaded now, and originals the relative stopped while they were. */
  private uploadingId: string | null = null;
  private readonly stopping = new Set<string>();
  /** Probes for the server while something waits after a request got no answer. */
  private readonly watch: ServerWatch;
  /** A report just queued whose sender waits until its PUT is on its way (`sendFirst`). */
  private putWaiter: { reportId: string; release: () => void } | null = null;

  constructor(private readonly deps: DrainDeps) {
    this.watch = new ServerWatch({
      fetch: deps.fetch,
      apiBase: deps.apiBase,
      timers: deps.timers,
      worthProbing: deps.worthProbing ?? (() => false),
      onAnswer: () => void this.run(),
    });
  }

  /** Starts a pass, or asks the running one for one more pass; resolves when the drain is idle. */
  run(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running !== null) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
      this.releasePutWaiter();
    });
    return this.running;
  }

  /**
   * Starts a pass for `reportId`, just queued, and resolves once its PUT is handed to the network, so
   * that the caller's screen work (a second of rendering at 6x CPU) overlaps the upload instead of
   * delaying it. Resolves at once when a pass is already running, and as soon as another item goes
   * first or the pass ends without sending it: nothing waits on other reports.
   */
  sendFirst(reportId: string): Promise<void> {
    if (this.stopped || this.running !== null) {
      void this.run();
      return Promise.resolve();
    }
    const issued = new Promise<void>((release) => (this.putWaiter = { reportId, release }));
    void this.run();
    return issued;
  }

  /** Releases the `sendFirst` caller unless it waits for `reportId`'s PUT (null: release anyway). */
  private releasePutWaiter(unless: string | null = null): void {
    if (this.putWaiter === null || this.putWaiter.reportId === unless) return;
    this.putWaiter.release();
    this.putWaiter = null;
  }

  /** Resolves when no pass is running (without asking for one). */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** Stops for good (wipe): aborts the request and uploads in flight, cancels the retry timer. */
  stop(): void {
    this.stopped = true;
    this.releasePutWaiter();
    this.abort.abort();
    this.deps.uploader.abortAll();
    this.cancelRetry();
    this.watch.stop();
  }

  /** Whether the drain is probing for the server's return (tests). */
  watchingServer(): boolean {
    return this.watch.active();
  }

  /** What is being sent now. */
  activity(): DrainActivity {
    return { sendingReportId: this.sendingReportId, liveBytes: this.liveBytes };
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.pass();
      } catch (error) {
        if (this.stopped) return;
        // An IndexedDB failure, not a network one: log it and let the next wake-up try again.
        console.error(error);
      }
    } while (this.again && !this.stopped);
  }

  private async pass(): Promise<void> {
    this.cancelRetry();
    const items = sendingOrder(await this.deps.db.getAll("outbox"));
    let offline = false;
    for (const item of items) {
      if (this.stopped) return;
      // Once one request found no network, the others would too: record that without trying.
      const error: SyncErrorCode | null = offline ? "offline" : await this.send(item);
      offline ||= error === "offline";
      if (error !== null) await this.recordFailure(item.reportId, error);
    }
    if (this.stopped) return;
    await this.sendAnswers(offline);
    const unanswered = await this.scheduleRetry();
    // A request got no answer: notice the server's return in seconds rather than at the next backoff.
    if (unanswered && !this.stopped && (this.deps.worthProbing?.() ?? false)) this.watch.start();
    else this.watch.stop();
  }

  /** Answers to follow-up questions; their code loads only when one is waiting. */
  private async sendAnswers(offline: boolean): Promise<void> {
    const { db, fetch, apiBase, timers, random, onChange, lockKey = () => null } = this.deps;
    if ((await db.count("answers")) === 0) return;
    const { sendAnswers } = await import("./drainAnswers");
    await sendAnswers(
      {
        db,
        fetch,
        apiBase,
        now: () => timers.now(),
        random,
        lockKey,
        onChange,
        uploadAttachment: (attachmentId) => this.uploadAttachment(attachmentId),
      },
      offline,
      this.abort.signal,
    );
  }

  /** Sends one report and its photos; null when all went through. */
  private async send(item: OutboxRecord): Promise<SyncErrorCode | null> {
    this.sendingReportId = item.reportId;
    this.releasePutWaiter(item.reportId);
    // With a report to PUT, the views hear of it once the request is on its way: their reads and the
    // screen's rendering took 150 ms or more at 6x CPU, all before the PUT.
    if (item.ciphertext === null) this.deps.onChange();
    try {
      if (item.ciphertext !== null) {
        // The bytes sent are those read when the PUT is marked begun: a re-seal can no longer replace them.
        const started = await this.markPutStarted(item.reportId);
        if (started === undefined) return null; // gone (another tab finished it)
        if (started.ciphertext !== null) {
          const putting = putReport(
            this.deps.fetch,
            this.deps.apiBase,
            { ...started, ciphertext: started.ciphertext },
            this.abort.signal,
          );
          this.releasePutWaiter();
          this.deps.onChange();
          const outcome = await putting;
          if (!outcome.ok) return outcome.error;
          await this.recordReceipt(started, outcome.receipt);
        } else {
          this.deps.onChange();
        }
      }
      for (const { attachmentId } of item.attachments) {
        const error = await this.uploadAttachment(attachmentId);
        if (error !== null) return error;
      }
      const { db, fetch, apiBase, lockKey = () => null } = this.deps;
      const withdrawn = await sendWithdrawals({ db, fetch, apiBase, lockKey }, item.reportId, this.abort.signal);
      if (withdrawn !== null) return withdrawn;
      await this.finishIfComplete(item.reportId);
      return null;
    } finally {
      this.sendingReportId = null;
      this.deps.onChange();
    }
  }

  /**
   * Records that a PUT of this report begins (once), and returns the record as it is now: from here on
   * the server may hold these bytes, so src/reporter/outbox/reseal.ts leaves them alone.
   */
  private async markPutStarted(reportId: string): Promise<OutboxRecord | undefined> {
    const tx = this.deps.db.transaction("outbox", "readwrite");
    const current = await tx.store.get(reportId);
    if (current !== undefined && current.ciphertext !== null && current.putStartedAt === undefined) {
      await tx.store.put({ ...current, putStartedAt: this.deps.timers.now() });
    }
    await tx.done;
    return current;
  }

  /**
   * Keeps only the receipt: the report ciphertext and its plaintext at rest are dropped in the same
   * transaction, and the outbox entry too when no attachment is left to upload (the report shows
   * "sent" one transaction and one refresh of the views sooner).
   */
  private async recordReceipt(item: OutboxRecord, checked: CheckedReceipt): Promise<void> {
    const tx = this.deps.db.transaction(["outbox", "receipts", "uploads"], "readwrite");
    const [current, pending] = await Promise.all([
      tx.objectStore("outbox").get(item.reportId),
      tx.objectStore("uploads").index("byReport").count(item.reportId),
    ]);
    if (current !== undefined) {
      const receipt: ReceiptRecord = {
        reportId: item.reportId,
        sealedAt: item.sealedAt,
        receivedAt: checked.receivedAt,
        sha256: checked.sha256,
        happeningNow: item.happeningNow,
        attachments: item.attachments,
      };
      const { plaintextAtRest: _gone, ...kept } = current;
      const outbox = tx.objectStore("outbox");
      await Promise.all([
        tx.objectStore("receipts").put(receipt),
        pending === 0
          ? outbox.delete(item.reportId)
          : outbox.put({ ...kept, ciphertext: null, attempts: 0, nextAttemptAt: null, lastError: null }),
      ]);
    }
    await tx.done;
    this.deps.onChange();
  }

  private async uploadAttachment(attachmentId: string): Promise<SyncErrorCode | null> {
    const { db } = this.deps;
    const [upload, attachment] = await Promise.all([
      db.get("uploads", attachmentId),
      db.get("attachments", attachmentId),
    ]);
    if (upload === undefined) return null; // finished in an earlier pass
    if (attachment === undefined) {
      // The ciphertext is gone (should not happen): nothing left to send, so do not retry forever.
      console.error(`Attachment ${attachmentId} has an upload but no ciphertext; dropping it.`);
      await this.completeAttachment(attachmentId);
      return null;
    }
    return this.upload(attachment, upload.uploadUrl);
  }

  private async upload(attachment: AttachmentRecord, uploadUrl: string | null): Promise<SyncErrorCode | null> {
    const { attachmentId } = attachment;
    // Progress writes are chained so none lands after the record is deleted.
    let writes: Promise<void> = Promise.resolve();
    const update = (change: { uploadUrl?: string; sentBytes?: number }): Promise<void> => {
      writes = writes
        .then(() => this.updateUpload(attachmentId, change))
        .catch((error: unknown) => console.error(error));
      return writes;
    };
    this.uploadingId = attachmentId;
    const outcome = await this.deps.uploader.upload(
      { attachmentId, sha256: attachment.sha256, ciphertext: storedCiphertext(this.deps.db, attachment), uploadUrl },
      {
        onUploadUrl: (url) => update({ uploadUrl: url }),
        onAcknowledged: (offset) => {
          this.liveBytes.set(attachmentId, offset);
          void update({ sentBytes: offset }).then(() => this.deps.onChange());
        },
        onProgress: (bytesSent) => this.progress(attachmentId, bytesSent),
      },
    );
    await writes;
    this.uploadingId = null;
    this.liveBytes.delete(attachmentId);
    // Stopped by the relative (its records are gone): not a failure, go on with the rest.
    if (this.stopping.delete(attachmentId)) return null;
    if (!outcome.ok) return outcome.error;
    await this.completeAttachment(attachmentId);
    return null;
  }

  private progress(attachmentId: string, bytesSent: number): void {
    this.liveBytes.set(attachmentId, bytesSent);
    const now = this.deps.timers.now();
    if (now - this.lastProgressAt < PROGRESS_EVERY_MS) return;
    this.lastProgressAt = now;
    this.deps.onChange();
  }

  private async updateUpload(attachmentId: string, change: { uploadUrl?: string; sentBytes?: number }): Promise<void> {
    const tx = this.deps.db.transaction("uploads", "readwrite");
    const current = await tx.store.get(attachmentId);
    if (current !== undefined) await tx.store.put({ ...current, ...change });
    await tx.done;
  }

  /** The server holds the whole photo: its ciphertext and upload state go. */
  private async completeAttachment(attachmentId: string): Promise<void> {
    const tx = this.deps.db.transaction(["attachments", "attachmentPieces", "uploads"], "readwrite");
    await Promise.all([deleteAttachment(tx, attachmentId), tx.objectStore("uploads").delete(attachmentId), tx.done]);
    this.deps.onChange();
  }

  /**
   * The relative stops a photo's original (its small copy is sent): its ciphertext and upload record go,
   * and it is marked stopped in the outbox item (and the receipt, if in). An upload of it in flight is
   * aborted; the report is finished once everything else is sent. False when it was sent whole already
   * or is not an original of that report.
   */
  async stopOriginal(reportId: string, attachmentId: string): Promise<boolean> {
    const tx = this.deps.db.transaction(
      ["outbox", "receipts", "uploads", "attachments", "attachmentPieces"],
      "readwrite",
    );
    const [item, receipt, upload] = await Promise.all([
      tx.objectStore("outbox").get(reportId),
      tx.objectStore("receipts").get(reportId),
      tx.objectStore("uploads").get(attachmentId),
    ]);
    const declared = item?.attachments.find((attachment) => attachment.attachmentId === attachmentId);
    if (item === undefined || declared?.role !== "original" || upload === undefined) {
      await tx.done;
      return false;
    }
    const mark = (attachments: DeclaredAttachment[], pending: object = {}): DeclaredAttachment[] =>
      attachments.map((a) => (a.attachmentId === attachmentId ? { ...a, stopped: true, ...pending } : a));
    await Promise.all([
      // Until the server acknowledges the withdrawal (src/reporter/sync/withdrawals.ts), the item stays.
      tx.objectStore("outbox").put({ ...item, attachments: mark(item.attachments, { withdrawalPending: true }) }),
      ...(receipt ? [tx.objectStore("receipts").put({ ...receipt, attachments: mark(receipt.attachments) })] : []),
      tx.objectStore("uploads").delete(attachmentId),
      deleteAttachment(tx, attachmentId),
      tx.done,
    ]);
    if (this.uploadingId === attachmentId) {
      this.stopping.add(attachmentId);
      // One upload runs at a time: this aborts only the original's.
      this.deps.uploader.abortAll();
    }
    await this.finishIfComplete(reportId);
    void this.run(); // tell the server now if online; else the usual wake-ups and backoff do
    return true;
  }

  /** Drops the outbox entry once the receipt is in and no photo is left to upload. */
  private async finishIfComplete(reportId: string): Promise<void> {
    const tx = this.deps.db.transaction(["outbox", "uploads"], "readwrite");
    const [item, pending] = await Promise.all([
      tx.objectStore("outbox").get(reportId),
      tx.objectStore("uploads").index("byReport").count(reportId),
    ]);
    if (item !== undefined && item.ciphertext === null && pending === 0 && !owesWithdrawal(item.attachments))
      await tx.objectStore("outbox").delete(reportId);
    await tx.done;
    this.deps.onChange();
  }

  private async recordFailure(reportId: string, error: SyncErrorCode): Promise<void> {
    const tx = this.deps.db.transaction("outbox", "readwrite");
    const current = await tx.store.get(reportId);
    if (current !== undefined) {
      const attempts = current.attempts + 1;
      // A refusal will not change by waiting: no automatic retry (the next wake-up still tries).
      const nextAttemptAt =
        error === "refused" ? null : this.deps.timers.now() + backoffDelay(attempts, this.deps.random);
      await tx.store.put({ ...current, attempts, nextAttemptAt, lastError: error });
    }
    await tx.done;
    this.deps.onChange();
  }

  /** Sets the backoff timer; true when something waits because its last request got no answer at all. */
  private async scheduleRetry(): Promise<boolean> {
    const [items, answers] = await Promise.all([this.deps.db.getAll("outbox"), this.deps.db.getAll("answers")]);
    const waiting = [...items, ...answers];
    const unanswered = waiting.some((item) => item.lastError === "offline");
    const due = waiting.map((item) => item.nextAttemptAt).filter((at): at is number => at !== null);
    if (due.length === 0 || this.stopped) return unanswered;
    const delay = Math.max(0, Math.min(...due) - this.deps.timers.now());
    this.retryTimer = this.deps.timers.setTimeout(() => {
      this.retryTimer = null;
      void this.run();
    }, delay);
    return unanswered;
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) this.deps.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
