/**
 * Photo uploads through tus-js-client against an in-memory tus server: the metadata the intake API
 * requires, 1 MiB chunks, the upload URL kept in IndexedDB, and a resume with HEAD after the
 * connection drops. (The real server and browser are covered by the end-to-end tests.)
 */
import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import type { OutboxItemView } from "../engine/engine";
import { hex256 } from "../outbox/testing/fakeIntake";
import { completeDraft, harness, type Harness } from "../outbox/testing/harness";
import { storedAgeFile } from "../outbox/testing/stored";
import { piecesOf } from "../store/attachmentPieces";
import { openKuaDb } from "../store/db";
import { FakeTusServer } from "./testing/fakeTus";
import { CHUNK_BYTES, createTusUploader, parseUploadMetadata } from "./tus";

async function withPhoto(h: Harness, bytes: number): Promise<{ attachmentId: string; ciphertext: Uint8Array }> {
  const draft = completeDraft(h);
  const photo = new Uint8Array(bytes).map((_, i) => (i * 31) % 256);
  const ref = await h.engine.attachPhoto(draft.draftId, new Blob([photo]), { downscale: false });
  const db = await openKuaDb();
  const ciphertext = (await storedAgeFile(db, ref.attachmentId)) ?? new Uint8Array(0);
  db.close();
  await h.engine.submit({ ...draft, otherPhotos: [ref] });
  await h.engine.drain.idle();
  return { attachmentId: ref.attachmentId, ciphertext };
}

/**
 * The SHA-256 of what the fake server holds (none when it holds nothing): `toEqual` on megabytes walks
 * them byte by byte through the diff machinery, about 30 s per comparison.
 */
async function digestOf(bytes: Uint8Array | undefined): Promise<string> {
  return bytes === undefined ? "nothing" : hex256(new Uint8Array(bytes));
}

function tusHarness(server: FakeTusServer): Promise<Harness> {
  const uploader = createTusUploader("https://kua.test/api/v1/uploads/", {
    httpStack: server,
    retryDelays: [0],
  });
  return harness({ uploader });
}

describe("a photo upload", () => {
  it("sends the sealed photo in 1 MiB chunks with only its id and SHA-256 as metadata", async () => {
    const server = new FakeTusServer();
    const h = await tusHarness(server);
    const { attachmentId, ciphertext } = await withPhoto(h, 2 * CHUNK_BYTES + 1000);

    const [path, upload] = [...server.uploads][0] ?? [];
    expect(await digestOf(upload?.bytes)).toBe(await digestOf(ciphertext));
    const metadata = parseUploadMetadata(upload?.metadata ?? "");
    expect([...metadata.keys()].sort()).toEqual(["id", "sha256"]);
    expect(metadata.get("id")).toBe(attachmentId);
    expect(metadata.get("sha256")).toBe(await hex256(new Uint8Array(ciphertext)));
    expect(server.log.filter((line) => line.startsWith("PATCH"))).toHaveLength(
      Math.ceil(ciphertext.length / CHUNK_BYTES),
    );
    expect(server.log[0]).toBe("POST /api/v1/uploads/");
    expect(path).toBe("/api/v1/uploads/u1");

    const db = await openKuaDb();
    expect(await db.get("attachments", attachmentId)).toBeUndefined();
    expect(await db.count("attachmentPieces")).toBe(0);
    db.close();
  });

  it("still uploads a photo stored whole as a Blob by an earlier version of the app", async () => {
    const server = new FakeTusServer();
    const h = await tusHarness(server);
    const draft = completeDraft(h);
    const ref = await h.engine.attachPhoto(draft.draftId, new Blob([new Uint8Array(CHUNK_BYTES + 99).fill(7)]), {
      downscale: false,
    });
    // Given the record as version 3 wrote it: the age file as one Blob, no pieces.
    const db = await openKuaDb();
    const ageFile = (await storedAgeFile(db, ref.attachmentId))!;
    const record = (await db.get("attachments", ref.attachmentId))!;
    const { pieces: _pieces, ...whole } = record;
    await db.delete("attachmentPieces", piecesOf(ref.attachmentId));
    await db.put("attachments", { ...whole, ciphertext: new Blob([ageFile]) });

    await h.engine.submit({ ...draft, otherPhotos: [ref] });
    await h.engine.drain.idle();

    const upload = server.uploads.get("/api/v1/uploads/u1");
    expect(await digestOf(upload?.bytes)).toBe(await hex256(ageFile));
    expect(upload?.offset).toBe(ageFile.length);
    expect(await db.get("attachments", ref.attachmentId)).toBeUndefined();
    db.close();
  });

  it("resumes from the URL saved in IndexedDB, asking the offset with HEAD, after the network drops", async () => {
    const server = new FakeTusServer();
    const h = await tusHarness(server);
    server.patchFaults.push(null, "network_error", "network_error");
    const { attachmentId, ciphertext } = await withPhoto(h, 2 * CHUNK_BYTES + 1000);

    const db = await openKuaDb();
    const saved = await db.get("uploads", attachmentId);
    expect(saved).toMatchObject({ uploadUrl: "https://kua.test/api/v1/uploads/u1", sentBytes: CHUNK_BYTES });
    const halfway = await new Promise<OutboxItemView[]>((resolve) => {
      const off = h.engine.watchOutbox((items) => {
        resolve(items);
        queueMicrotask(off);
      });
    });
    expect(halfway[0]).toMatchObject({ state: "sending", lastError: "offline" });
    expect(halfway[0]?.attachments[0]).toMatchObject({ sentBytes: CHUNK_BYTES, done: false });

    server.log.length = 0;
    h.engine.sendNow();
    await h.engine.drain.idle();
    expect(server.log[0]).toBe("HEAD /api/v1/uploads/u1");
    expect(server.log).not.toContain("POST /api/v1/uploads/");
    expect(await digestOf(server.uploads.get("/api/v1/uploads/u1")?.bytes)).toBe(await digestOf(ciphertext));
    expect(await db.get("uploads", attachmentId)).toBeUndefined();
    db.close();
  });

  it("keeps retrying, with backoff, an upload the server calls busy (a 409 that is not a conflict)", async () => {
    const server = new FakeTusServer();
    const h = await tusHarness(server);
    server.patchFaults.push("busy", "busy");
    const { attachmentId, ciphertext } = await withPhoto(h, 1000);
    const items = await new Promise<OutboxItemView[]>((resolve) => {
      const off = h.engine.watchOutbox((seen) => {
        resolve(seen);
        queueMicrotask(off);
      });
    });
    expect(items[0]).toMatchObject({ lastError: "server" });
    expect(items[0]?.nextAttemptAt).not.toBeNull();

    h.engine.sendNow();
    await h.engine.drain.idle();
    expect(await digestOf(server.uploads.get("/api/v1/uploads/u1")?.bytes)).toBe(await digestOf(ciphertext));
    const db = await openKuaDb();
    expect(await db.get("uploads", attachmentId)).toBeUndefined();
    db.close();
  });

  it("does not count a completed upload holding another file's SHA-256 as sent", async () => {
    const server = new FakeTusServer();
    const h = await tusHarness(server);
    server.patchFaults.push("network_error", "network_error");
    const { attachmentId } = await withPhoto(h, 1000);
    const upload = server.uploads.get("/api/v1/uploads/u1");
    if (upload === undefined) throw new Error("no upload created");
    // The server claims the upload complete, under someone else's hash.
    upload.offset = upload.length;
    upload.metadata = `id ${btoa(attachmentId)},sha256 ${btoa("0".repeat(64))}`;
    h.engine.sendNow();
    await h.engine.drain.idle();
    const db = await openKuaDb();
    expect(await db.get("attachments", attachmentId)).toBeDefined();
    db.close();
  });
});
