/**
 * Opening a document's page or PDF in the browser: the attachment decrypted with the unlocked
 * identity or its report's attachment identity (`KeyRing.identitiesFor`), the SHA-256 of the plaintext checked against the ref, and the phone's signature over
 * its provenance verified against that hash (shared/report/provenance.ts). The server only ever
 * delivers ciphertext; the sealed report vouches for what it delivers.
 */
import { open } from "../../shared/crypto";
import { sha256Hex } from "../../shared/crypto/digest";
import type { DocumentRef, FileRef, PhotoRef } from "../../shared/report/media";
import { DOCUMENT_TYPES, type DocumentType } from "../../shared/report/media";
import { verifyProvenance, type ProvenanceVerdict } from "../../shared/report/provenanceCheck";
import type { DeviceKey } from "../../shared/report/v2";
import { imageType } from "../attachments/openPhoto";

export interface OpenedAttachment {
  bytes: Uint8Array<ArrayBuffer>;
  /** SHA-256 (hex) of the decrypted bytes. */
  sha256: string;
  /** Whether it is the hash the report names (`sealedSha256` of a page, `sha256` of a PDF). */
  hashOk: boolean;
  provenance: ProvenanceVerdict;
  /** By the first bytes: an image type for a page, "application/pdf" for a PDF, "" when unknown. */
  type: string;
}

const isPdf = (bytes: Uint8Array): boolean => [..."%PDF-"].every((c, i) => bytes[i] === c.charCodeAt(0));

/**
 * A page: signed as kind "page"; a phone whose photo code signs every picture as "photo" (pages go
 * through the same capture path) is accepted too: the hash and the key are what matter.
 */
export async function openPage(
  ciphertext: Uint8Array,
  identities: readonly string[],
  page: PhotoRef,
  device: DeviceKey | null | undefined,
): Promise<OpenedAttachment> {
  const bytes = new Uint8Array(await open(ciphertext, identities));
  const sha256 = await sha256Hex(bytes);
  const facts = { attachmentId: page.attachmentId, sha256, capturedAt: page.capturedAt, fileTime: page.fileTime };
  const asPage = verifyProvenance(device, page.signature, { ...facts, kind: "page" });
  const provenance =
    asPage === "invalid" ? verifyProvenance(device, page.signature, { ...facts, kind: "photo" }) : asPage;
  return { bytes, sha256, hashOk: sha256 === page.sealedSha256.toLowerCase(), provenance, type: imageType(bytes) };
}

export async function openPdf(
  ciphertext: Uint8Array,
  identities: readonly string[],
  pdf: FileRef,
  device: DeviceKey | null | undefined,
): Promise<OpenedAttachment> {
  const bytes = new Uint8Array(await open(ciphertext, identities));
  const sha256 = await sha256Hex(bytes);
  const provenance = verifyProvenance(device, pdf.signature, {
    attachmentId: pdf.attachmentId,
    kind: "pdf",
    sha256,
    capturedAt: pdf.capturedAt,
    fileTime: pdf.fileTime,
  });
  return {
    bytes,
    sha256,
    hashOk: sha256 === pdf.sha256.toLowerCase(),
    provenance,
    type: isPdf(bytes) ? "application/pdf" : "",
  };
}

/** Documents grouped by type, in the order of DOCUMENT_TYPES (a document without a type last, as null). */
export function byType(documents: readonly DocumentRef[]): { type: DocumentType | null; documents: DocumentRef[] }[] {
  return [...DOCUMENT_TYPES, null]
    .map((type) => ({ type, documents: documents.filter((document) => document.type === type) }))
    .filter((group) => group.documents.length > 0);
}
