/**
 * A sealed attachment's ciphertext as IndexedDB keeps it: whole (voice, as bytes; a Blob in records written
 * before version 4) or 1 MiB pieces of bytes in the attachmentPieces store (src/reporter/outbox/sealAttachment.ts).
 * The upload reads either through `storedCiphertext`, a piece at a time, never the whole file at once;
 * whoever deletes an attachment record deletes its pieces in the same transaction (`deleteAttachment`).
 */
import type { IDBPTransaction, StoreNames } from "idb";

import type { AttachmentRecord, KuaDb, KuaSchema } from "./db";
import { storedSize, storedSlice } from "./storedBytes";

/** Bytes per piece: tus's PATCH size (src/reporter/sync/tus.ts CHUNK_BYTES), so a PATCH reads one piece. */
export const PIECE_BYTES = 1024 * 1024;

/** Every piece of one attachment. */
export function piecesOf(attachmentId: string): IDBKeyRange {
  return IDBKeyRange.bound([attachmentId, 0], [attachmentId, Infinity]);
}

/** The age file of an attachment, read by byte range (what tus-js-client's file source needs). */
export interface CiphertextSource {
  readonly size: number;
  /** Bytes [start, end) as a Blob (tus-js-client takes a chunk's length from `size`). */
  slice(start: number, end: number): Promise<Blob>;
}

/** Raised when a piece the record counts is missing: the stored file is damaged and cannot be sent. */
export class MissingPieceError extends Error {
  override readonly name = "MissingPieceError";
}

/** Reads `record`'s ciphertext whole or from its pieces, one range at a time. */
export function storedCiphertext(db: KuaDb, record: AttachmentRecord): CiphertextSource {
  const whole = record.ciphertext;
  if (whole !== undefined)
    return { size: storedSize(whole), slice: async (start, end) => storedSlice(whole, start, end) };
  const { attachmentId, bytes } = record;
  return {
    size: bytes,
    async slice(start, end) {
      end = Math.min(end, bytes);
      if (end <= start) return new Blob([]);
      const first = Math.floor(start / PIECE_BYTES);
      const last = Math.floor((end - 1) / PIECE_BYTES);
      const pieces = await db.getAll(
        "attachmentPieces",
        IDBKeyRange.bound([attachmentId, first], [attachmentId, last]),
      );
      if (pieces.length !== last - first + 1) {
        throw new MissingPieceError(`Attachment ${attachmentId} lacks a piece between ${first} and ${last}.`);
      }
      const parts = pieces.map(({ ciphertext }, i) => {
        const offset = (first + i) * PIECE_BYTES;
        return ciphertext.subarray(Math.max(0, start - offset), Math.min(ciphertext.length, end - offset));
      });
      return new Blob(parts, { type: "application/octet-stream" });
    },
  };
}

/** A read-write transaction that includes the attachments and attachmentPieces stores. */
type AttachmentsTx = IDBPTransaction<KuaSchema, StoreNames<KuaSchema>[], "readwrite">;

/** Deletes an attachment record and its pieces within `tx`. */
export function deleteAttachment(tx: AttachmentsTx, attachmentId: string): Promise<void> {
  return Promise.all([
    tx.objectStore("attachments").delete(attachmentId),
    tx.objectStore("attachmentPieces").delete(piecesOf(attachmentId)),
  ]).then(() => undefined);
}

/**
 * Deletes pieces that no attachment record names: what a page killed while sealing leaves behind
 * (the record is written last). Run as the app opens, before anything can be sealed; its transaction
 * is created at once, so the writes of a seal started later queue behind it.
 */
export async function sweepOrphanPieces(db: KuaDb): Promise<void> {
  const tx = db.transaction(["attachments", "attachmentPieces"], "readwrite");
  const pieces = tx.objectStore("attachmentPieces");
  const [pieceKeys, recordKeys] = await Promise.all([pieces.getAllKeys(), tx.objectStore("attachments").getAllKeys()]);
  const recorded = new Set(recordKeys);
  const orphans = new Set(pieceKeys.map(([attachmentId]) => attachmentId).filter((id) => !recorded.has(id)));
  await Promise.all([...[...orphans].map((id) => pieces.delete(piecesOf(id))), tx.done]);
}
