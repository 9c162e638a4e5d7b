/**
 * The attachments-store record of a ciphertext sealed in memory, as bytes (a voice recording,
 * whose audio is in memory anyway: src/reporter/voice/recordings.ts), and the file's own time.
 * Photos and documents are sealed as a stream into pieces instead (./sealAttachment.ts).
 */
import { sha256Hex } from "../../shared/crypto/digest";
import type { AttachmentRecord } from "../store/db";
import { toStoredBytes } from "../store/storedBytes";

/** The record of `ciphertext` (an age file) waiting, for draft `draftId`, to be declared and uploaded. */
export async function attachmentRecord(
  attachmentId: string,
  draftId: string,
  ciphertext: Uint8Array<ArrayBuffer>,
  createdAt: number,
): Promise<AttachmentRecord> {
  return {
    attachmentId,
    draftId,
    ciphertext: toStoredBytes(ciphertext),
    bytes: ciphertext.length,
    sha256: await sha256Hex(ciphertext),
    createdAt,
  };
}

/** The file's own time (lastModified) as the browser gives it: what the gallery says, not when it was taken. */
export function fileTime(file: Blob): string | null {
  return typeof File !== "undefined" && file instanceof File && file.lastModified > 0
    ? new Date(file.lastModified).toISOString()
    : null;
}
