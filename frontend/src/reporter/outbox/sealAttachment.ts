/**
 * Sealing a photo, document or recording as a stream, in memory that does not grow with the file
 * (issue 21: a 50 MB file on a phone with 1-2 GB): the file is read 1 MiB at a time into one buffer,
 * padded (Padmé) on the way, sealed by src/shared/crypto/ageWriter.ts (typage's header and cipher, its
 * own STREAM framing), and its ciphertext gathered into 1 MiB pieces written to IndexedDB, each read waiting for
 * the writes before it (so a slow disk slows the reading, not the heap). The SHA-256 of the plaintext
 * (the photo's `originalSha256`) and of the ciphertext (tus `sha256` metadata) are computed on the way
 * (src/shared/crypto/digest.ts sha256Stream). The record goes in last: an attachment record with
 * `pieces` always has all of them. A plain loop rather than a pipe of streams: fewer promises and copies.
 */
import { v7 as uuidv7 } from "uuid";

import type { Sha256Stream } from "../../shared/crypto/digest";
import { sha256Stream } from "../../shared/crypto/digest";
import { PaddingError, paddedLength, paddingOf } from "../../shared/crypto/padding";
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

/** IndexedDB writes that may still run while the next MiB is sealed: one (each holds a 1 MiB clone). */
const PUTS_IN_FLIGHT = 1;

/** Bytes read from the file at a time, into one buffer reused for every read: 16x fewer reads than 64 KiB. */
const READ_BYTES = 1024 * 1024;

/**
 * `blob`'s bytes, 1 MiB at a time, each zeroed once the loop body that got it is done. A byte stream
 * is read into one reused buffer (Chromium's own reads hand out a new 2 MiB buffer each, and until
 * the garbage collector runs they add up to tens of MB); any other stream's chunks are zeroed as given.
 */
async function* chunksOf(blob: Blob): AsyncGenerator<Uint8Array, void, undefined> {
  const source = blob.stream();
  let byob: ReadableStreamBYOBReader | null = null;
  try {
    byob = source.getReader({ mode: "byob" });
  } catch {
    // not a byte stream here: the chunks as they come
  }
  if (byob === null) {
    const reader = source.getReader();
    try {
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        yield next.value;
        next.value.fill(0); // a chunk the browser gave us: ours to zero
      }
    } finally {
      reader.releaseLock();
    }
    return;
  }
  let buffer = new Uint8Array(READ_BYTES);
  try {
    for (;;) {
      const { done, value } = await byob.read(buffer);
      if (value !== undefined) buffer = new Uint8Array(value.buffer); // the same memory, handed back
      if (done) return;
      yield value;
      value.fill(0);
    }
  } finally {
    buffer.fill(0);
    await byob.cancel().catch(() => undefined);
  }
}

/**
 * Gathers ciphertext into 1 MiB pieces and puts each full one into IndexedDB, hashing it on the way.
 * `add` copies at once (it is handed views of the age writer's reused buffer); `put` clones a piece as it is
 * called, so one piece buffer serves for all; `flushed` waits for the puts started so far, or all
 * but the last few: IndexedDB commits a piece on its own threads while the next one is sealed.
 */
class PieceWriter {
  private readonly piece = new Uint8Array(PIECE_BYTES);
  private used = 0;
  private seq = 0;
  private puts: Promise<unknown>[] = [];
  written = 0;

  constructor(
    private readonly db: KuaDb,
    private readonly attachmentId: string,
    private readonly hash: Sha256Stream,
  ) {}

  readonly add = (chunk: Uint8Array): void => {
    this.written += chunk.length;
    for (let at = 0; at < chunk.length;) {
      const n = Math.min(PIECE_BYTES - this.used, chunk.length - at);
      this.piece.set(chunk.subarray(at, at + n), this.used);
      this.used += n;
      at += n;
      if (this.used === PIECE_BYTES) this.store(this.piece);
    }
  };

  /** Waits, in order, until no more than `pending` puts are unfinished. */
  async flushed(pending = 0): Promise<void> {
    while (this.puts.length > pending) await this.puts.shift();
  }

  /** Stores the last, partial piece; returns how many pieces there are. */
  async close(): Promise<number> {
    if (this.used > 0) this.store(this.piece.subarray(0, this.used));
    await this.flushed();
    this.piece.fill(0);
    return this.seq;
  }

  /** Waits for the puts started so far, whatever their outcome, and zeroes the piece. */
  async discard(): Promise<void> {
    await Promise.allSettled(this.puts.splice(0));
    this.piece.fill(0);
  }

  private store(bytes: Uint8Array): void {
    this.hash.update(bytes);
    const ciphertext = bytes.length === PIECE_BYTES ? this.piece : bytes.slice();
    const put = this.db.put("attachmentPieces", { attachmentId: this.attachmentId, seq: this.seq, ciphertext });
    put.catch(() => undefined); // awaited later, by `flushed`: not an unhandled rejection meanwhile
    this.puts.push(put);
    this.seq += 1;
    this.used = 0;
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
  const { startAgeFile } = await import("../../shared/crypto/ageWriter");
  const age = await startAgeFile(recipients);
  const bytes = age.fileBytes(paddedLength(blob.size));
  if (bytes > limit) {
    age.dispose();
    throw new AttachmentTooLargeError(bytes);
  }

  const attachmentId = uuidv7();
  const [plaintextHash, ciphertextHash] = await Promise.all([sha256Stream(blob.size), sha256Stream(bytes)]).catch(
    (error: unknown) => {
      age.dispose(); // zeroes the payload key
      throw error;
    },
  );
  const pieces = new PieceWriter(db, attachmentId, ciphertextHash);
  let originalSha256: Promise<string> | null = null;
  try {
    pieces.add(age.head);
    let read = 0;
    for await (const chunk of chunksOf(blob)) {
      read += chunk.length;
      if (read > blob.size) throw new PaddingError(`The file is longer than the ${blob.size} bytes announced.`);
      plaintextHash.update(chunk);
      age.write(chunk, pieces.add);
      await pieces.flushed(PUTS_IN_FLIGHT);
    }
    if (read !== blob.size) throw new PaddingError(`The file has ${read} bytes, not the ${blob.size} announced.`);
    originalSha256 = plaintextHash.digest(); // WebCrypto works on it while the last pieces are sealed
    originalSha256.catch(() => undefined);
    for (const padding of paddingOf(blob.size)) age.write(padding, pieces.add);
    age.end(pieces.add);
    const count = await pieces.close();
    if (pieces.written !== bytes) throw new Error(`Sealed ${pieces.written} bytes, expected ${bytes}.`);
    const stored = {
      attachmentId,
      bytes,
      sha256: await ciphertextHash.digest(),
      originalSha256: await originalSha256,
    };
    await db.put("attachments", {
      attachmentId,
      draftId,
      pieces: count,
      bytes,
      sha256: stored.sha256,
      createdAt: Date.now(),
    });
    return stored;
  } catch (error) {
    age.dispose();
    await pieces.discard();
    await db.delete("attachmentPieces", piecesOf(attachmentId)).catch(() => undefined);
    await (originalSha256 ?? plaintextHash.digest()).catch(() => undefined); // zeroes its copy of the plaintext
    throw error;
  }
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
