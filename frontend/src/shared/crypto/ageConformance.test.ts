/**
 * The age library we ship passes the C2SP age conformance vectors (npm `cctv-age`) through our
 * `openRaw`, for every kind of file Kua reads. Armored vectors are left out: Kua never reads armor.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { Decrypter } from "age-encryption";
import { describe, expect, it } from "vitest";

import { openRaw } from "./age";
import { conformanceVectors, type ConformanceVector } from "./testing/conformanceVectors";

async function decrypt(vector: ConformanceVector): Promise<Uint8Array> {
  if (vector.passphrases.length === 0) {
    return openRaw(vector.file, vector.identities);
  }
  const decrypter = new Decrypter();
  vector.passphrases.forEach((passphrase) => decrypter.addPassphrase(passphrase));
  vector.identities.forEach((identity) => decrypter.addIdentity(identity));
  return decrypter.decrypt(vector.file);
}

const vectors = conformanceVectors().filter(([, vector]) => !vector.armored);

describe("C2SP age conformance vectors", () => {
  it("are all there", () => {
    expect(vectors.length).toBeGreaterThan(100);
  });

  it.each(vectors)("%s", async (_, vector) => {
    if (vector.expect === "success") {
      const plaintext = await decrypt(vector);
      expect(bytesToHex(sha256(plaintext))).toBe(vector.payload);
    } else {
      await expect(decrypt(vector)).rejects.toThrow();
    }
  });
});
