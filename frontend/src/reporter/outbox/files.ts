/**
 * Attaching a file picked as it is (a PDF of a document) to a draft: hash it, sign its provenance
 * with the device key, seal it to the report's attachment recipient and store only the ciphertext, like a
 * photo (./photos.ts). The file's bytes are never written to IndexedDB in the clear.
 */
import { v7 as uuidv7 } from "uuid";

import { sha256Hex } from "../../shared/crypto/digest";
import { MEDIA_LIMITS } from "../../shared/report/media";
import type { FileRef } from "../../shared/report/v2";
import type { KuaDb } from "../store/db";
import { Mutex } from "../store/mutex";
import { isoWithOffset } from "./deviceTime";
import { FileError } from "./errors";
import { attachmentRecord, fileTime } from "./attachmentRecord";
import { signAttachment } from "./provenance";
import { sealTo } from "./seal";

// One file at a time: a 50 MB PDF is held twice (plaintext and ciphertext) while it is sealed.
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
    // Checked before reading: a file far over the limit is not loaded into a cheap phone's memory.
    if (file.size > MEDIA_LIMITS.attachmentBytes) throw tooLarge();
    const plaintext = new Uint8Array(await file.arrayBuffer());
    try {
      if (!isPdf(plaintext)) throw new FileError("not_pdf", "The file is not a PDF.");
      const capturedAt = now();
      const attachmentId = uuidv7();
      const sha256 = await sha256Hex(plaintext);
      const ciphertext = await sealTo(plaintext, recipients);
      if (ciphertext.length > MEDIA_LIMITS.attachmentBytes) throw tooLarge();
      const facts = { attachmentId, kind: "pdf", sha256, capturedAt: isoWithOffset(capturedAt) } as const;
      const signature = await signAttachment(db, { ...facts, fileTime: fileTime(file) }, now());
      await db.put("attachments", await attachmentRecord(attachmentId, draftId, ciphertext, Date.now()));
      return {
        attachmentId,
        mime: "application/pdf",
        name: fileName(file),
        bytes: plaintext.length,
        sha256,
        fileTime: fileTime(file),
        capturedAt: facts.capturedAt,
        signature,
      };
    } finally {
      plaintext.fill(0);
    }
  });
}

const tooLarge = (): FileError =>
  new FileError(
    "file_too_large",
    `The file is larger than ${MEDIA_LIMITS.attachmentBytes / 1024 / 1024} MB once sealed.`,
  );
