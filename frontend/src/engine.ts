/**
 * What the screens may ask of the phone's storage, crypto and sync: the only door between the UI
 * (src/app) and src/store, src/outbox, src/sync, src/recipients. Implemented by `openEngine` in
 * src/outbox/engine.ts; tests may hand the UI another implementation.
 */
import type { PhotoRef, ReportDraft } from "./report/model";

/** How far one report has travelled: waiting (nothing acknowledged yet), sending, or sent. */
export type OutboxState = "waiting" | "sending" | "sent";

export interface AttachmentView {
  attachmentId: string;
  bytes: number;
  /** Bytes the server has durably acknowledged (tus offset). */
  sentBytes: number;
  done: boolean;
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
}

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
}

export interface Engine {
  lockState(): LockState;
  /** Sets (or changes) the PIN/passphrase; drafts are re-encrypted under the Argon2id-derived key. */
  setPin(pin: string): Promise<void>;
  /** False when the PIN is wrong. */
  unlock(pin: string): Promise<boolean>;

  newDraft(language: string): ReportDraft;
  listDrafts(): Promise<ReportDraft[]>;
  saveDraft(draft: ReportDraft): Promise<void>;
  deleteDraft(draftId: string): Promise<void>;

  /** Hashes the original, optionally downscales, seals to the verified recipient list and stores only ciphertext. */
  attachPhoto(draftId: string, file: Blob, options: PhotoOptions): Promise<PhotoRef>;
  removePhoto(attachmentId: string): Promise<void>;

  /** Seals the draft to the verified recipient list, queues it in the outbox, deletes the draft, starts a drain. */
  submit(draft: ReportDraft): Promise<string>;
  /** Calls `listener` now and after every change of the outbox. Returns the unsubscribe function. */
  watchOutbox(listener: (items: OutboxItemView[]) => void): () => void;
  /** The "Send now" button: one drain, now. */
  sendNow(): void;

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
}
