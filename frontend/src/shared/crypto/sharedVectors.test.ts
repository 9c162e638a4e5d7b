/**
 * The TypeScript side agrees with the Python side on the vectors in tests/vectors/: it opens every
 * age file Python wrote, reaches the same verdict on every signed recipient list, and pads alike.
 * A missing vector file is a failure, never a skip.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { base64 } from "@scure/base";
import { Decrypter } from "age-encryption";
import { describe, expect, it } from "vitest";

import { open, openRaw } from "./age";
import { pad, padme, unpad } from "./padding";
import { RecipientListError, verifyRecipientList } from "./recipientList";
import { readVectors, type AgeVector } from "./testing/sharedVectors";

async function openVector(vector: AgeVector): Promise<Uint8Array> {
  const ciphertext = base64.decode(vector.ciphertext_b64);
  if (vector.kind === "scrypt") {
    if (vector.passphrase === undefined) {
      throw new Error(`age vector ${vector.name} has no passphrase`);
    }
    const decrypter = new Decrypter();
    decrypter.addPassphrase(vector.passphrase);
    const plaintext = await decrypter.decrypt(ciphertext);
    return vector.padded ? unpad(plaintext) : plaintext;
  }
  if (vector.identity === undefined) {
    throw new Error(`age vector ${vector.name} has no identity`);
  }
  return vector.padded ? open(ciphertext, [vector.identity]) : openRaw(ciphertext, [vector.identity]);
}

describe("age files sealed by Python (tests/vectors/age.json)", () => {
  it("covers X25519, post-quantum and scrypt files", () => {
    const kinds = new Set(readVectors("age.json").cases.map((vector) => vector.kind));
    expect([...kinds].sort()).toEqual(["pq", "scrypt", "x25519"]);
  });

  it("opens every file to its plaintext", async () => {
    for (const vector of readVectors("age.json").cases) {
      const plaintext = await openVector(vector);
      expect(bytesToHex(sha256(plaintext)), vector.name).toBe(vector.plaintext_sha256);
      expect(plaintext, vector.name).toEqual(base64.decode(vector.plaintext_b64));
    }
  });
});

describe("signed recipient lists (tests/vectors/recipient-lists.json)", () => {
  it("reaches the expected verdict on every list", () => {
    const vectors = readVectors("recipient-lists.json");
    for (const vector of vectors.cases) {
      const verify = () =>
        verifyRecipientList(vector.signed, {
          rootPublicKeys: vectors.root_public_keys,
          threshold: vectors.threshold,
          minSeq: vector.min_seq,
          now: new Date(vector.now),
        });
      if (vector.expect === "ok") {
        expect(
          verify().recipients.map((entry) => entry.recipient),
          vector.name,
        ).toEqual(vector.recipients);
        continue;
      }
      let code: string | null = null;
      try {
        verify();
      } catch (error) {
        if (!(error instanceof RecipientListError)) {
          throw error;
        }
        code = error.code;
      }
      expect(code, vector.name).toBe(vector.expect);
    }
  });
});

describe("Padmé padding (tests/vectors/padding.json)", () => {
  it("computes the same padme values", () => {
    const { padme: pairs } = readVectors("padding.json");
    expect(pairs.length).toBeGreaterThan(0);
    for (const [length, expected] of pairs) {
      expect(padme(length), `padme(${length})`).toBe(expected);
    }
  });

  it("pads content to the same lengths", () => {
    const { pad: pairs } = readVectors("padding.json");
    expect(pairs.length).toBeGreaterThan(0);
    for (const [contentLength, paddedLength] of pairs) {
      expect(pad(new Uint8Array(contentLength)).length, `pad(${contentLength} bytes)`).toBe(paddedLength);
    }
  });
});
