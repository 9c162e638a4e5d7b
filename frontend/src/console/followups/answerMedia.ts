/**
 * The photos of a follow-up answer (docs/media.md, "In follow-up answers"), opened in the browser:
 * each is an attachment upload fetched by id (the answer, not the server, names it), decrypted, its
 * SHA-256 checked against the ref, and its provenance signature verified with the answer's device key.
 * The server may not hold a photo yet (the phone uploads it after the answer): that is "not received".
 */
import type { Answer, AnswerMedia } from "../../shared/report/followups";
import { verifyProvenance, type ProvenanceVerdict } from "../../shared/report/provenance";
import type { PhotoRef } from "../../shared/report/v2";
import { ApiError } from "../api";
import { openPhoto, type OpenPhoto } from "../attachments/openPhoto";

/** A photo of an answer, opened. */
export interface OpenAnswerPhoto {
  photo: OpenPhoto;
  /** Whether the phone's device key signed these bytes. */
  provenance: ProvenanceVerdict;
}

const HEX64 = /^[0-9a-f]{64}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only refs that name an attachment and a hash: a malformed one is left out, never fetched. */
const isPhotoRef = (ref: unknown): ref is PhotoRef => {
  const value = ref as Partial<PhotoRef> | null;
  return (
    typeof value === "object" &&
    value !== null &&
    typeof value.attachmentId === "string" &&
    UUID.test(value.attachmentId) &&
    typeof value.sealedSha256 === "string" &&
    HEX64.test(value.sealedSha256)
  );
};

/** An answer's media as the console shows it (empty lists for an answer without any). */
export function answerMedia(answer: Answer | null): AnswerMedia {
  const media = answer?.media as Partial<AnswerMedia> | undefined;
  return {
    photos: Array.isArray(media?.photos) ? media.photos.filter(isPhotoRef) : [],
    voice: Array.isArray(media?.voice) ? media.voice : [],
    documents: Array.isArray(media?.documents) ? media.documents : [],
  };
}

/** The photo decrypted and checked, or "not_received" while the server holds no complete upload. */
export async function openAnswerPhoto(
  fetchCiphertext: (attachmentId: string) => Promise<Uint8Array>,
  identity: string,
  answer: Answer,
  ref: PhotoRef,
): Promise<OpenAnswerPhoto | "not_received"> {
  let ciphertext: Uint8Array;
  try {
    ciphertext = await fetchCiphertext(ref.attachmentId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return "not_received";
    throw error;
  }
  const photo = await openPhoto(ciphertext, identity, ref);
  const provenance = verifyProvenance(answer.device, ref.signature ?? null, {
    attachmentId: ref.attachmentId,
    kind: "photo",
    sha256: photo.sha256,
    capturedAt: ref.capturedAt ?? null,
    fileTime: ref.fileTime ?? null,
  });
  return { photo, provenance };
}
