/**
 * Papers in a draft (docs/media.md, "Documents"): one document at a time, its pages photographed
 * in order or a PDF. Pure functions over the draft; the step (steps/DocumentsStep.tsx) only wires
 * them to the engine. The page limit is said, never silently cut (MEDIA_LIMITS.pagesPerDocument).
 */
import { v7 as uuidv7 } from "uuid";

import type { ReportDraftV2 } from "../../shared/report/draftV2";
import { DOCUMENT_TYPES, MEDIA_LIMITS, type DocumentRef, type DocumentType } from "../../shared/report/media";
import type { FileRef, PhotoRef } from "../../shared/report/v2";

export { DOCUMENT_TYPES, type DocumentType };

/** A new, empty document (no type chosen yet). */
export const blankDocument = (id: string = uuidv7()): DocumentRef => ({
  id,
  type: null,
  caption: null,
  pages: [],
  pdf: null,
});

/** Whether one more page may be added to `document`. */
export const canAddPage = (document: DocumentRef): boolean => document.pages.length < MEDIA_LIMITS.pagesPerDocument;

/** `draft` with document `id` changed by `change` (nothing when there is no such document). */
export function changeDocument(
  draft: ReportDraftV2,
  id: string,
  change: (document: DocumentRef) => DocumentRef,
): ReportDraftV2 {
  return { ...draft, documents: draft.documents.map((document) => (document.id === id ? change(document) : document)) };
}

/** Adds `page` last; refuses (returns the document unchanged) past the page limit. */
export function addPage(document: DocumentRef, page: PhotoRef): DocumentRef {
  return canAddPage(document) ? { ...document, pages: [...document.pages, page] } : document;
}

export function removePage(document: DocumentRef, attachmentId: string): DocumentRef {
  return { ...document, pages: document.pages.filter((page) => page.attachmentId !== attachmentId) };
}

/** Moves the page at `index` one place up (-1) or down (+1); at either end nothing changes. */
export function movePage(document: DocumentRef, index: number, by: -1 | 1): DocumentRef {
  const to = index + by;
  if (index < 0 || to < 0 || to >= document.pages.length || index >= document.pages.length) return document;
  const pages = [...document.pages];
  [pages[index], pages[to]] = [pages[to]!, pages[index]!];
  return { ...document, pages };
}

export const setPdf = (document: DocumentRef, pdf: FileRef | null): DocumentRef => ({ ...document, pdf });

/** Every attachment the document holds (to remove them with it). */
export const documentAttachmentIds = (document: DocumentRef): string[] => [
  ...document.pages.map((page) => page.attachmentId),
  ...(document.pdf ? [document.pdf.attachmentId] : []),
];
