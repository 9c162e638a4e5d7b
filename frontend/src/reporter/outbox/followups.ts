/**
 * "My reports": every receipt on the phone with what the server says of it (status, follow-up
 * questions), and the family's answers. Loaded the first time the screen opens, not at start.
 *
 * - Status and sealed questions come from `POST /api/v1/reports/updates` (src/reporter/sync/updates.ts),
 *   asked with each report's reporter token; they are kept in memory only.
 * - A question is opened with the report's reply identity only while a PIN/passphrase unlocked the
 *   phone ("shown"); without a PIN the identity's key lies beside it, so the screen asks for a PIN
 *   instead ("need_pin"). Question plaintext lives in memory only, never in IndexedDB.
 * - An answer is padded JSON (`kua.answer`) sealed to the verified recipient list, stored as
 *   ciphertext in the `answers` store and sent by the drain (src/reporter/sync/drainAnswers.ts).
 */
import { v7 as uuidv7 } from "uuid";

import type { RecipientList } from "../../shared/crypto";
import type { MyReportView, MyReportsView, NotifyState, QuestionView } from "../engine/engine";
import type { ReportLabel } from "./label";
import {
  ANSWER_FORMAT,
  FOLLOWUP_VERSION,
  MAX_ANSWER_CHARS,
  NO_MEDIA,
  asQuestion,
  type Answer,
  type AnswerMedia,
  type Question,
} from "../../shared/report/followups";
import { answerAttachmentIds, checkSealedSize, hasMedia, queueAnswer } from "./answerMedia";
import { deviceFor } from "./provenance";
import type { AnswerRecord, KuaDb, ReceiptRecord } from "../store/db";
import { LockedError, type DraftsLock } from "../store/lock";
import { readAllReportKeys, readReportKeys, type ReportKeys } from "../store/reportKeys";
import { toStoredBytes } from "../store/storedBytes";
import { fetchUpdates, type ReportUpdate, type SealedQuestion } from "../sync/updates";
import { isoWithOffset } from "./deviceTime";
import { sha256Hex } from "../../shared/crypto/digest";
import { Emitter } from "./emitter";
import { notifyState, setNotify } from "./notify";
import { sealToList } from "./seal";

// Loaded with this chunk: the engine sweeps stale answer captures as "My reports" loads.
export { sweepAnswerCaptures } from "./answerMedia";

/** What "My reports" takes from the engine. */
export interface FollowupsDeps {
  readonly db: KuaDb;
  readonly lock: DraftsLock;
  readonly fetch: typeof fetch;
  readonly apiBase: string;
  readonly now: () => number;
  readonly online: () => boolean;
  readonly recipientList: () => Promise<RecipientList>;
  /** An answer was queued: send it. */
  readonly onQueued: () => void;
}

/** Asking the server more often than this (when the reporter asks) is only noise. */
const MIN_REFRESH_MS = 60_000;

/** Why an answer was not queued. */
export class AnswerError extends Error {
  override readonly name = "AnswerError";
}

/** The answer plaintext as the reviewers open it. */
export function answerPlaintext(answer: Answer): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(answer));
}

/** Opens one sealed question with the reply identity; null if it is not a question for this report. */
export async function openQuestion(
  sealed: SealedQuestion,
  reportId: string,
  replyIdentity: string,
): Promise<Question | null> {
  // The crypto chunk loads only when there is a question to open.
  const { open } = await import("../../shared/crypto");
  try {
    const ciphertext = Uint8Array.from(atob(sealed.ciphertext), (char) => char.charCodeAt(0));
    const plaintext = new TextDecoder("utf-8", { fatal: true }).decode(await open(ciphertext, [replyIdentity]));
    return asQuestion(JSON.parse(plaintext), reportId, sealed.questionId);
  } catch {
    return null;
  }
}

/** The follow-up model behind the "My reports" screen; see the module comment. */
export class Followups {
  private updates = new Map<string, ReportUpdate>();
  /** Opened questions by question id (null: could not be opened); memory only. */
  private readonly opened = new Map<string, Question | null>();
  private checkedAt: number | null = null;
  private checking = false;
  private checkFailed = false;
  private readonly views = new Emitter<MyReportsView>();
  private refreshingView = false;
  private dirty = false;
  /** The reports the push subscription was last renewed for in this session. */
  private notifiedFor = "";

  constructor(private readonly deps: FollowupsDeps) {}

  /** Calls `listener` now and after every change; asks the server. */
  watch(listener: (view: MyReportsView) => void): () => void {
    const off = this.views.on(listener);
    this.changed();
    void this.refresh(0);
    return off;
  }

  /** Whether anyone looks at the screen now. */
  get watched(): boolean {
    return this.views.size > 0;
  }

  /** Asks the server unless it answered less than `maxAgeMs` ago (or no network, or locked). */
  async refresh(maxAgeMs = MIN_REFRESH_MS): Promise<void> {
    const { db, lock, now } = this.deps;
    const key = lock.keyIfOpen();
    if (this.checking || key === null || !this.deps.online()) return;
    if (this.checkedAt !== null && now() - this.checkedAt < maxAgeMs) return;
    this.checking = true;
    this.changed();
    try {
      const [keys, receiptIds] = await Promise.all([readAllReportKeys(db, key), db.getAllKeys("receipts")]);
      const claims = receiptIds.flatMap((reportId) => {
        const own = keys.get(reportId);
        return own === undefined ? [] : [{ reportId, reporterToken: own.reporterToken }];
      });
      const updates = claims.length === 0 ? [] : await fetchUpdates(this.deps.fetch, this.deps.apiBase, claims);
      this.updates = new Map(updates.map((update) => [update.reportId, update]));
      this.checkedAt = now();
      this.checkFailed = false;
      void this.renewNotify(claims);
    } catch (error) {
      console.warn(error);
      this.checkFailed = true;
    } finally {
      this.checking = false;
      this.changed();
    }
  }

  /**
   * Seals and queues the family's answer to one question, with the photos, voice and documents captured
   * for it (draft id `answer-<questionId>`); rejects while questions are hidden. Text may be empty when
   * media is sent.
   */
  async answer(reportId: string, questionId: string, text: string, media: AnswerMedia = NO_MEDIA): Promise<void> {
    const { db, lock } = this.deps;
    if (lock.state() !== "unlocked") throw new LockedError("Answers need the PIN.");
    const trimmed = text.trim();
    if ((trimmed === "" && !hasMedia(media)) || [...trimmed].length > MAX_ANSWER_CHARS)
      throw new AnswerError("An answer must have 1 to 4000 characters, or a photo, recording or document.");
    if (!this.updates.get(reportId)?.questions.some((q) => q.questionId === questionId)) {
      throw new AnswerError("No such question for this report.");
    }
    const ids = answerAttachmentIds(media);
    const list = await this.deps.recipientList();
    const writtenAt = new Date(this.deps.now());
    const answer: Answer = {
      format: ANSWER_FORMAT,
      version: FOLLOWUP_VERSION,
      reportId,
      questionId,
      answerId: uuidv7(),
      text: trimmed,
      writtenAt: isoWithOffset(writtenAt),
      ...(hasMedia(media) ? { media, device: await deviceFor(db, media) } : {}),
    };
    const plaintext = answerPlaintext(answer);
    let ciphertext: Uint8Array<ArrayBuffer>;
    try {
      ciphertext = await sealToList(plaintext, list);
    } finally {
      plaintext.fill(0);
    }
    checkSealedSize(ciphertext);
    await queueAnswer(
      db,
      {
        answerId: answer.answerId,
        reportId,
        questionId,
        writtenAt: writtenAt.getTime(),
        ciphertext: toStoredBytes(ciphertext),
        sha256: await sha256Hex(ciphertext),
        bytes: ciphertext.length,
        receivedAt: null,
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
      },
      ids,
    );
    this.changed();
    this.deps.onQueued();
  }

  /** Turns pushes on or off; on covers every report the phone can prove. */
  async setNotify(on: boolean): Promise<NotifyState> {
    const claims = on ? await this.claims() : [];
    const state = await setNotify(on, claims);
    if (state === "on") this.notifiedFor = claims.map((c) => c.reportId).join();
    return state;
  }

  /** A report sent after pushes were turned on joins the subscription (once per session and set). */
  private async renewNotify(claims: { reportId: string; reporterToken: string }[]): Promise<void> {
    const ids = claims.map((c) => c.reportId).join();
    if (claims.length === 0 || ids === this.notifiedFor || (await notifyState()) !== "on") return;
    this.notifiedFor = ids;
    await setNotify(true, claims);
  }

  /** The report tokens, for the push subscription (empty while locked). */
  async claims(): Promise<{ reportId: string; reporterToken: string }[]> {
    const key = this.deps.lock.keyIfOpen();
    if (key === null) return [];
    const [keys, receiptIds] = await Promise.all([
      readAllReportKeys(this.deps.db, key),
      this.deps.db.getAllKeys("receipts"),
    ]);
    return receiptIds.flatMap((reportId) => {
      const own = keys.get(reportId);
      return own === undefined ? [] : [{ reportId, reporterToken: own.reporterToken }];
    });
  }

  /** The app locked again: opened questions leave memory (they are opened anew after the PIN). */
  forgetOpened(): void {
    this.opened.clear();
    this.changed();
  }

  /** Recomputes the view for the watchers; calls during a recomputation coalesce into one more. */
  changed(): void {
    if (this.views.size === 0) return;
    if (this.refreshingView) {
      this.dirty = true;
      return;
    }
    this.refreshingView = true;
    void (async () => {
      try {
        do {
          this.dirty = false;
          this.views.emit(await this.view());
        } while (this.dirty);
      } catch (error) {
        console.error(error);
      } finally {
        this.refreshingView = false;
      }
    })();
  }

  private async view(): Promise<MyReportsView> {
    const { db, lock } = this.deps;
    const tx = db.transaction(["receipts", "uploads", "answers", "reportKeys"], "readonly");
    const [receipts, uploads, answers, keyed] = await Promise.all([
      tx.objectStore("receipts").getAll(),
      tx.objectStore("uploads").getAll(),
      tx.objectStore("answers").getAll(),
      tx.objectStore("reportKeys").getAllKeys(),
    ]);
    await tx.done;
    const state = lock.state();
    const questions = state === "unlocked" ? "shown" : state === "no_pin" ? "need_pin" : "locked";
    const pendingPhotos = new Set(uploads.map((upload) => upload.attachmentId));
    const tracked = new Set(keyed);
    // Read before the updates are: no await may come between them and checkedAt below.
    const key = lock.keyIfOpen();
    const labels = key === null ? new Map<string, ReportKeys>() : await readAllReportKeys(db, key).catch(() => null);
    const reports = await Promise.all(
      [...receipts]
        .sort((a, b) => b.sealedAt - a.sealedAt)
        .map((receipt) =>
          this.reportView(
            receipt,
            tracked.has(receipt.reportId),
            pendingPhotos,
            answers,
            questions === "shown",
            labels?.get(receipt.reportId)?.label ?? null,
          ),
        ),
    );
    return {
      reports,
      questions,
      checkedAt: this.checkedAt === null ? null : new Date(this.checkedAt),
      checking: this.checking,
      checkFailed: this.checkFailed,
    };
  }

  private async reportView(
    receipt: ReceiptRecord,
    tracked: boolean,
    pendingPhotos: ReadonlySet<string>,
    answers: AnswerRecord[],
    showQuestions: boolean,
    label: ReportLabel | null,
  ): Promise<MyReportView> {
    const update = this.updates.get(receipt.reportId);
    const sealed = update?.questions ?? [];
    return {
      reportId: receipt.reportId,
      sealedAt: new Date(receipt.sealedAt),
      receivedAt: new Date(receipt.receivedAt),
      sha256: receipt.sha256,
      photosDeclared: receipt.attachments.length,
      photosReceived: receipt.attachments.filter((a) => !pendingPhotos.has(a.attachmentId)).length,
      tracked,
      status: update?.status ?? null,
      questions: showQuestions ? await this.questionViews(receipt.reportId, sealed, answers, pendingPhotos) : [],
      questionCount: sealed.length,
      label,
    };
  }

  private async questionViews(
    reportId: string,
    sealed: SealedQuestion[],
    answers: AnswerRecord[],
    pending: ReadonlySet<string>,
  ): Promise<QuestionView[]> {
    const missing = sealed.filter((q) => !this.opened.has(q.questionId));
    if (missing.length > 0) {
      const key = this.deps.lock.keyIfOpen();
      const keys: ReportKeys | null = key === null ? null : await readReportKeys(this.deps.db, key, reportId);
      if (keys === null) return [];
      for (const q of missing) this.opened.set(q.questionId, await openQuestion(q, reportId, keys.replyIdentity));
    }
    const views: QuestionView[] = [];
    for (const q of sealed) {
      const opened = this.opened.get(q.questionId);
      if (!opened) continue;
      const own = answers.filter((answer) => answer.questionId === q.questionId);
      const answer = own.some((a) => a.receivedAt !== null) ? "sent" : own.length > 0 ? "waiting" : null;
      const declared = own.flatMap((a) => a.attachments ?? []);
      const askedAt = new Date(opened.askedAt);
      views.push({
        questionId: q.questionId,
        askedAt: Number.isNaN(askedAt.getTime()) ? new Date(q.askedAt) : askedAt,
        text: opened.text,
        answer,
        attachments: {
          total: declared.length,
          received: declared.filter((a) => !pending.has(a.attachmentId)).length,
        },
      });
    }
    return views.sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime());
  }
}
