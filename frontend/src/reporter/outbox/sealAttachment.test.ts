/**
 * Streamed sealing: a file becomes 1 MiB pieces of ciphertext that reassemble to an age file the
 * reviewer opens to the same bytes; both SHA-256 agree with WebCrypto's; the plaintext the phone
 * read is zeroed; a file over the limit is refused unread; removing the attachment removes its pieces.
 */
import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import { open } from "../../shared/crypto";
import { WEBCRYPTO_DIGEST_BYTES } from "../../shared/crypto/digest";
import { MEDIA_LIMITS } from "../../shared/report/media";
import { PIECE_BYTES, piecesOf, sweepOrphanPieces } from "../store/attachmentPieces";
import { openKuaDb } from "../store/db";
import { hex256 } from "./testing/fakeIntake";
import { harness } from "./testing/harness";
import { storedAgeFile } from "./testing/stored";
import { AttachmentTooLargeError, blobSha256, sealAttachment } from "./sealAttachment";

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
  return bytes;
}

/** A Blob whose stream hands out chunks the test keeps, to see what happened to them afterwards. */
function watchedBlob(bytes: Uint8Array<ArrayBuffer>, step: number): { blob: Blob; handedOut: Uint8Array[] } {
  const handedOut: Uint8Array[] = [];
  const blob = new Blob([bytes]);
  Object.defineProperty(blob, "stream", {
    value: () => {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= bytes.length) return controller.close();
          const chunk = bytes.slice(at, at + step);
          handedOut.push(chunk);
          controller.enqueue(chunk);
          at += step;
        },
      });
    },
  });
  return { blob, handedOut };
}

describe("sealing an attachment as a stream", () => {
  it("stores 1 MiB pieces of bytes that reassemble to an age file opening to the original", async () => {
    const h = await harness();
    const db = await openKuaDb();
    const original = randomBytes(2 * PIECE_BYTES + 12_345);

    const sealed = await sealAttachment(db, [h.reviewer.recipient], "draft-1", new Blob([original]));

    const pieces = await db.getAll("attachmentPieces", piecesOf(sealed.attachmentId));
    expect(pieces.map((piece) => piece.seq)).toEqual([0, 1, 2]);
    expect(pieces.every((piece) => piece.ciphertext instanceof Uint8Array)).toBe(true);
    expect(pieces.map((piece) => piece.ciphertext.length)).toEqual([
      PIECE_BYTES,
      PIECE_BYTES,
      sealed.bytes - 2 * PIECE_BYTES,
    ]);
    const record = await db.get("attachments", sealed.attachmentId);
    expect(record).toMatchObject({ draftId: "draft-1", pieces: 3, bytes: sealed.bytes, sha256: sealed.sha256 });
    expect(record?.ciphertext).toBeUndefined();
    const ageFile = await storedAgeFile(db, sealed.attachmentId);
    expect(ageFile?.length).toBe(sealed.bytes);
    expect(await hex256(new Uint8Array(await open(ageFile!, [h.reviewer.identity])))).toBe(await hex256(original));
    db.close();
  });

  it.each([
    ["a photo's size (WebCrypto on a copy)", PIECE_BYTES + 1],
    ["a large file's size (hashed as it passes)", WEBCRYPTO_DIGEST_BYTES + 1],
  ])("declares SHA-256 digests that WebCrypto computes alike, for %s", async (_, size) => {
    const h = await harness();
    const db = await openKuaDb();
    const original = randomBytes(size);

    const sealed = await sealAttachment(db, [h.reviewer.recipient], "draft-1", new Blob([original]));

    expect(sealed.originalSha256).toBe(await hex256(original));
    expect(sealed.sha256).toBe(await hex256((await storedAgeFile(db, sealed.attachmentId))!));
    expect(await blobSha256(new Blob([original]))).toBe(sealed.originalSha256);
    db.close();
  });

  it("zeroes every plaintext chunk it read, without changing what was sealed", async () => {
    const h = await harness();
    const db = await openKuaDb();
    const original = randomBytes(300_000);
    const { blob, handedOut } = watchedBlob(original, 10_000);

    const sealed = await sealAttachment(db, [h.reviewer.recipient], "draft-1", blob);

    expect(handedOut).toHaveLength(30);
    expect(handedOut.every((chunk) => chunk.every((byte) => byte === 0))).toBe(true);
    expect(sealed.originalSha256).toBe(await hex256(original));
    const opened = await open((await storedAgeFile(db, sealed.attachmentId))!, [h.reviewer.identity]);
    expect(await hex256(new Uint8Array(opened))).toBe(await hex256(original));
    db.close();
  });

  it("refuses a file over the limit before reading a byte of it", async () => {
    const h = await harness();
    const db = await openKuaDb();
    const huge = { size: MEDIA_LIMITS.attachmentBytes + 1, stream: () => expect.unreachable() } as unknown as Blob;

    await expect(sealAttachment(db, [h.reviewer.recipient], "draft-1", huge)).rejects.toBeInstanceOf(
      AttachmentTooLargeError,
    );
    // Just under the limit in plaintext, over it once padded and sealed: still refused unread.
    const almost = { size: MEDIA_LIMITS.attachmentBytes - 10, stream: () => expect.unreachable() } as unknown as Blob;
    await expect(sealAttachment(db, [h.reviewer.recipient], "draft-1", almost)).rejects.toMatchObject({
      name: "AttachmentTooLargeError",
    });
    expect([await db.count("attachments"), await db.count("attachmentPieces")]).toEqual([0, 0]);
    db.close();
  });

  it("leaves no piece behind when the file changes while it is read", async () => {
    const h = await harness();
    const db = await openKuaDb();
    const { blob } = watchedBlob(randomBytes(3 * PIECE_BYTES), 65_536);
    Object.defineProperty(blob, "size", { value: 2 * PIECE_BYTES });

    await expect(sealAttachment(db, [h.reviewer.recipient], "draft-1", blob)).rejects.toThrow(/longer|More than/);

    expect([await db.count("attachments"), await db.count("attachmentPieces")]).toEqual([0, 0]);
    db.close();
  });

  it("removes the pieces with the photo", async () => {
    const h = await harness();
    const ref = await h.engine.attachPhoto("draft-1", new Blob([randomBytes(3 * PIECE_BYTES)]), { downscale: false });
    const db = await openKuaDb();
    expect(await db.count("attachmentPieces")).toBe(4); // 3 MiB padded and sealed: just over 3 pieces
    expect(ref.previewAttachmentId).toBeNull(); // no image decoder in Node: no preview

    await h.engine.removePhoto(ref.attachmentId);

    expect([await db.count("attachments"), await db.count("attachmentPieces")]).toEqual([0, 0]);
    db.close();
  });

  it("sweeps, as the app opens, the pieces of a file whose sealing a killed page cut short", async () => {
    const h = await harness();
    const db = await openKuaDb();
    const kept = await sealAttachment(db, [h.reviewer.recipient], "draft-1", new Blob([randomBytes(1000)]));
    // Given pieces written before the page died, with no attachment record naming them.
    await db.put("attachmentPieces", { attachmentId: "cut-short", seq: 0, ciphertext: new Uint8Array(PIECE_BYTES) });
    await db.put("attachmentPieces", { attachmentId: "cut-short", seq: 1, ciphertext: new Uint8Array(10) });

    await sweepOrphanPieces(db);

    expect(await db.count("attachmentPieces", piecesOf("cut-short"))).toBe(0);
    expect(await db.count("attachmentPieces", piecesOf(kept.attachmentId))).toBe(1);
    db.close();
  });
});
