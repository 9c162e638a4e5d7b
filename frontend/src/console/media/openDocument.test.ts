/**
 * Opening a document's page or PDF in the console: decrypted, its hash checked against the ref, the
 * phone's signature verified over the decrypted bytes; documents grouped in the phone's type order.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { base64 } from "@scure/base";
import { beforeAll, describe, expect, it } from "vitest";

import { seal } from "../../shared/crypto";
import { sha256Hex } from "../../shared/crypto/digest";
import type { DocumentRef, FileRef, PhotoRef } from "../../shared/report/media";
import { provenanceMessage, type ProvenanceFacts } from "../../shared/report/provenance";
import type { DeviceKey, ProvenanceSignature } from "../../shared/report/v2";
import { reviewerKeys } from "../testing/reports";
import { byType, openPage, openPdf } from "./openDocument";

let reviewer: { identity: string; recipient: string };
beforeAll(async () => {
  reviewer = await reviewerKeys();
});

const secret = ed25519.utils.randomSecretKey();
const device: DeviceKey = { algorithm: "Ed25519", publicKey: base64.encode(ed25519.getPublicKey(secret)) };
const signedAt = "2026-12-07T10:00:00.000+05:00";
const sign = (facts: Omit<ProvenanceFacts, "signedAt">): ProvenanceSignature => ({
  signedAt,
  value: base64.encode(ed25519.sign(provenanceMessage({ ...facts, signedAt }), secret)),
});

const PAGE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const PDF = new TextEncoder().encode("%PDF-1.4\n% an answer to a complaint\n%%EOF\n");

async function pageRef(kind: "page" | "photo"): Promise<PhotoRef> {
  const sha256 = await sha256Hex(PAGE);
  const attachmentId = crypto.randomUUID();
  const facts = { attachmentId, kind, sha256, capturedAt: signedAt, fileTime: null };
  return {
    attachmentId,
    originalSha256: sha256,
    sealedSha256: sha256,
    capturedAt: signedAt,
    downscaled: false,
    width: null,
    height: null,
    mime: "image/png",
    bytes: PAGE.length,
    source: "camera",
    fileTime: null,
    previewAttachmentId: null,
    signature: sign(facts),
  };
}

async function pdfRef(): Promise<FileRef> {
  const attachmentId = crypto.randomUUID();
  const sha256 = await sha256Hex(PDF);
  const facts = { attachmentId, kind: "pdf", sha256, capturedAt: signedAt, fileTime: null } as const;
  return {
    attachmentId,
    mime: "application/pdf",
    name: "otvet.pdf",
    bytes: PDF.length,
    sha256,
    fileTime: null,
    capturedAt: signedAt,
    signature: sign(facts),
  };
}

const sealed = async (bytes: Uint8Array): Promise<Uint8Array> =>
  new Uint8Array(await seal(bytes, [reviewer.recipient]));

describe("a document's page in the console", () => {
  it("opens with its hash checked and the phone's signature verified, as a page or as a photo", async () => {
    for (const kind of ["page", "photo"] as const) {
      const ref = await pageRef(kind);
      const opened = await openPage(await sealed(PAGE), [reviewer.identity], ref, device);
      expect(opened).toMatchObject({ hashOk: true, provenance: "valid", type: "image/png" });
      expect(opened.bytes).toEqual(PAGE);
    }
  });

  it("flags other bytes than those the phone signed, and reads a missing key as unsigned", async () => {
    const ref = await pageRef("page");
    const other = new Uint8Array([...PAGE, 9]);
    expect(await openPage(await sealed(other), [reviewer.identity], ref, device)).toMatchObject({
      hashOk: false,
      provenance: "invalid",
    });
    expect((await openPage(await sealed(PAGE), [reviewer.identity], ref, null)).provenance).toBe("unsigned");
    const stranger = { ...device, publicKey: base64.encode(ed25519.getPublicKey(ed25519.utils.randomSecretKey())) };
    expect((await openPage(await sealed(PAGE), [reviewer.identity], ref, stranger)).provenance).toBe("invalid");
  });
});

describe("a document's PDF in the console", () => {
  it("opens signed as a PDF; a signature made for a page does not pass for it", async () => {
    const ref = await pdfRef();
    expect(await openPdf(await sealed(PDF), [reviewer.identity], ref, device)).toMatchObject({
      hashOk: true,
      provenance: "valid",
      type: "application/pdf",
    });
    const asPage = sign({
      attachmentId: ref.attachmentId,
      kind: "page",
      sha256: ref.sha256,
      capturedAt: signedAt,
      fileTime: null,
    });
    const relabelled = { ...ref, signature: asPage };
    expect((await openPdf(await sealed(PDF), [reviewer.identity], relabelled, device)).provenance).toBe("invalid");
    expect((await openPdf(await sealed(PAGE), [reviewer.identity], ref, device)).hashOk).toBe(false);
  });
});

describe("documents grouped by type", () => {
  it("follows the phone's order of types, a document without a type last", () => {
    const document = (id: string, type: DocumentRef["type"]): DocumentRef => ({
      id,
      type,
      caption: null,
      pages: [],
      pdf: null,
    });
    const groups = byType([
      document("a", "complaint_answer"),
      document("b", null),
      document("c", "detention_protocol"),
      document("d", "complaint_answer"),
    ]);
    expect(groups.map((group) => [group.type, group.documents.map((d) => d.id)])).toEqual([
      ["detention_protocol", ["c"]],
      ["complaint_answer", ["a", "d"]],
      [null, ["b"]],
    ]);
  });
});
