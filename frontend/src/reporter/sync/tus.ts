/**
 * Photo uploads with tus-js-client (tus 1.0.0, docs/intake.md "Attachments (tus)").
 *
 * The upload URL lives in our own IndexedDB record (src/reporter/sync/drain.ts saves it when tus-js-client
 * announces it), never in localStorage: fingerprint storage is off and the URL storage is a no-op.
 * tus-js-client's own retries are short; the drain's backoff handles long outages. Completion counts
 * only as the docs define it: the last PATCH's offset equals the length, or a HEAD shows that and
 * echoes our own SHA-256 in Upload-Metadata.
 *
 * tus-js-client is imported on first use: it is not needed to write a report, only to send photos.
 * (On import its browser build probes localStorage with a key it removes again; it stores nothing.)
 * It does not wait for `onUploadUrlAvailable`: if the app dies before the URL is saved, the next
 * attempt creates the upload again with the same id, length and SHA-256, and the server answers with
 * the same URL and keeps what it had (docs/intake.md).
 */
import type { DetailedError, FileReader, Upload, UploadOptions, UrlStorage } from "tus-js-client";

import type { CiphertextSource } from "../store/attachmentPieces";
import { codeForStatus } from "./errors";
import type { UploadEvents, UploadOutcome, UploadTask, Uploader } from "./uploader";

/** 1 MiB per PATCH: small enough to make steady progress on a poor link. */
export const CHUNK_BYTES = 1024 * 1024;
const RETRY_DELAYS_MS = [0, 1000, 3000];

/** tus-js-client must not remember uploads in localStorage: this storage remembers nothing. */
const noUrlStorage: UrlStorage = {
  findAllUploads: async () => [],
  findUploadsByFingerprint: async () => [],
  removeUpload: async () => undefined,
  addUpload: async () => "",
};

/**
 * tus-js-client's file access for a stored attachment: each PATCH reads only the pieces its range
 * needs from IndexedDB (src/reporter/store/attachmentPieces.ts), so a 50 MB file is never whole in memory.
 */
export const ciphertextReader: FileReader = {
  async openFile(input: CiphertextSource) {
    return {
      size: input.size,
      slice: async (start: number, end: number) => ({ value: await input.slice(start, end), done: end >= input.size }),
      close: () => undefined,
    };
  },
};

/** Statuses worth retrying at once: busy (409 upload_busy, offset_mismatch), locked, throttled, server. */
function shouldRetry(error: DetailedError): boolean {
  const status = error.originalResponse?.getStatus();
  if (status === undefined || status === 0) return true; // no answer: the network
  return status === 409 || status === 423 || status === 429 || status >= 500;
}

/** Decodes tus Upload-Metadata ("key base64,key base64") into a map. */
export function parseUploadMetadata(header: string): Map<string, string> {
  const metadata = new Map<string, string>();
  for (const pair of header.split(",")) {
    const [key, value] = pair.trim().split(" ");
    if (key === undefined || key === "") continue;
    try {
      metadata.set(key, value === undefined ? "" : atob(value));
    } catch {
      // Not base64: leave the key out, so a check against it fails.
    }
  }
  return metadata;
}

function outcomeOf(error: Error | DetailedError): UploadOutcome {
  const response = "originalResponse" in error ? error.originalResponse : undefined;
  const status = response?.getStatus();
  if (status === undefined || status === 0) return { ok: false, error: "offline" };
  // A 409 is passing trouble (upload_busy while the server still holds a cut connection's write,
  // offset_mismatch after a lost answer), except upload_conflict: another file under this id. So is
  // a 423 (locked). Both go back to the backoff timer (docs/reliability.md).
  if (status === 423) return { ok: false, error: "server" };
  if (status === 409 && !(response?.getBody() ?? "").includes("upload_conflict")) return { ok: false, error: "server" };
  return { ok: false, error: codeForStatus(status) };
}

/** Replacements for tus-js-client's network, file access and retry timing (tests). */
export type TusPlumbing = Pick<UploadOptions, "httpStack" | "fileReader" | "retryDelays">;

/** A tus uploader posting to `endpoint` (absolute URL of /api/v1/uploads/). */
export function createTusUploader(endpoint: string, plumbing: TusPlumbing = {}): Uploader {
  // Each running upload with the function that settles its promise (abortAll settles them too).
  const running = new Map<Upload, (outcome: UploadOutcome) => void>();

  async function upload(task: UploadTask, events: UploadEvents): Promise<UploadOutcome> {
    const { Upload } = await import("tus-js-client");
    return new Promise((settle) => {
      const resolve = (outcome: UploadOutcome): void => {
        running.delete(tus);
        settle(outcome);
      };
      const options: UploadOptions = {
        endpoint,
        metadata: { id: task.attachmentId, sha256: task.sha256 },
        chunkSize: CHUNK_BYTES,
        retryDelays: RETRY_DELAYS_MS,
        storeFingerprintForResuming: false,
        removeFingerprintOnSuccess: false,
        urlStorage: noUrlStorage,
        fileReader: ciphertextReader,
        ...plumbing,
        onShouldRetry: shouldRetry,
        onUploadUrlAvailable: () => {
          if (tus.url !== null) void events.onUploadUrl(tus.url);
        },
        onProgress: (bytesSent) => events.onProgress(bytesSent),
        onChunkComplete: (_chunk, bytesAccepted) => events.onAcknowledged(bytesAccepted),
        onSuccess: ({ lastResponse }) => {
          // XHR answers null for a missing header, whatever the types say.
          const metadata = lastResponse.getHeader("Upload-Metadata") ?? null;
          // Complete per a HEAD: only if the server holds *our* file (same SHA-256).
          const matches = metadata === null || parseUploadMetadata(metadata).get("sha256") === task.sha256;
          resolve(matches ? { ok: true } : { ok: false, error: "server" });
        },
        onError: (error) => resolve(outcomeOf(error)),
      };
      if (task.uploadUrl !== null) options.uploadUrl = task.uploadUrl;
      // Typed for Blobs only; `ciphertextReader` (or the tests' reader) is what reads it.
      const tus = new Upload(task.ciphertext as unknown as Blob, options);
      running.set(tus, resolve);
      tus.start();
    });
  }

  function abortAll(): void {
    for (const [tus, resolve] of running) {
      void tus.abort();
      resolve({ ok: false, error: "offline" });
    }
  }

  return { upload, abortAll };
}
