/** The contract between the drain and whatever uploads a sealed photo (tus in the app, a fake in tests). */
import type { CiphertextSource } from "../store/attachmentPieces";
import type { SyncErrorCode } from "./errors";

/** One photo ciphertext to upload, and where an earlier attempt left it. */
export interface UploadTask {
  attachmentId: string;
  /** SHA-256 of the ciphertext, lowercase hex. */
  sha256: string;
  /** The age file, read a range at a time (never assembled whole in memory). */
  ciphertext: CiphertextSource;
  /** The upload URL from an earlier attempt (resume with HEAD), or null to create one. */
  uploadUrl: string | null;
}

/** What the uploader reports while it works. */
export interface UploadEvents {
  /** The upload was created: the URL is saved before any byte is sent, so a crash resumes it. */
  onUploadUrl(url: string): Promise<void>;
  /** Bytes sent so far (live progress; not yet acknowledged). */
  onProgress(bytesSent: number): void;
  /** The server's durable offset after a chunk (tus `Upload-Offset`). */
  onAcknowledged(offset: number): void;
}

/** Done (the server holds the whole file with its SHA-256), or why not. */
export type UploadOutcome = { ok: true } | { ok: false; error: SyncErrorCode };

/** Uploads sealed photos; `abortAll` stops every upload in flight (quick exit, wipe). */
export interface Uploader {
  upload(task: UploadTask, events: UploadEvents): Promise<UploadOutcome>;
  abortAll(): void;
}
