/**
 * A document's PDF on the phone: sealed to the verified list, signed with the device key, stored as
 * ciphertext only, sent with the report; a file that is not a PDF or is too large is refused, saying so.
 */
import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import { open } from "../../shared/crypto";
import { MEDIA_LIMITS } from "../../shared/report/media";
import { verifyProvenance } from "../../shared/report/provenanceCheck";
import { openKuaDb } from "../store/db";
import { deviceSigner } from "../store/deviceKey";
import { FileError } from "./errors";
import { completeDraft, draftAttachmentIdentity, harness } from "./testing/harness";
import { hex256 } from "./testing/fakeIntake";
import { storedAgeFile } from "./testing/stored";

const pdfBytes = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% answer to the complaint\n%%EOF\n",
);

const pdfFile = (): File =>
  new File([pdfBytes], "otvet.pdf", { type: "application/pdf", lastModified: Date.parse("2026-11-21T09:30:00Z") });

describe("a relative attaching a document's PDF", () => {
  it("stores it sealed to the list and signed by the phone", async () => {
    const h = await harness();
    const draft = completeDraft(h);

    const ref = await h.engine.attachFile(draft.draftId, pdfFile());

    expect(ref).toMatchObject({
      mime: "application/pdf",
      name: "otvet.pdf",
      bytes: pdfBytes.length,
      sha256: await hex256(pdfBytes),
      fileTime: "2026-11-21T09:30:00.000Z",
    });
    expect(ref.capturedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    const db = await openKuaDb();
    const record = await db.get("attachments", ref.attachmentId);
    const ciphertext = (await storedAgeFile(db, ref.attachmentId)) ?? new Uint8Array(0);
    expect(new TextDecoder().decode(ciphertext)).not.toContain("complaint");
    expect(record).toMatchObject({
      draftId: draft.draftId,
      bytes: ciphertext.length,
      sha256: await hex256(ciphertext),
    });
    await expect(open(ciphertext, [h.reviewer.identity])).rejects.toThrow();
    expect(await open(ciphertext, [await draftAttachmentIdentity(h, draft)])).toEqual(pdfBytes);

    const device = (await deviceSigner(db))?.device ?? null;
    const facts = { ...ref, kind: "pdf" as const };
    expect(verifyProvenance(device, ref.signature, facts)).toBe("valid");
    expect(verifyProvenance(device, ref.signature, { ...facts, sha256: "0".repeat(64) })).toBe("invalid");
    expect(verifyProvenance(device, ref.signature, { ...facts, kind: "page" })).toBe("invalid");
    db.close();
  });

  it("sends it with the report, declared as one of its attachments", async () => {
    const h = await harness();
    h.online = false;
    const draft = completeDraft(h);
    const pdf = await h.engine.attachFile(draft.draftId, pdfFile());

    const reportId = await h.engine.submit({
      ...draft,
      documents: [{ id: "d1", type: "complaint_answer", caption: null, pages: [], pdf }],
    });

    const db = await openKuaDb();
    expect((await db.get("outbox", reportId))?.attachments.map((a) => a.attachmentId)).toEqual([pdf.attachmentId]);
    db.close();
  });

  it("refuses a file that is not a PDF, whatever its name says", async () => {
    const h = await harness();
    const draft = completeDraft(h);
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], "scan.pdf", {
      type: "application/pdf",
    });

    await expect(h.engine.attachFile(draft.draftId, photo)).rejects.toMatchObject({ code: "not_pdf" });
    const db = await openKuaDb();
    expect(await db.count("attachments")).toBe(0);
    db.close();
  });

  it("refuses a PDF over 50 MB, naming the limit", async () => {
    const h = await harness();
    const draft = completeDraft(h);
    const big = new Uint8Array(MEDIA_LIMITS.attachmentBytes + 1);
    big.set(pdfBytes);

    const refused = await h.engine.attachFile(draft.draftId, new Blob([big])).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(FileError);
    expect(refused).toMatchObject({ code: "file_too_large" });
    expect((refused as FileError).message).toContain("50 MB");
  });
});
