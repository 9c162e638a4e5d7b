/**
 * Attaching a file picked as it is (a PDF of a document) to a draft: hash it, sign its provenance
 * with the device key, seal it to the report's attachment recipient and store only the ciphertext, like a
 * photo (./photos.ts). The file's bytes are never written to IndexedDB in the clear.
 */
import { MEDIA_LIMITS } from "../../shared/report/media";
import type { FileRef } from "../../shared/report/v2";
import type { KuaDb } from "../store/db";
import { Mutex } from "../store/mutex";
import { isoWithOffset } from "./deviceTime";
import { FileError } from "./errors";
import { fileTime } from "./attachmentRecord";
import { removePhoto as removeAttachment } from "./photos";
import { signAttachment } from "./provenance";
import { AttachmentTooLargeError, sealAttachment } from "./sealAttachment";

// One file at a time: sealing is CPU-bound, two at once would only interleave.
const oneAtATime = new Mutex();

const PDF_MAGIC = "%PDF-";

/** Whether `bytes` start like a PDF (the picker's `accept` is only a hint: a gallery may hand anything). */
export function isPdf(bytes: Uint8Array): boolean {
  return [...PDF_MAGIC].every((c, i) => bytes[i] === c.charCodeAt(0));
}

const fileName = (file: Blob): string | null =>
  typeof File !== "undefined" && file instanceof File && file.name ? file.name.slice(0, 200) : null;

/** Seals PDF `file` for draft `draftId` to `recipients`, signed, and stores its ciphertext; returns its ref. */
export function attachFile(
  db: KuaDb,
  recipients: readonly string[],
  draftId: string,
  file: Blob,
  now: () => Date = () => new Date(),
): Promise<FileRef> {
  return oneAtATime.run(async () => {
    if (!isPdf(new Uint8Array(await file.slice(0, PDF_MAGIC.length).arrayBuffer()))) {
      throw new FileError("not_pdf", "The file is not a PDF.");
    }
    const capturedAt = now();
    // Sealed as a stream (./sealAttachment.ts): the size limit is checked before a byte is read.
    const sealed = await sealAttachment(db, recipients, draftId, file).catch((error: unknown) => {
      throw error instanceof AttachmentTooLargeError ? tooLarge() : error;
    });
    const { attachmentId, originalSha256: sha256 } = sealed;
    const facts = { attachmentId, kind: "pdf", sha256, capturedAt: isoWithOffset(capturedAt) } as const;
    try {
      const signature = await signAttachment(db, { ...facts, fileTime: fileTime(file) }, now());
      return {
        attachmentId,
        mime: "application/pdf",
        name: fileName(file),
        bytes: file.size,
        sha256,
        fileTime: fileTime(file),
        capturedAt: facts.capturedAt,
        signature,
      };
    } catch (error) {
      await removeAttachment(db, attachmentId);
      throw error;
    }
  });
}

const tooLarge = (): FileError =>
  new FileError(
    "file_too_large",
    `The file is larger than ${MEDIA_LIMITS.attachmentBytes / 1024 / 1024} MB once sealed.`,
  );
