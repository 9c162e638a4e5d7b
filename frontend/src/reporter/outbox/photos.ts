/**
 * Attaching a photo to a draft: hash the original, keep it as it is (or, when asked, downscale it,
 * dropping EXIF/GPS), add a small preview of a large original, seal both at once to the report's
 * attachment recipient (./attachmentIdentity.ts), store only the ciphertext, and sign the original's provenance with the device key. No plaintext photo is ever
 * written to IndexedDB; the ciphertext waits there for the report to be submitted and uploaded.
 */

import type { PhotoOptions } from "../engine/engine";
import type { PhotoRef } from "../../shared/report/v2";
import { isoWithOffset } from "./deviceTime";
import { deleteAttachment } from "../store/attachmentPieces";
import type { KuaDb } from "../store/db";
import { Mutex } from "../store/mutex";
import { fileTime } from "./attachmentRecord";
import { downscale } from "./downscale";
import { PhotoError } from "./errors";
import { AttachmentTooLargeError, blobSha256, sealAttachment, type SealedAttachment } from "./sealAttachment";
import { signAttachment } from "./provenance";
import { MEDIA_LIMITS } from "../../shared/report/media";

/** The server's default tus limit (KUA_MAX_ATTACHMENT_BYTES): a larger sealed photo would be refused. */
export const MAX_ATTACHMENT_BYTES = MEDIA_LIMITS.attachmentBytes;

/**
 * An original above `minBytes` also gets a preview: on 2G a 4 MB original takes minutes, a 1024 px
 * JPEG at 0.8 (about 150 KB) seconds, so reviewers see the injury before the original arrives.
 */
export const PREVIEW = { minBytes: 1024 * 1024, maxSide: 1024, quality: 0.8 } as const;

/** Makes the preview's bytes; rejects when the photo cannot be decoded here (HEIC in most browsers). */
export type MakePreview = (photo: Blob) => Promise<Blob>;

const previewOf: MakePreview = async (photo) =>
  (await downscale(photo, { maxSide: PREVIEW.maxSide, quality: PREVIEW.quality })).blob;

// One photo at a time: each decoded photo may take tens of megabytes.
const oneAtATime = new Mutex();

/** The downscaled, re-encoded photo (EXIF and GPS dropped) and its size in pixels. */
async function downscaled(photo: Blob): Promise<{ blob: Blob; width: number; height: number }> {
  try {
    return await downscale(photo);
  } catch (error) {
    throw new PhotoError("unreadable", "The photo could not be decoded to downscale it.", { cause: error });
  }
}

function tooLarge(bytes: number): PhotoError {
  const limitMb = MAX_ATTACHMENT_BYTES / 1024 / 1024;
  return new PhotoError(
    "too_large",
    `The photo would be ${Math.ceil(bytes / 1024 / 1024)} MB sealed, over the ${limitMb} MB limit; attach a smaller copy.`,
  );
}

/** Seals `photo` to `recipients` as a stream (./sealAttachment.ts) and stores only its ciphertext for `draftId`. */
async function storeSealed(
  db: KuaDb,
  recipients: readonly string[],
  draftId: string,
  photo: Blob,
): Promise<SealedAttachment> {
  try {
    return await sealAttachment(db, recipients, draftId, photo);
  } catch (error) {
    throw error instanceof AttachmentTooLargeError ? tooLarge(error.bytes) : error;
  }
}

/** A sealed preview of a large original, or null (small, undecodable, or the preview failed). */
async function sealedPreview(
  db: KuaDb,
  recipients: readonly string[],
  draftId: string,
  photo: Blob,
  makePreview: MakePreview,
): Promise<string | null> {
  if (photo.size <= PREVIEW.minBytes) return null;
  try {
    return (await storeSealed(db, recipients, draftId, await makePreview(photo))).attachmentId;
  } catch {
    return null; // HEIC and the like: the original alone still goes
  }
}

/**
 * Seals `photo` for draft `draftId` to `recipients` (its report's attachment recipient) and stores its ciphertext; returns the draft's reference.
 * The original's bytes are sealed unchanged unless `options.downscale`; a large original also gets a
 * preview (declared, so sent, before it). The phone signs what it sealed: SHA-256 and times.
 */
export function attachPhoto(
  db: KuaDb,
  recipients: readonly string[],
  draftId: string,
  photo: Blob,
  options: PhotoOptions,
  makePreview: MakePreview = previewOf,
): Promise<PhotoRef> {
  return oneAtATime.run(async () => {
    // The original is read as a stream, never whole: hashed while sealed, or (downscaled) hashed alone.
    const small = options.downscale ? await downscaled(photo) : null;
    const sealed = await storeSealed(db, recipients, draftId, small?.blob ?? photo);
    const { attachmentId } = sealed;
    const sealedSha256 = sealed.originalSha256;
    const originalSha256 = small === null ? sealedSha256 : await blobSha256(photo);
    const [width, height] = small === null ? [null, null] : [small.width, small.height];
    const previewAttachmentId = options.downscale
      ? null
      : await sealedPreview(db, recipients, draftId, photo, makePreview);
    const capturedAt = isoWithOffset(new Date(options.capturedAt ?? Date.now()));
    const facts = { attachmentId, kind: "photo", sha256: sealedSha256, capturedAt, fileTime: fileTime(photo) } as const;
    return {
      attachmentId,
      originalSha256,
      sealedSha256,
      capturedAt,
      fileTime: facts.fileTime,
      downscaled: options.downscale,
      width,
      height,
      mime: photo.type || null,
      bytes: photo.size,
      source: options.source ?? null,
      previewAttachmentId,
      // Only what was sealed here is signed; the preview is derived from it and proves nothing.
      signature: await signAttachment(db, facts, new Date()),
    };
  });
}

/** Removes a photo from its draft; one already part of a submitted report stays (it will be sent). */
export async function removePhoto(db: KuaDb, attachmentId: string): Promise<void> {
  const tx = db.transaction(["attachments", "attachmentPieces", "uploads"], "readwrite");
  if ((await tx.objectStore("uploads").count(attachmentId)) === 0) {
    await deleteAttachment(tx, attachmentId);
  }
  await tx.done;
}
