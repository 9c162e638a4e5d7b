/**
 * The outbox: a reporter's draft becomes a sealed report queued on the phone; it stays there, as
 * ciphertext only, until a receipt that matches it arrives; then only the receipt remains.
 */
import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import { open } from "../../shared/crypto";
import { openKuaDb } from "../store/db";
import { piecesOf } from "../store/attachmentPieces";
import { harness, completeDraft, submittedReport } from "./testing/harness";
import { storedAgeFile } from "./testing/stored";
import { hex256 } from "./testing/fakeIntake";
import { SubmitError } from "./errors";
import type { ReportV2 } from "../../shared/report/v2";
import { readStoredBytes, type StoredBytes } from "../store/storedBytes";

async function ciphertextOf(stored: StoredBytes | null): Promise<Uint8Array<ArrayBuffer>> {
  if (stored === null) throw new Error("no ciphertext stored");
  return readStoredBytes(stored);
}

describe("a reporter submitting a report", () => {
  it("seals it to the verified list: the reviewer opens the same report", async () => {
    const h = await harness();
    h.online = false;
    h.intake.defaultAnswer = "network_error";
    const draft = completeDraft(h, { happeningNow: true });
    await h.engine.saveDraft(draft);

    const reportId = await h.engine.submit(draft);

    const db = await openKuaDb();
    const queued = await db.get("outbox", reportId);
    const ciphertext = await ciphertextOf(queued?.ciphertext ?? null);
    expect(queued?.sha256).toBe(await hex256(ciphertext));
    expect(queued?.happeningNow).toBe(true);
    const report = JSON.parse(new TextDecoder().decode(await open(ciphertext, [h.reviewer.identity]))) as ReportV2;
    const { draftId: _draftId, updatedAt: _updatedAt, step: _step, ...answers } = draft;
    expect(report).toEqual({ ...answers, reportId, deviceTime: report.deviceTime, reply: report.reply });
    expect(report.reply?.recipient).toMatch(/^age1[0-9a-z]+$/);
    expect(report.format).toBe("kua.report");
    expect(report.reportId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(report.deviceTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    expect(new TextDecoder().decode(ciphertext)).not.toContain("Забрали");
    expect(await h.engine.listDrafts()).toEqual([]);
    db.close();
  });

  it("cannot submit a report without a kind of incident and consent to record", async () => {
    const h = await harness();
    const draft = h.engine.newDraft("kk");
    await h.engine.saveDraft(draft);
    await expect(h.engine.submit(draft)).rejects.toThrow(SubmitError);
    expect((await h.engine.listDrafts()).map((d) => d.draftId)).toEqual([draft.draftId]);
  });

  it("keeps the report queued until the server's receipt matches it, then keeps only the receipt", async () => {
    const h = await harness();
    h.intake.answers.push("captive_portal", "wrong_hash");
    const reportId = await h.engine.submit(completeDraft(h));
    await h.engine.drain.idle();

    const db = await openKuaDb();
    expect((await db.get("outbox", reportId))?.ciphertext).toBeInstanceOf(Uint8Array);
    expect(await db.get("receipts", reportId)).toBeUndefined();

    h.engine.sendNow();
    await h.engine.drain.idle();
    expect((await db.get("outbox", reportId))?.ciphertext).toBeInstanceOf(Uint8Array);

    h.engine.sendNow();
    await h.engine.drain.idle();
    expect(await db.get("outbox", reportId)).toBeUndefined();
    const receipt = await db.get("receipts", reportId);
    const stored = h.intake.stored.get(reportId);
    expect(stored).toBeDefined();
    expect(receipt?.sha256).toBe(await hex256(new Uint8Array(stored ?? [])));
    expect(Object.keys(receipt ?? {}).sort()).toEqual(
      ["attachments", "happeningNow", "receivedAt", "reportId", "sealedAt", "sha256"].sort(),
    );
    db.close();
  });
});

describe("a reporter attaching photos", () => {
  const photoBytes = new TextEncoder().encode("JPEG bytes of a bruise, with EXIF GPS 43.2,74.9");

  it("stores only the sealed photo and hands it to the report on submit", async () => {
    const h = await harness();
    h.online = false;
    h.intake.defaultAnswer = "network_error";
    const draft = completeDraft(h);
    const photo = new File([photoBytes], "IMG_0001.jpg", {
      type: "image/jpeg",
      lastModified: Date.parse("2026-11-20T08:00:00Z"),
    });

    const kept = await h.engine.attachPhoto(draft.draftId, photo, { downscale: false });
    const dropped = await h.engine.attachPhoto(draft.draftId, new Blob([photoBytes]), { downscale: false });

    expect(kept.originalSha256).toBe(await hex256(photoBytes));
    expect(kept.sealedSha256).toBe(kept.originalSha256);
    expect(kept.fileTime).toBe("2026-11-20T08:00:00.000Z");
    expect(dropped.fileTime).toBeNull();
    expect(kept.capturedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    const db = await openKuaDb();
    const record = await db.get("attachments", kept.attachmentId);
    const ciphertext = (await storedAgeFile(db, kept.attachmentId)) ?? new Uint8Array(0);
    expect(new TextDecoder().decode(ciphertext)).not.toContain("bruise");
    // Sealed to the report's own recipient: the reviewer's key alone does not open it.
    await expect(open(ciphertext, [h.reviewer.identity])).rejects.toThrow();
    expect(record?.sha256).toBe(await hex256(ciphertext));

    const reportId = await h.engine.submit({ ...draft, otherPhotos: [kept] });

    const identity = (await submittedReport(h, reportId)).attachmentIdentity;
    expect(identity).toMatch(/^AGE-SECRET-KEY-/);
    expect(await open(ciphertext, [h.reviewer.identity, identity!])).toEqual(photoBytes);

    expect(await db.get("attachments", dropped.attachmentId)).toBeUndefined();
    expect(await db.count("attachmentPieces", piecesOf(dropped.attachmentId))).toBe(0);
    expect(await db.get("uploads", kept.attachmentId)).toMatchObject({ reportId, uploadUrl: null, sentBytes: 0 });
    expect((await db.get("outbox", reportId))?.attachments).toEqual([
      { attachmentId: kept.attachmentId, bytes: ciphertext.length, role: "photo" },
    ]);
    await h.engine.removePhoto(kept.attachmentId);
    expect(await db.get("attachments", kept.attachmentId)).toBeDefined();
    db.close();
  });

  it("refuses to submit a report whose photo is no longer on the phone", async () => {
    const h = await harness();
    const draft = completeDraft(h);
    const photo = await h.engine.attachPhoto(draft.draftId, new Blob([photoBytes]), { downscale: false });
    await h.engine.removePhoto(photo.attachmentId);
    await expect(h.engine.submit({ ...draft, otherPhotos: [photo] })).rejects.toMatchObject({ code: "photo_missing" });
  });

  it("deletes a draft's photos with the draft", async () => {
    const h = await harness();
    const draft = completeDraft(h);
    await h.engine.saveDraft(draft);
    const photo = await h.engine.attachPhoto(draft.draftId, new Blob([photoBytes]), { downscale: false });
    const db = await openKuaDb();
    expect(await db.count("attachmentPieces", piecesOf(photo.attachmentId))).toBe(1);
    await h.engine.deleteDraft(draft.draftId);
    expect(await db.get("attachments", photo.attachmentId)).toBeUndefined();
    expect(await db.count("attachmentPieces")).toBe(0);
    expect(await h.engine.listDrafts()).toEqual([]);
    db.close();
  });
});
