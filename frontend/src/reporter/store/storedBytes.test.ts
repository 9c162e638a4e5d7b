/**
 * Ciphertext at rest is bytes, never a Blob (WebKit's private tabs refuse Blobs in IndexedDB, issue 22),
 * and a report, answer or recording an earlier version stored as a Blob still reads, and is still sent.
 */
import "fake-indexeddb/auto";

import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";

import { attachmentRecord } from "../outbox/attachmentRecord";
import { completeDraft, harness } from "../outbox/testing/harness";
import { storedCiphertext } from "./attachmentPieces";
import { openKuaDb } from "./db";
import { readStoredBytes, storedSize, storedSlice, toStoredBytes } from "./storedBytes";

const ageFile = new Uint8Array(3000).map((_, i) => (i * 31) % 256);

describe("ciphertext stored as bytes", () => {
  it("reads the same bytes from bytes and from a Blob of an earlier version", async () => {
    for (const stored of [ageFile, new Blob([ageFile])]) {
      expect(storedSize(stored)).toBe(ageFile.length);
      expect(await readStoredBytes(stored)).toEqual(ageFile);
      const slice = new Uint8Array(await storedSlice(stored, 100, 2000).arrayBuffer());
      expect(slice).toEqual(ageFile.subarray(100, 2000));
    }
  });

  it("stores a view's own bytes, not the whole buffer behind it", () => {
    const view = ageFile.subarray(10, 20);
    const stored = toStoredBytes(view);
    expect(stored).toEqual(view);
    expect(stored.buffer.byteLength).toBe(10);
    expect(toStoredBytes(ageFile)).toBe(ageFile);
  });

  it("queues a report and a recording as bytes, which the upload reads by range", async () => {
    globalThis.indexedDB = new IDBFactory();
    const h = await harness();
    h.intake.defaultAnswer = "network_error";
    const reportId = await h.engine.submit(completeDraft(h));
    await h.engine.drain.idle();
    const db = await openKuaDb();
    const queued = await db.get("outbox", reportId);
    expect(queued?.ciphertext).toBeInstanceOf(Uint8Array);

    const recording = await attachmentRecord("voice-1", "draft-1", ageFile, 1);
    expect(recording.ciphertext).toBeInstanceOf(Uint8Array);
    await db.put("attachments", recording);
    const source = storedCiphertext(db, (await db.get("attachments", "voice-1"))!);
    expect(source.size).toBe(ageFile.length);
    expect(new Uint8Array(await (await source.slice(2990, 5000)).arrayBuffer())).toEqual(ageFile.subarray(2990));
    db.close();
  });

  it("sends a report an earlier version queued as a Blob, with the same bytes", async () => {
    globalThis.indexedDB = new IDBFactory();
    const h = await harness();
    h.intake.defaultAnswer = "network_error";
    const reportId = await h.engine.submit(completeDraft(h));
    await h.engine.drain.idle();
    const db = await openKuaDb();
    const queued = (await db.get("outbox", reportId))!;
    const bytes = await readStoredBytes(queued.ciphertext!);
    await db.put("outbox", { ...queued, ciphertext: new Blob([bytes], { type: "application/octet-stream" }) });
    db.close();

    h.intake.defaultAnswer = "receipt";
    h.engine.sendNow();
    await h.engine.drain.idle();

    const put = h.intake.puts().at(-1);
    expect(put?.body).toEqual(bytes);
    const after = await openKuaDb();
    expect(await after.get("receipts", reportId)).toMatchObject({ sha256: queued.sha256 });
    after.close();
  });
});
