/**
 * Sealing a photo, document or recording as a stream, in memory that does not grow with the file
 * (issue 21: a 50 MB file on a phone with 1-2 GB): `blob.stream()` -> Padmé padding -> age STREAM ->
 * 1 MiB pieces of ciphertext written to IndexedDB one by one, each write awaited (so a slow disk slows
 * the reading, not the heap). The SHA-256 of the plaintext (the photo's `originalSha256`) and of the
 * ciphertext (tus `sha256` metadata) are computed on the way (src/shared/crypto/digest.ts sha256Stream). The record goes in last: an attachment
 * record with `pieces` always has all of them.
 */
import { v7 as uuidv7 } from "uuid";

import { sha256Stream } from "../../shared/crypto/digest";
import { MEDIA_LIMITS } from "../../shared/report/media";
import { PIECE_BYTES, piecesOf } from "../store/attachmentPieces";
import type { KuaDb } from "../store/db";

/** What was stored: the attachment id, the age file's length and SHA-256, and the plaintext's SHA-256. */
export interface SealedAttachment {
  attachmentId: string;
  bytes: number;
  sha256: string;
  originalSha256: string;
}

/** The file would be over the server's attachment limit once sealed (`bytes`, computed before sealing). */
export class AttachmentTooLargeError extends Error {
  override readonly name = "AttachmentTooLargeError";

  constructor(readonly bytes: number) {
    super(`The sealed file would be ${bytes} bytes, over the ${MEDIA_LIMITS.attachmentBytes} bytes limit.`);
  }
}

/** Bytes read from the file at a time, into one buffer reused for every read: 16x fewer reads than 64 KiB. */
const READ_BYTES = 1024 * 1024;

/**
 * `blob`'s bytes as a stream that reuses one buffer: chunk N+1 is read into the buffer that held
 * chunk N, which is safe because the stream is pulled only once the cipher has copied chunk N
 * (src/shared/crypto/padding.ts padStream). Reading so leaves no garbage: Chromium's own Blob
 * stream hands out a new 2 MiB buffer per read, and until the garbage collector runs they add up
 * to tens of MB. Each chunk is hashed on the way; the buffer is zeroed before every read and at the end.
 * Nothing is read before `allowed` resolves.
 */
function reusedBufferStream(
  blob: Blob,
  onChunk: (chunk: Uint8Array) => void,
  allowed: Promise<void>,
): ReadableStream<Uint8Array> {
  let buffer = new Uint8Array(READ_BYTES);
  let byob: ReadableStreamBYOBReader | null = null;
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  const open = (): void => {
    const source = blob.stream();
    try {
      byob = source.getReader({ mode: "byob" });
    } catch {
      reader = source.getReader(); // not a byte stream here: copy each chunk into the buffer
    }
  };
  let pending: Uint8Array | null = null; // the rest of a chunk larger than the buffer
  const read = async (): Promise<Uint8Array | null> => {
    if (byob !== null) {
      const { done, value } = await byob.read(buffer);
      if (value !== undefined) buffer = new Uint8Array(value.buffer); // the same memory, handed back
      return done ? null : value;
    }
    if (pending === null || pending.length === 0) {
      const { done, value } = await reader!.read();
      if (done) return null;
      pending = value;
    }
    const n = Math.min(pending.length, buffer.length);
    buffer.set(pending.subarray(0, n));
    pending.subarray(0, n).fill(0); // a chunk the browser gave us: ours to zero
    pending = pending.subarray(n);
    return buffer.subarray(0, n);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (byob === null && reader === null) {
          await allowed; // the age encrypter starts pulling at once, before the size is checked
          open();
        }
        buffer.fill(0);
        const chunk = await read();
        if (chunk === null) {
          buffer.fill(0);
          controller.close();
          return;
        }
        onChunk(chunk);
        controller.enqueue(chunk);
      },
      async cancel(reason) {
        buffer.fill(0);
        await (byob ?? reader)?.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Frees a chunk's memory now instead of at the next garbage collection, if the chunk owns its whole
 * buffer (each 64 KiB STREAM chunk the cipher emits does): V8 collects such buffers only after about
 * 64 MB of them pile up, which alone would break the 40 MB budget. `transfer(0)` detaches the buffer
 * and releases its bytes at once (Chromium 114+; elsewhere they wait for the collector).
 */
function freeNow(chunk: Uint8Array): void {
  const buffer = chunk.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  if (chunk.byteOffset === 0 && chunk.byteLength === buffer.byteLength && typeof buffer.transfer === "function") {
    buffer.transfer(0);
  }
}

/**
 * Seals `blob` for draft `draftId` to `recipients` (all of one type) and stores it in pieces; throws
 * `AttachmentTooLargeError` before reading it if the age file would exceed the server's limit.
 */
export async function sealAttachment(
  db: KuaDb,
  recipients: readonly string[],
  draftId: string,
  blob: Blob,
): Promise<SealedAttachment> {
  const limit = MEDIA_LIMITS.attachmentBytes;
  if (blob.size > limit) throw new AttachmentTooLargeError(blob.size);
  // The crypto libraries are most of the app's weight: they load when the first file is sealed.
  const { sealStream } = await import("../../shared/crypto");

  const plaintextHash = await sha256Stream(blob.size);
  let sizeChecked = (): void => undefined;
  const allowed = new Promise<void>((resolve) => (sizeChecked = resolve));
  const content = reusedBufferStream(blob, (chunk) => plaintextHash.update(chunk), allowed);
  const sealed = await sealStream(content, blob.size, recipients);
  if (sealed.bytes > limit) {
    await sealed.ciphertext.cancel();
    throw new AttachmentTooLargeError(sealed.bytes);
  }
  sizeChecked();

  const attachmentId = uuidv7();
  const ciphertextHash = await sha256Stream(sealed.bytes);
  const piece = new Uint8Array(PIECE_BYTES);
  let used = 0;
  let seq = 0;
  let written = 0;
  // `put` clones the bytes at once, so the one piece buffer is reused; awaiting it is the backpressure.
  const store = async (bytes: Uint8Array<ArrayBuffer>): Promise<void> => {
    await db.put("attachmentPieces", { attachmentId, seq, ciphertext: bytes });
    seq += 1;
  };
  const pieces = new WritableStream<Uint8Array>({
    async write(chunk) {
      ciphertextHash.update(chunk);
      written += chunk.length;
      for (let at = 0; at < chunk.length;) {
        const n = Math.min(PIECE_BYTES - used, chunk.length - at);
        piece.set(chunk.subarray(at, at + n), used);
        used += n;
        at += n;
        if (used === PIECE_BYTES) {
          await store(piece);
          used = 0;
        }
      }
      freeNow(chunk);
    },
    async close() {
      if (used > 0) await store(piece.slice(0, used));
    },
  });

  let stored: SealedAttachment;
  try {
    await sealed.ciphertext.pipeTo(pieces);
    if (written !== sealed.bytes) throw new Error(`Sealed ${written} bytes, expected ${sealed.bytes}.`);
    stored = {
      attachmentId,
      bytes: written,
      sha256: await ciphertextHash.digest(),
      originalSha256: await plaintextHash.digest(),
    };
    const { sha256: digest, bytes } = stored;
    await db.put("attachments", { attachmentId, draftId, pieces: seq, bytes, sha256: digest, createdAt: Date.now() });
  } catch (error) {
    await db.delete("attachmentPieces", piecesOf(attachmentId)).catch(() => undefined);
    await plaintextHash.digest().catch(() => undefined); // zeroes its copy of the plaintext, if any
    throw error;
  }
  return stored;
}

/** Lowercase hex SHA-256 of `blob`, read as a stream (each chunk zeroed once hashed). */
export async function blobSha256(blob: Blob): Promise<string> {
  const hash = await sha256Stream(blob.size);
  const reader = blob.stream().getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    hash.update(next.value);
    next.value.fill(0);
  }
  return hash.digest();
}
