/**
 * Evidence-grade photos (issue 18): the original's bytes are sealed unchanged by default, a large
 * original gets a preview declared (so sent) before it, and the phone signs what it sealed.
 */
import "fake-indexeddb/auto";

import { describe, expect, it } from "vitest";

import { open, verifyRecipientList, type RecipientList } from "../../shared/crypto";
import { verifyProvenance } from "../../shared/report/provenanceCheck";
import type { ReportV2 } from "../../shared/report/v2";
import { openKuaDb } from "../store/db";
import { deviceSigner } from "../store/deviceKey";
import { isoWithOffset } from "./deviceTime";
import { attachPhoto, MAX_ATTACHMENT_BYTES, PREVIEW } from "./photos";
import { hex256 } from "./testing/fakeIntake";
import { completeDraft, draftAttachmentIdentity, harness, type Harness } from "./testing/harness";
import { storedAgeFile } from "./testing/stored";
import { readStoredBytes } from "../store/storedBytes";

/** A "photo" over the preview threshold: random bytes no browser decodes (like HEIC here). */
function largePhoto(lastModified = Date.parse("2026-11-20T08:00:00Z")): File {
  const bytes = new Uint8Array(PREVIEW.minBytes + 4096);
  for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
  return new File([bytes], "IMG_0001.jpg", { type: "image/jpeg", lastModified });
}

/** The attachment's plaintext, opened with `identity` (a reviewer's, or the report's attachment identity). */
async function opened(identity: string, attachmentId: string): Promise<Uint8Array<ArrayBuffer>> {
  const db = await openKuaDb();
  const ageFile = await storedAgeFile(db, attachmentId);
  db.close();
  if (!ageFile) throw new Error(`attachment ${attachmentId} is not on the phone`);
  return new Uint8Array(await open(ageFile, [identity]));
}

const recipientsOf = (list: RecipientList): string[] => list.recipients.map((entry) => entry.recipient);

function listOf(h: Harness) {
  return verifyRecipientList(h.deployment.recipientList, {
    rootPublicKeys: h.deployment.rootPublicKeys,
    threshold: h.deployment.threshold,
    minSeq: 0,
    now: new Date("2026-12-01T00:00:00Z"),
  });
}

describe("a reporter attaching an injury photo", () => {
  it("keeps the original by default: the sealed bytes hash as the file picked", async () => {
    const h = await harness();
    const photo = largePhoto();
    const capturedAt = Date.parse("2026-12-07T10:15:00Z");

    const draft = completeDraft(h);
    const ref = await h.engine.attachPhoto(draft.draftId, photo, {
      downscale: false,
      source: "gallery",
      capturedAt,
    });

    const picked = await hex256(new Uint8Array(await photo.arrayBuffer()));
    expect(ref.originalSha256).toBe(picked);
    expect(ref.sealedSha256).toBe(picked);
    expect(await hex256(await opened(await draftAttachmentIdentity(h, draft), ref.attachmentId))).toBe(picked);
    expect(ref).toMatchObject({
      downscaled: false,
      source: "gallery",
      capturedAt: isoWithOffset(new Date(capturedAt)),
      fileTime: "2026-11-20T08:00:00.000Z",
      mime: "image/jpeg",
      bytes: photo.size,
      // Undecodable here (no createImageBitmap in Node): no preview, the original still attached.
      previewAttachmentId: null,
    });
  });

  it("signs the original: the signature verifies over its bytes and times, and not over others", async () => {
    const h = await harness();
    const draft = completeDraft(h);
    const ref = await h.engine.attachPhoto(draft.draftId, largePhoto(), {
      downscale: false,
      source: "camera",
    });
    const identity = await draftAttachmentIdentity(h, draft);
    const db = await openKuaDb();
    const device = (await deviceSigner(db))!.device;
    db.close();
    const facts = {
      attachmentId: ref.attachmentId,
      kind: "photo" as const,
      sha256: await hex256(await opened(identity, ref.attachmentId)),
      capturedAt: ref.capturedAt,
      fileTime: ref.fileTime,
    };

    expect(ref.source).toBe("camera");
    expect(ref.signature).not.toBeNull();
    expect(verifyProvenance(device, ref.signature, facts)).toBe("valid");
    expect(verifyProvenance(device, ref.signature, { ...facts, sha256: "0".repeat(64) })).toBe("invalid");
    expect(verifyProvenance(device, ref.signature, { ...facts, capturedAt: "2026-01-01T00:00:00.000+00:00" })).toBe(
      "invalid",
    );
    expect(verifyProvenance(device, null, facts)).toBe("unsigned");
  });

  it("seals a preview of a large original and declares it before the original", async () => {
    const h = await harness();
    h.online = false;
    h.intake.defaultAnswer = "network_error";
    const draft = completeDraft(h);
    const db = await openKuaDb();
    const preview = new TextEncoder().encode("a 1024 px JPEG of the bruise");

    const ref = await attachPhoto(
      db,
      recipientsOf(listOf(h)),
      draft.draftId,
      largePhoto(),
      { downscale: false },
      async () => Promise.resolve(new Blob([preview], { type: "image/jpeg" })),
    );
    const reportId = await h.engine.submit({ ...draft, otherPhotos: [ref] });

    expect(ref.previewAttachmentId).not.toBeNull();
    expect(await opened(h.reviewer.identity, ref.previewAttachmentId!)).toEqual(preview);
    const queued = await db.get("outbox", reportId);
    expect(queued?.attachments.map((a) => a.attachmentId)).toEqual([ref.previewAttachmentId, ref.attachmentId]);
    const report = JSON.parse(
      new TextDecoder().decode(await open(await readStoredBytes(queued!.ciphertext!), [h.reviewer.identity])),
    ) as ReportV2;
    expect(report.device).toEqual((await deviceSigner(db))!.device);
    expect(report.otherPhotos[0]?.signature).toEqual(ref.signature);
    db.close();
  });

  it("makes no preview of a small photo, nor of a smaller copy", async () => {
    const h = await harness();
    const db = await openKuaDb();
    let asked = 0;
    const makePreview = async (): Promise<Blob> => {
      asked += 1;
      return Promise.resolve(new Blob(["preview"]));
    };
    const small = new File([new Uint8Array(1000)], "small.jpg", { type: "image/jpeg" });

    const ref = await attachPhoto(db, recipientsOf(listOf(h)), "draft", small, { downscale: false }, makePreview);

    expect(ref.previewAttachmentId).toBeNull();
    expect(asked).toBe(0);
    db.close();
  });

  it("refuses an original over the 50 MB limit, saying so, and stores nothing", async () => {
    const h = await harness();
    const huge = new Blob([new Uint8Array(MAX_ATTACHMENT_BYTES + 1)], { type: "image/jpeg" });

    await expect(h.engine.attachPhoto("draft", huge, { downscale: false })).rejects.toMatchObject({
      code: "too_large",
      message: expect.stringContaining("50 MB") as string,
    });
    const db = await openKuaDb();
    expect(await db.count("attachments")).toBe(0);
    db.close();
  });
});
