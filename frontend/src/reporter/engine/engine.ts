/**
 * What the screens may ask of the phone's storage, crypto and sync: the only door between the UI
 * (screens, steps, wizard, components) and store/, outbox/, sync/, recipients/. Implemented by
 * `openEngine` in ./open.ts; tests may hand the UI another implementation.
 */
import type { ReportDraftV2 } from "../../shared/report/draftV2";
import type { FileRef, PhotoRef, VoiceRef } from "../../shared/report/v2";
import type { AnswerMedia } from "../../shared/report/followups";
import type { ReportLabel } from "../outbox/label";
import type { AttachmentRole } from "../store/db";

/** How far one report has travelled: waiting (nothing acknowledged yet), sending, or sent. */
export type OutboxState = "waiting" | "sending" | "sent";

export interface AttachmentView {
  attachmentId: string;
  bytes: number;
  /** Bytes sent so far: the server's durable offset, or the live count while it is being sent. */
  sentBytes: number;
  done: boolean;
  /** A photo, a photo's small copy (sent first) or its original, a recording, a PDF. */
  role: AttachmentRole;
  /** Photos are numbered in the report's order; a small copy and its original share the number. */
  number: number;
  /** Waiting its turn (or the next try), being sent now, sent whole, or stopped by the relative. */
  state: "waiting" | "sending" | "sent" | "stopped";
  /** Whether the relative may stop it: an original not yet sent whole. */
  stoppable: boolean;
}

export interface OutboxItemView {
  reportId: string;
  sealedAt: Date;
  happeningNow: boolean;
  state: OutboxState;
  /** 0..1 over the report and its attachments, by bytes. */
  progress: number;
  attachments: AttachmentView[];
  /** Once the server's receipt checked out: only this stays on the phone. */
  receipt: { receivedAt: Date; sha256: string } | null;
  /** Why the last attempt failed, as a stable code the UI translates ("offline", "server", "refused"). */
  lastError: string | null;
  nextAttemptAt: Date | null;
  /** Kinds, village, when, first victim: only while unlocked (or without a PIN), else null. */
  label: ReportLabel | null;
}

/** The coarse state of a sent report, as the server tells the family (never internal steps). */
export type ReportStatus = "received" | "in_review" | "acted_on" | "closed";

/** A reviewer's follow-up question, opened with the report's reply identity (in memory only). */
export interface QuestionView {
  questionId: string;
  askedAt: Date;
  text: string;
  /** The family's answer: null (none yet), "waiting" (sealed, queued) or "sent" (receipt checked). */
  answer: "waiting" | "sent" | null;
  /** The answer's photos, recordings and documents: how many, and how many the server holds whole. */
  attachments: { total: number; received: number };
}

/** One sent report on the "My reports" screen. */
export interface MyReportView {
  reportId: string;
  sealedAt: Date;
  receivedAt: Date;
  sha256: string;
  photosDeclared: number;
  photosReceived: number;
  /** False for reports sent before reporter tokens existed: they show "sent" and nothing more. */
  tracked: boolean;
  /** The server's word, or null when not known (not asked yet, no network, untracked). */
  status: ReportStatus | null;
  /** Opened questions; empty unless `MyReportsView.questions` is "shown". */
  questions: QuestionView[];
  /** How many questions the server holds for this report (shown or not). */
  questionCount: number;
  /** Its owner's label (kinds, village, when, first victim): only while the PIN key is open. */
  label: ReportLabel | null;
}

/** The "My reports" screen: questions show only while a PIN/passphrase unlocked the phone. */
export interface MyReportsView {
  reports: MyReportView[];
  questions: "shown" | "need_pin" | "locked";
  /** When the server last answered, or null. */
  checkedAt: Date | null;
  checking: boolean;
  /** The last attempt to ask the server failed (no network or a bad answer). */
  checkFailed: boolean;
}

/** Whether pushes about status changes are on for this phone. */
export type NotifyState = "on" | "off" | "denied" | "unsupported" | "failed";

/** Unlocked: drafts readable. Locked: a PIN or passphrase is set and not entered in this session. */
export type LockState = "no_pin" | "locked" | "unlocked";

export interface StorageInfo {
  usageBytes: number | null;
  quotaBytes: number | null;
  persisted: boolean;
  /** True when less than 10% or 50 MB is left: the UI warns before it bites. */
  low: boolean;
}

export interface PhotoOptions {
  /** Downscale to at most 2048 px on the long side (re-encoding drops EXIF, GPS included). */
  downscale: boolean;
  /** Taken with the camera from the app, or picked from the gallery. */
  source?: "camera" | "gallery";
  /** The phone's clock (ms) when the camera or gallery returned the file; now when absent. */
  capturedAt?: number;
}

export interface Engine {
  /**
   * True when the browser lets the site keep nothing and the database lives in this page's memory
   * (src/reporter/store/openDb.ts): reports go at once while online; closing the page loses the rest.
   */
  readonly keepsNothing?: boolean;
  lockState(): LockState;
  /** Sets (or changes) the PIN/passphrase; drafts are re-encrypted under the Argon2id-derived key. */
  setPin(pin: string): Promise<void>;
  /**
   * False when the PIN is wrong. The duress PIN never resolves: everything of the family is destroyed
   * and the page reopens as a fresh install.
   */
  unlock(pin: string): Promise<boolean>;
  /** Sets the duress PIN (needs the PIN entered; refuses the PIN itself). */
  setDuressPin(pin: string): Promise<void>;
  /** Forgets the PIN key now (quick exit, auto-lock); without a PIN nothing changes. */
  lockNow(): void;
  /** Calls `listener` whenever the lock state changes (unlock, auto-lock). Returns the unsubscribe function. */
  watchLock(listener: (state: LockState) => void): () => void;
  /** How long the app may stay hidden before it locks itself (when a PIN is set), in seconds. */
  autoLockSeconds(): Promise<number>;
  setAutoLockSeconds(seconds: number): Promise<void>;

  newDraft(language: string): ReportDraftV2;
  listDrafts(): Promise<ReportDraftV2[]>;
  saveDraft(draft: ReportDraftV2): Promise<void>;
  deleteDraft(draftId: string): Promise<void>;
  /**
   * A new draft adding details to sent report `reportId` (`addsTo`), prefilled with its people, place,
   * time and kinds; not saved until its first change. Rejects with `LockedError` while locked.
   */
  draftAddingTo(reportId: string, language: string): Promise<ReportDraftV2>;

  /** Hashes the original, optionally downscales, seals to the verified recipient list and stores only ciphertext. */
  attachPhoto(draftId: string, file: Blob, options: PhotoOptions): Promise<PhotoRef>;
  removePhoto(attachmentId: string): Promise<void>;
  /**
   * Hashes a PDF, signs it, seals it to the verified recipient list and stores only ciphertext
   * (rejects with FileError "not_pdf" or "file_too_large"); `removePhoto` removes it again.
   */
  attachFile(draftId: string, file: Blob): Promise<FileRef>;

  /**
   * Voice (src/reporter/voice/): starts a recording for `field` of draft `draftId` ("answer-<id>" for
   * a follow-up answer); its chunks are encrypted as they arrive. Works locked; needs no recipient list.
   */
  beginRecording(draftId: string, field: string, mime: string): Promise<string>;
  /** Encrypts and stores the next chunk (call in order); `activeMs` is the recorded time so far. */
  addRecordingChunk(recordingId: string, chunk: Blob, activeMs: number): Promise<void>;
  /** "Listen" before "Done": the recording so far, decrypted in memory only. */
  recordingAudio(recordingId: string): Promise<Blob>;
  /** "Done": one file sealed to the verified recipient list; null when nothing was recorded. */
  finishRecording(recordingId: string, durationMs: number): Promise<{ ref: VoiceRef; audio: Blob } | null>;
  /** "Delete" before "Done": the recording and its chunks. */
  discardRecording(recordingId: string): Promise<void>;
  /** Recordings of follow-up answers finished after a killed page (in this page's memory only). */
  finishedVoice(draftId: string): Promise<VoiceRef[]>;

  /**
   * Loads what sealing needs (the crypto code, the verified list) while the relative reads the review,
   * and seals `draft` (when complete) in memory, so that Send only queues it: on a slow phone sealing is
   * a second or more. Call again when the draft changes on the review. Never throws.
   */
  prepareToSend(draft?: ReportDraftV2): void;
  /** The relative left the review: a report sealed ahead of Send is forgotten. */
  discardPreparedSend(): void;

  /** Seals the draft to the verified recipient list, queues it in the outbox, deletes the draft, starts a drain. */
  submit(draft: ReportDraftV2): Promise<string>;
  /** Calls `listener` now and after every change of the outbox. Returns the unsubscribe function. */
  watchOutbox(listener: (items: OutboxItemView[]) => void): () => void;
  /** The "Send now" button: one drain, now. */
  sendNow(): void;
  /**
   * Stops sending a photo's original (its small copy is sent): its queued ciphertext and upload go, and
   * the report counts as sent once everything else is. False when it was sent whole meanwhile.
   */
  stopOriginal(reportId: string, attachmentId: string): Promise<boolean>;

  /** Calls `listener` with the sent reports, their status and questions, now and after changes; asks the server when called. */
  watchMyReports(listener: (view: MyReportsView) => void): () => void;
  /** Asks the server again ("Check now", back online; at most every 10 s); the watchers get the result. */
  refreshMyReports(): void;
  /** Seals the answer to the recipient list, queues it in the outbox and starts a drain. */
  answerQuestion(reportId: string, questionId: string, text: string, media?: AnswerMedia): Promise<void>;
  /** Whether the phone gets a (content-free) push when a report's status changes. */
  notifyState(): Promise<NotifyState>;
  /** Turns those pushes on (asks the browser's permission) or off. */
  setNotify(on: boolean): Promise<NotifyState>;

  /** Calls `listener(true)` once a new version of the app is installed and waiting. Returns the unsubscribe function. */
  watchUpdate(listener: (ready: boolean) => void): () => void;
  /** Switches to the waiting version: the page reloads into it. */
  applyUpdate(): void;

  storageInfo(): Promise<StorageInfo>;
  /** The interface language the reporter chose (kept in IndexedDB settings), or null before any choice. */
  getLanguage(): Promise<string | null>;
  /** Remembers the interface language on the phone (never in localStorage). */
  setLanguage(tag: string): Promise<void>;

  /** IndexedDB, caches and the service worker: everything this app stored on the phone. */
  wipeEverything(): Promise<void>;
  /** The page is leaving (quick exit): locks, stops sync and timers; marks `<html data-engine="stopped">`. */
  close(): void;
}
