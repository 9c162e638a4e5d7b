/**
 * The photos of a follow-up answer (docs/media.md, "In follow-up answers"), opened in the browser:
 * each is an attachment upload fetched by id (the answer, not the server, names it), decrypted, and
 * judged as a report's photo is (src/console/photos/verdict.ts) with the answer's device key. The
 * server may not hold a photo yet (the phone uploads it after the answer): its preview stands in, or
 * it is "not received".
 */
import type { Answer, AnswerMedia } from "../../shared/report/followups";
import { mediaAttachmentIds } from "../../shared/report/media";
import type { PhotoRef } from "../../shared/report/v2";
import { ApiError } from "../api";
import { openPhoto, openPreview, type OpenPhoto } from "../attachments/openPhoto";
import { photoVerdict, type PhotoVerdict } from "../photos/verdict";

/** A photo of an answer as far as it arrived: the original checked, or the phone's preview meanwhile. */
export type AnswerPhoto =
  | { kind: "original"; photo: OpenPhoto; verdict: PhotoVerdict }
  | { kind: "preview"; bytes: Uint8Array<ArrayBuffer>; type: string }
  | { kind: "not_received" };

const HEX64 = /^[0-9a-f]{64}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only refs that name attachments by UUID and a hash: a malformed one is left out, never fetched. */
const isPhotoRef = (ref: unknown): ref is PhotoRef => {
  const value = ref as Partial<PhotoRef> | null;
  return (
    typeof value === "object" &&
    value !== null &&
    typeof value.attachmentId === "string" &&
    UUID.test(value.attachmentId) &&
    typeof value.sealedSha256 === "string" &&
    HEX64.test(value.sealedSha256) &&
    (value.previewAttachmentId == null ||
      (typeof value.previewAttachmentId === "string" && UUID.test(value.previewAttachmentId)))
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

/** The server holds no complete upload under this id (yet): the phone uploads after the answer. */
const notHeld = (error: unknown): boolean => error instanceof ApiError && error.status === 404;

/**
 * The original decrypted and checked (hash, and signature over the decrypted bytes' SHA-256 with the
 * answer's device key), else its preview while the original is on its way, else "not_received".
 */
export async function openAnswerPhoto(
  fetchCiphertext: (attachmentId: string) => Promise<Uint8Array>,
  identity: string,
  answer: Answer,
  ref: PhotoRef,
): Promise<AnswerPhoto> {
  try {
    const photo = await openPhoto(await fetchCiphertext(ref.attachmentId), [identity], ref);
    return { kind: "original", photo, verdict: photoVerdict(ref, photo.sha256, answer.device) };
  } catch (error) {
    if (!notHeld(error)) throw error;
  }
  if (!ref.previewAttachmentId) return { kind: "not_received" };
  try {
    return { kind: "preview", ...(await openPreview(await fetchCiphertext(ref.previewAttachmentId), [identity])) };
  } catch (error) {
    if (notHeld(error)) return { kind: "not_received" };
    throw error;
  }
}

/** Every attachment of the answer's documents (pages with their previews, PDFs), in sending order. */
export const documentAttachmentIds = (media: AnswerMedia): string[] =>
  mediaAttachmentIds({ photos: [], voice: [], documents: media.documents });

/** Every recording of the answer, in sending order. */
export const voiceAttachmentIds = (media: AnswerMedia): string[] =>
  mediaAttachmentIds({ photos: [], voice: media.voice, documents: [] });

/**
 * Whether the server holds all of `ids`: the console asks (`POST /attachments/held`), since an answer
 * names its attachments only inside its sealed body and the server cannot list them as it does a
 * report's. Nothing is downloaded to find out.
 */
export async function allHeld(
  askHeld: (attachmentIds: readonly string[]) => Promise<string[]>,
  ids: readonly string[],
): Promise<boolean> {
  if (ids.length === 0) return true;
  const held = new Set((await askHeld(ids)).map((id) => id.toLowerCase()));
  return ids.every((id) => held.has(id.toLowerCase()));
}
