/**
 * Media in a report (docs/media.md): photos kept as originals, voice recordings, documents (pages
 * photographed, or a PDF), each an attachment upload whose ref sits in the sealed report with the
 * phone's signature over its provenance. Reports and drafts written before media v1 lack the new
 * keys; `withMedia` fills them so every report still reads as the current v2.
 */
import type { DocumentRef, FileRef, PhotoRef, ReportV2, VoiceRef } from "./v2.gen";

/** Document types, in the order the phone offers them (the papers families hold, docs/domain.md). */
export const DOCUMENT_TYPES = [
  "detention_protocol",
  "summons",
  "decision",
  "beatings_certificate",
  "medical",
  "complaint",
  "complaint_answer",
  "other",
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Limits the phone enforces before sealing (docs/media.md, "Limits"); the server's are wider or equal. */
export const MEDIA_LIMITS = {
  /** One recording stops by itself at this length, saying so. */
  voiceMs: 20 * 60 * 1000,
  /** Pages photographed for one document. */
  pagesPerDocument: 30,
  /** Attachments one report (or one answer) may declare: the server's `MAX_ATTACHMENTS`. */
  attachmentsPerReport: 120,
  /** The sealed size of one attachment: the server's `KUA_MAX_ATTACHMENT_BYTES` default. */
  attachmentBytes: 50 * 1024 * 1024,
} as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A photo ref of any age as the current one. Before media v1 `capturedAt` was the file's own time
 * (lastModified): it moves to `fileTime`, and the phone's clock at capture is unknown (null).
 */
export function currentPhotoRef(photo: Record<string, unknown>): PhotoRef {
  if ("source" in photo) return photo as unknown as PhotoRef;
  return {
    ...(photo as unknown as PhotoRef),
    capturedAt: null,
    fileTime: (photo["capturedAt"] as string | null | undefined) ?? null,
    mime: null,
    bytes: null,
    source: null,
    previewAttachmentId: null,
    signature: null,
  };
}

/** A v2 report (or draft) of any age with the media keys (filled where it predates them). Copies what it changes. */
export function withMedia<T extends Record<string, unknown>>(value: T): T {
  const injuries = Array.isArray(value["injuries"])
    ? (value["injuries"] as unknown[]).map((injury) =>
        isObject(injury) && Array.isArray(injury["photos"])
          ? { ...injury, photos: (injury["photos"] as Record<string, unknown>[]).map(currentPhotoRef) }
          : injury,
      )
    : value["injuries"];
  const otherPhotos = Array.isArray(value["otherPhotos"])
    ? (value["otherPhotos"] as Record<string, unknown>[]).map(currentPhotoRef)
    : value["otherPhotos"];
  return {
    voice: [],
    documents: [],
    device: null,
    ...value,
    injuries,
    otherPhotos,
  };
}

/** Every attachment of a document: its pages (and their previews), then its PDF. */
function documentAttachments(document: DocumentRef): string[] {
  return [...document.pages.flatMap(photoAttachments), ...(document.pdf ? [document.pdf.attachmentId] : [])];
}

/** A photo's attachments: the preview first (it is sent first), then the original. */
export function photoAttachments(photo: PhotoRef): string[] {
  return photo.previewAttachmentId ? [photo.previewAttachmentId, photo.attachmentId] : [photo.attachmentId];
}

/** What carries media: a report, or a follow-up answer's `media`. */
export interface MediaParts {
  injuries?: readonly { photos: readonly PhotoRef[] }[];
  otherPhotos?: readonly PhotoRef[];
  photos?: readonly PhotoRef[];
  voice: readonly VoiceRef[];
  documents: readonly DocumentRef[];
}

/** Every ref that names an attachment (photos, voice, pages, PDFs). */
export function mediaRefs(parts: MediaParts): { attachmentId: string; signature: PhotoRef["signature"] }[] {
  return [
    ...(parts.injuries ?? []).flatMap((injury) => injury.photos),
    ...(parts.otherPhotos ?? []),
    ...(parts.photos ?? []),
    ...parts.voice,
    ...parts.documents.flatMap((document) => [...document.pages, ...(document.pdf ? [document.pdf] : [])]),
  ];
}

/** Every attachment id, in sending order: photos (preview before original), voice, documents. */
export function mediaAttachmentIds(parts: MediaParts): string[] {
  const photos = [
    ...(parts.injuries ?? []).flatMap((injury) => injury.photos),
    ...(parts.otherPhotos ?? []),
    ...(parts.photos ?? []),
  ];
  return [
    ...photos.flatMap(photoAttachments),
    ...parts.voice.map((voice) => voice.attachmentId),
    ...parts.documents.flatMap(documentAttachments),
  ];
}

export type { DocumentRef, FileRef, PhotoRef, VoiceRef };
export type MediaReport = Pick<ReportV2, "injuries" | "otherPhotos" | "voice" | "documents">;
