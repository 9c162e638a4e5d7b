import { describe, expect, it } from "vitest";

import { documentLanguage } from "./language";
import { photoHashes } from "./words";
import { PHOTO } from "./testing/seedCase";

const ru = documentLanguage("ru");
const en = documentLanguage("en");

describe("a photo's hashes in the dossier", () => {
  it("name the smaller copy as the copy sent before encryption, never as the encrypted file", () => {
    const [original, smaller] = photoHashes(ru, { ...PHOTO, downscaled: true, sealedSha256: "b".repeat(64) });
    expect(original).toBe(`SHA-256 оригинала: ${PHOTO.originalSha256}`);
    expect(smaller).toBe(`SHA-256 отправленной уменьшенной копии (до шифрования): ${"b".repeat(64)}`);
    expect(photoHashes(en, { ...PHOTO, downscaled: true })[1]).toMatch(/^SHA-256 of the smaller copy sent/);
  });

  it("give one hash for an original sent as it is (the default since media v1)", () => {
    const original = { ...PHOTO, downscaled: false, sealedSha256: PHOTO.originalSha256 };
    expect(photoHashes(ru, original)).toEqual([`SHA-256 оригинала: ${PHOTO.originalSha256}`]);
  });
});
