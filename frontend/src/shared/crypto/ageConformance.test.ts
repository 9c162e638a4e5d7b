/**
 * The age library we ship passes the C2SP age conformance vectors (npm `cctv-age`) through our
 * `openRaw`, for every kind of file Kua reads. Armored vectors are left out: Kua never reads armor.
 */
import { inflateSync } from "node:zlib";

import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { Decrypter } from "age-encryption";
import * as cctv from "cctv-age";
import { describe, expect, it } from "vitest";

import { openRaw } from "./age";

interface ConformanceVector {
  readonly expect: string;
  readonly payload: string | undefined;
  readonly identities: string[];
  readonly passphrases: string[];
  readonly armored: boolean;
  readonly file: Uint8Array;
}

function parseVector(bytes: Uint8Array): ConformanceVector {
  let end = 0;
  while (!(bytes[end] === 0x0a && bytes[end + 1] === 0x0a)) {
    end += 1;
  }
  const fields = new TextDecoder()
    .decode(bytes.subarray(0, end))
    .split("\n")
    .map((line) => {
      const colon = line.indexOf(": ");
      return [line.slice(0, colon), line.slice(colon + 2)] as const;
    });
  const values = (key: string) => fields.filter(([k]) => k === key).map(([, v]) => v);
  const body = bytes.subarray(end + 2);
  return {
    expect: values("expect")[0] ?? "",
    payload: values("payload")[0],
    identities: values("identity"),
    passphrases: values("passphrase"),
    armored: values("armored")[0] === "yes",
    file: values("compressed")[0] === "zlib" ? new Uint8Array(inflateSync(body)) : body,
  };
}

async function decrypt(vector: ConformanceVector): Promise<Uint8Array> {
  if (vector.passphrases.length === 0) {
    return openRaw(vector.file, vector.identities);
  }
  const decrypter = new Decrypter();
  vector.passphrases.forEach((passphrase) => decrypter.addPassphrase(passphrase));
  vector.identities.forEach((identity) => decrypter.addIdentity(identity));
  return decrypter.decrypt(vector.file);
}

const vectors = Object.entries(cctv as unknown as Record<string, Uint8Array>)
  .map(([name, bytes]) => [name, parseVector(bytes)] as const)
  .filter(([, vector]) => !vector.armored);

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
