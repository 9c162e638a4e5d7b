/**
 * What every capture path (photo, PDF, recording) stores once it has sealed: the attachments-store
 * record of the ciphertext, and the file's own time. One place, so the record the drain uploads and
 * the SHA-256 its tus metadata declares are always built alike.
 */
import { sha256Hex } from "../../shared/crypto/digest";
import type { AttachmentRecord } from "../store/db";

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
    ciphertext: new Blob([ciphertext], { type: "application/octet-stream" }),
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
