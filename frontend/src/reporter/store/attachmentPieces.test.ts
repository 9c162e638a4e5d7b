/**
 * A phone updated from database version 3: a photo queued then, stored whole as a Blob, is still
 * there after the upgrade that adds the pieces store, and reads back byte for byte, by range.
 */
import "fake-indexeddb/auto";

import { IDBFactory } from "fake-indexeddb";
import { openDB } from "idb";
import { describe, expect, it } from "vitest";

import { MissingPieceError, PIECE_BYTES, storedCiphertext } from "./attachmentPieces";
import { DB_NAME, openKuaDb } from "./db";

/** The database as version 3 of the app left it, with one sealed photo waiting to upload. */
async function versionThreeWith(ageFile: Uint8Array<ArrayBuffer>): Promise<void> {
  const old = await openDB(DB_NAME, 3, {
    upgrade(database) {
      database.createObjectStore("drafts", { keyPath: "draftId" });
      database.createObjectStore("attachments", { keyPath: "attachmentId" }).createIndex("byDraft", "draftId");
      database.createObjectStore("uploads", { keyPath: "attachmentId" }).createIndex("byReport", "reportId");
      database.createObjectStore("outbox", { keyPath: "reportId" });
      database.createObjectStore("receipts", { keyPath: "reportId" });
      database.createObjectStore("settings");
      database.createObjectStore("reportKeys", { keyPath: "reportId" });
      database.createObjectStore("answers", { keyPath: "answerId" }).createIndex("byReport", "reportId");
      database.createObjectStore("recordings", { keyPath: "recordingId" });
      database.createObjectStore("recordingChunks", { keyPath: ["recordingId", "seq"] });
    },
  });
  await old.put("attachments", {
    attachmentId: "queued-photo",
    draftId: "draft-1",
    ciphertext: new Blob([ageFile]),
    bytes: ageFile.length,
    sha256: "b".repeat(64),
    createdAt: 1,
  });
  old.close();
}

describe("upgrading the phone's database to version 4", () => {
  it("keeps a photo stored whole as a Blob, readable by range as the upload reads it", async () => {
    globalThis.indexedDB = new IDBFactory();
    const ageFile = new Uint8Array(PIECE_BYTES + 500).map((_, i) => (i * 17) % 256);
    await versionThreeWith(ageFile);

    const db = await openKuaDb();

    expect(db.objectStoreNames.contains("attachmentPieces")).toBe(true);
    const record = await db.get("attachments", "queued-photo");
    expect(record).toMatchObject({ draftId: "draft-1", bytes: ageFile.length });
    expect(record?.pieces).toBeUndefined();
    const source = storedCiphertext(db, record!);
    expect(source.size).toBe(ageFile.length);
    const tail = new Uint8Array(await (await source.slice(PIECE_BYTES - 10, ageFile.length)).arrayBuffer());
    expect(tail).toEqual(ageFile.subarray(PIECE_BYTES - 10));
    db.close();
  });
});

describe("reading an attachment stored in pieces", () => {
  it("returns any byte range, across pieces, and refuses a range whose piece is missing", async () => {
    globalThis.indexedDB = new IDBFactory();
    const db = await openKuaDb();
    const ageFile = new Uint8Array(2 * PIECE_BYTES + 100).map((_, i) => (i * 7) % 256);
    for (let seq = 0; seq < 3; seq++) {
      const ciphertext = ageFile.slice(seq * PIECE_BYTES, (seq + 1) * PIECE_BYTES);
      await db.put("attachmentPieces", { attachmentId: "a", seq, ciphertext });
    }
    const record = { attachmentId: "a", draftId: "d", pieces: 3, bytes: ageFile.length, sha256: "", createdAt: 1 };
    const source = storedCiphertext(db, record);

    const across = await (await source.slice(PIECE_BYTES - 5, 2 * PIECE_BYTES + 7)).arrayBuffer();
    expect(new Uint8Array(across)).toEqual(ageFile.subarray(PIECE_BYTES - 5, 2 * PIECE_BYTES + 7));
    expect((await source.slice(2 * PIECE_BYTES, 3 * PIECE_BYTES)).size).toBe(100); // clipped at the end

    await db.delete("attachmentPieces", ["a", 1]);
    await expect(source.slice(0, PIECE_BYTES + 1)).rejects.toBeInstanceOf(MissingPieceError);
    db.close();
  });
});
