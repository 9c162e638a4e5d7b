/**
 * A voice recording on the phone: chunks are ciphertext the moment they arrive, "Done" seals exactly
 * what was recorded as one file, a recording cut short by a killed page is finished into its draft
 * at the next start, and "Delete" leaves nothing behind.
 */
import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import { open } from "../../shared/crypto";
import { sha256Hex } from "../../shared/crypto/digest";
import { verifyProvenance } from "../../shared/report/provenanceCheck";
import { openKuaDb } from "../store/db";
import { deviceSigner } from "../store/deviceKey";
import { completeDraft, draftAttachmentIdentity, harness, reopen, type Harness } from "../outbox/testing/harness";
import { readStoredBytes } from "../store/storedBytes";

// A WebM file starts with the EBML magic; the rest stands for Opus frames a person would say.
const WEBM_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];
const chunkOf = (seq: number): Uint8Array<ArrayBuffer> =>
  new Uint8Array([...(seq === 0 ? WEBM_MAGIC : []), ...new TextEncoder().encode(`Меня били в отделе, часть ${seq}.`)]);
const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((offset, part) => (out.set(part, offset), offset + part.length), 0);
  return out;
};
const contains = (haystack: Uint8Array, needle: Uint8Array): boolean =>
  Buffer.from(haystack).includes(Buffer.from(needle));

async function recordThreeChunks(h: Harness, draftId: string, field = "account"): Promise<string> {
  const id = await h.engine.beginRecording(draftId, field, "audio/webm;codecs=opus");
  for (const seq of [0, 1, 2]) await h.engine.addRecordingChunk(id, new Blob([chunkOf(seq)]), (seq + 1) * 2000);
  return id;
}

async function everyStoredByte(): Promise<Uint8Array> {
  const db = await openKuaDb();
  const stores = ["recordings", "recordingChunks", "attachments", "drafts"] as const;
  const parts: Uint8Array[] = [];
  for (const name of stores) {
    for (const value of await db.getAll(name)) {
      for (const field of Object.values(value as unknown as Record<string, unknown>)) {
        if (field instanceof Blob) parts.push(new Uint8Array(await field.arrayBuffer()));
        else if (field instanceof ArrayBuffer) parts.push(new Uint8Array(field));
        else if (ArrayBuffer.isView(field)) parts.push(new Uint8Array(field.buffer));
        else parts.push(new TextEncoder().encode(JSON.stringify(field)));
      }
    }
  }
  db.close();
  return concat(parts);
}

describe("a reporter recording her account", () => {
  it("keeps every chunk only as ciphertext while she speaks", async () => {
    const h = await harness();
    const draft = completeDraft(h);
    await h.engine.saveDraft(draft);
    await recordThreeChunks(h, draft.draftId);

    const stored = await everyStoredByte();
    const db = await openKuaDb();
    expect(await db.count("recordingChunks")).toBe(3);
    expect((await db.getAll("recordings"))[0]!.activeMs).toBe(6000);
    db.close();
    expect(contains(stored, new Uint8Array(WEBM_MAGIC))).toBe(false);
    expect(contains(stored, new TextEncoder().encode("Меня били"))).toBe(false);
  });

  it("seals exactly what was recorded as one signed file and forgets the chunks", async () => {
    const h = await harness();
    const draft = completeDraft(h);
    const id = await recordThreeChunks(h, draft.draftId);

    const listened = new Uint8Array(await (await h.engine.recordingAudio(id)).arrayBuffer());
    const finished = await h.engine.finishRecording(id, 6000);

    const expected = concat([0, 1, 2].map(chunkOf));
    expect(listened).toEqual(expected);
    expect(new Uint8Array(await finished!.audio.arrayBuffer())).toEqual(expected);
    const ref = finished!.ref;
    expect(ref).toMatchObject({ field: "account", mime: "audio/webm;codecs=opus", durationMs: 6000 });
    expect(ref.bytes).toBe(expected.length);
    expect(ref.sha256).toBe(await sha256Hex(new Uint8Array(expected)));
    const db = await openKuaDb();
    const attachment = await db.get("attachments", ref.attachmentId);
    expect(attachment?.draftId).toBe(draft.draftId);
    const identity = await draftAttachmentIdentity(h, draft);
    const opened = await open(await readStoredBytes(attachment!.ciphertext!), [identity]);
    expect(new Uint8Array(opened)).toEqual(expected);
    expect([await db.count("recordings"), await db.count("recordingChunks")]).toEqual([0, 0]);
    const device = (await deviceSigner(db))?.device ?? null;
    db.close();
    const facts = { attachmentId: ref.attachmentId, kind: "voice" as const, sha256: ref.sha256, fileTime: null };
    expect(verifyProvenance(device, ref.signature, { ...facts, capturedAt: ref.capturedAt })).toBe(
      device ? "valid" : "unsigned",
    );
  });

  it("finishes a recording cut short by a killed page into its draft at the next start", async () => {
    const h = await harness();
    const draft = completeDraft(h);
    await h.engine.saveDraft(draft);
    await recordThreeChunks(h, draft.draftId);
    const answerRecording = await recordThreeChunks(h, "answer-q1", "answer");
    expect(answerRecording).toBeTruthy();
    await recordThreeChunks(h, "draft-deleted-since");

    const engine = await reopen(h);

    const [recovered] = await engine.listDrafts();
    expect(recovered!.voice).toHaveLength(1);
    const ref = recovered!.voice[0]!;
    expect(ref).toMatchObject({ field: "account", durationMs: 6000 });
    expect(ref.sha256).toBe(await sha256Hex(new Uint8Array(concat([0, 1, 2].map(chunkOf)))));
    // The answer's recording waits, still encrypted, for its answer box: in this page or a later one
    const waiting = await openKuaDb();
    expect((await waiting.getAll("recordings")).map((record) => record.draftId)).toEqual(["answer-q1"]);
    waiting.close();
    const later = await reopen(h);
    expect((await later.finishedVoice("answer-q1")).map((voice) => voice.field)).toEqual(["answer"]);
    const db = await openKuaDb();
    expect([await db.count("recordings"), await db.count("recordingChunks")]).toEqual([0, 0]);
    const byDraft = (await db.getAll("attachments")).map((attachment) => attachment.draftId).sort();
    db.close();
    expect(byDraft).toEqual(["answer-q1", draft.draftId].sort());
  });

  it("finishes a recording made on the lock screen once the PIN is entered", async () => {
    const h = await harness();
    await h.engine.setPin("482913");
    const draft = completeDraft(h);
    await h.engine.saveDraft(draft);
    h.engine.lockNow();
    // Locked: the recording's key is sealed to the owner key, which only the PIN opens.
    await recordThreeChunks(h, draft.draftId);
    const before = await openKuaDb();
    expect("ownerSealed" in (await before.getAll("recordings"))[0]!.key).toBe(true);
    before.close();

    const engine = await reopen(h);
    expect(await engine.unlock("482913")).toBe(true);

    const [recovered] = await engine.listDrafts();
    expect(recovered!.voice.map((ref) => ref.durationMs)).toEqual([6000]);
    const db = await openKuaDb();
    expect(await db.count("recordings")).toBe(0);
    db.close();
  });

  it("leaves nothing behind when she deletes the recording", async () => {
    const h = await harness();
    const id = await recordThreeChunks(h, "d-1");
    await h.engine.discardRecording(id);

    const db = await openKuaDb();
    expect([await db.count("recordings"), await db.count("recordingChunks")]).toEqual([0, 0]);
    db.close();
  });
});
