/** A document's pages stay in the order photographed, never pass the limit, and move one place at a time. */
import { describe, expect, it } from "vitest";

import { MEDIA_LIMITS } from "../../shared/report/media";
import type { PhotoRef } from "../../shared/report/v2";
import { addPage, blankDocument, canAddPage, documentAttachmentIds, movePage, removePage, setPdf } from "./documents";

const page = (n: number): PhotoRef => ({
  attachmentId: `00000000-0000-7000-8000-${String(n).padStart(12, "0")}`,
  originalSha256: "a".repeat(64),
  sealedSha256: "a".repeat(64),
  capturedAt: null,
  downscaled: false,
  width: null,
  height: null,
  mime: "image/png",
  bytes: 10,
  source: "camera",
  fileTime: null,
  previewAttachmentId: null,
  signature: null,
});
const ids = (document: { pages: PhotoRef[] }): string[] => document.pages.map((p) => p.attachmentId.slice(-1));

describe("a document's pages", () => {
  it("keeps them in the order photographed, and removes one", () => {
    const document = [1, 2, 3].reduce((d, n) => addPage(d, page(n)), blankDocument("d"));
    expect(ids(document)).toEqual(["1", "2", "3"]);
    expect(ids(removePage(document, page(2).attachmentId))).toEqual(["1", "3"]);
  });

  it("moves a page up or down one place, and not past either end", () => {
    const document = [1, 2, 3].reduce((d, n) => addPage(d, page(n)), blankDocument("d"));
    expect(ids(movePage(document, 2, -1))).toEqual(["1", "3", "2"]);
    expect(ids(movePage(document, 0, 1))).toEqual(["2", "1", "3"]);
    expect(movePage(document, 0, -1)).toBe(document);
    expect(movePage(document, 2, 1)).toBe(document);
  });

  it(`stops at ${MEDIA_LIMITS.pagesPerDocument} pages instead of dropping any`, () => {
    let document = blankDocument("d");
    for (let n = 1; n <= MEDIA_LIMITS.pagesPerDocument; n += 1) document = addPage(document, page(n));
    expect(canAddPage(document)).toBe(false);
    expect(addPage(document, page(99))).toBe(document);
    expect(document.pages).toHaveLength(30);
  });

  it("names every attachment of a document, its PDF included", () => {
    const pdf = {
      attachmentId: "p",
      mime: "application/pdf",
      name: null,
      bytes: 1,
      sha256: "b".repeat(64),
      fileTime: null,
      capturedAt: "2026-12-07T10:00:00.000+05:00",
      signature: null,
    };
    const document = setPdf(addPage(blankDocument("d"), page(1)), pdf);
    expect(documentAttachmentIds(document)).toEqual([page(1).attachmentId, "p"]);
  });
});
