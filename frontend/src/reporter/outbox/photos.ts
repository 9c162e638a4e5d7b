/**
 * Attaching a photo to a draft: hash the original, optionally downscale (dropping EXIF/GPS), seal to
 * the verified recipient list at once and store only the ciphertext. No plaintext photo is ever
 * written to IndexedDB; the ciphertext waits there for the report to be submitted and uploaded.
 */
import { v7 as uuidv7 } from "uuid";

import type { RecipientList } from "../../shared/crypto";
import type { PhotoOptions } from "../engine/engine";
import type { PhotoRef } from "../../shared/report/v2";
import { isoWithOffset } from "./deviceTime";
import type { KuaDb } from "../store/db";
import { Mutex } from "../store/mutex";
import { sha256Hex } from "../../shared/crypto/digest";
import { downscale } from "./downscale";
import { PhotoError } from "./errors";
import { sealToList } from "./seal";

/** The server's default tus limit (KUA_MAX_ATTACHMENT_BYTES): a larger sealed photo would be refused. */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

// One photo at a time: each decoded photo may take tens of megabytes.
const oneAtATime = new Mutex();

/** The file's own time (lastModified): what the gallery says, not when the photo was taken. */
function fileTime(photo: Blob): string | null {
  return typeof File !== "undefined" && photo instanceof File && photo.lastModified > 0
    ? new Date(photo.lastModified).toISOString()
    : null;
}

/** The downscaled, re-encoded photo (EXIF and GPS dropped) and its size in pixels. */
async function downscaled(photo: Blob): Promise<{ bytes: Uint8Array<ArrayBuffer>; width: number; height: number }> {
  try {
    const { blob, width, height } = await downscale(photo);
    return { bytes: new Uint8Array(await blob.arrayBuffer()), width, height };
  } catch (error) {
    throw new PhotoError("unreadable", "The photo could not be decoded to downscale it.", { cause: error });
  }
}

/** Seals `photo` for draft `draftId` to `list` and stores its ciphertext; returns the draft's reference. */
export function attachPhoto(
  db: KuaDb,
  list: RecipientList,
  draftId: string,
  photo: Blob,
  options: PhotoOptions,
): Promise<PhotoRef> {
  return oneAtATime.run(async () => {
    const original = new Uint8Array(await photo.arrayBuffer());
    const originalSha256 = await sha256Hex(original);
    const { bytes, width, height } = options.downscale
      ? await downscaled(photo)
      : { bytes: original, width: null, height: null };
    const sealedSha256 = bytes === original ? originalSha256 : await sha256Hex(bytes);
    const ciphertext = await sealToList(bytes, list);
    original.fill(0);
    bytes.fill(0);
    if (ciphertext.length > MAX_ATTACHMENT_BYTES) {
      throw new PhotoError("too_large", "The photo is too large to send; attach it downscaled.");
    }
    const attachmentId = uuidv7();
    await db.put("attachments", {
      attachmentId,
      draftId,
      ciphertext: new Blob([ciphertext], { type: "application/octet-stream" }),
      bytes: ciphertext.length,
      sha256: await sha256Hex(ciphertext),
      createdAt: Date.now(),
    });
    return {
      attachmentId,
      originalSha256,
      sealedSha256,
      capturedAt: isoWithOffset(new Date(options.capturedAt ?? Date.now())),
      fileTime: fileTime(photo),
      downscaled: options.downscale,
      width,
      height,
      mime: photo.type || null,
      bytes: photo.size,
      source: options.source ?? null,
      previewAttachmentId: null,
      signature: null,
    };
  });
}

/** Removes a photo from its draft; one already part of a submitted report stays (it will be sent). */
export async function removePhoto(db: KuaDb, attachmentId: string): Promise<void> {
  const tx = db.transaction(["attachments", "uploads"], "readwrite");
  if ((await tx.objectStore("uploads").count(attachmentId)) === 0) {
    await tx.objectStore("attachments").delete(attachmentId);
  }
  await tx.done;
}
