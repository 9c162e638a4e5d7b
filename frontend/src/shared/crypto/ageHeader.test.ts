/**
 * The hand-written age header code agrees with the age spec's conformance vectors, with the files the
 * Python side wrote (tests/vectors/age.json) and with typage: every valid header parses and encodes
 * back to the same bytes, its MAC checks under its file key and fails under another, and malformed
 * headers are refused.
 */
import { base64 } from "@scure/base";
import { Decrypter, Stanza } from "age-encryption";
import { describe, expect, it } from "vitest";

import {
  AgeHeaderError,
  MAX_HEADER_BYTES,
  encodeAgeHeader,
  headerMacMatches,
  parseAgeHeader,
  type AgeHeader,
} from "./ageHeader";
import { conformanceVectors } from "./testing/conformanceVectors";
import { readVectors } from "./testing/sharedVectors";

const text = new TextEncoder();

async function fileKeyOf(file: Uint8Array, identities: readonly string[], passphrases: readonly string[]) {
  const decrypter = new Decrypter();
  identities.forEach((identity) => decrypter.addIdentity(identity));
  passphrases.forEach((passphrase) => decrypter.addPassphrase(passphrase));
  return decrypter.decryptHeader(file);
}

function expectRoundTrip(file: Uint8Array, header: AgeHeader, fileKey: Uint8Array, name: string): void {
  expect(encodeAgeHeader(header.stanzas, fileKey), name).toEqual(file.subarray(0, header.payloadOffset));
  expect(headerMacMatches(header, fileKey), name).toBe(true);
  const otherKey = fileKey.slice();
  otherKey[0] = (otherKey[0] ?? 0) ^ 1;
  expect(headerMacMatches(header, otherKey), name).toBe(false);
}

describe("age headers written by Python (tests/vectors/age.json)", () => {
  it("parse, encode back byte for byte and check their MAC", async () => {
    const cases = readVectors("age.json").cases;
    expect(cases.length).toBeGreaterThan(5);
    for (const vector of cases) {
      const file = base64.decode(vector.ciphertext_b64);
      const header = parseAgeHeader(file);
      const fileKey = await fileKeyOf(
        file,
        vector.identity === undefined ? [] : [vector.identity],
        vector.passphrase === undefined ? [] : [vector.passphrase],
      );
      expectRoundTrip(file, header, fileKey, vector.name);
      expect(file[header.payloadOffset - 1], vector.name).toBe(0x0a);
    }
  });
});

describe("C2SP age conformance vectors", () => {
  const vectors = conformanceVectors().filter(([, vector]) => !vector.armored);
  // A payload failure is a file whose header is valid and opens: only its payload is wrong.
  const valid = vectors.filter(([, vector]) => ["success", "payload failure"].includes(vector.expect));

  it("include many valid headers", () => {
    expect(valid.length).toBeGreaterThan(30);
  });

  it.each(valid)("%s: parses and encodes back with a MAC that checks", async (name, vector) => {
    const header = parseAgeHeader(vector.file);
    expectRoundTrip(vector.file, header, await fileKeyOf(vector.file, vector.identities, vector.passphrases), name);
  });

  it("every header refused is one the spec expects to fail", () => {
    const refused = vectors.filter(([, vector]) => {
      try {
        parseAgeHeader(vector.file);
        return false;
      } catch (error) {
        expect(error).toBeInstanceOf(AgeHeaderError);
        return true;
      }
    });
    expect(refused.length).toBeGreaterThan(10);
    expect(refused.filter(([, vector]) => vector.expect === "success")).toEqual([]);
  });
});

describe("malformed headers", () => {
  const stanza = new Stanza(["X25519", "abc"], new Uint8Array(32).fill(7));
  const key = new Uint8Array(16).fill(1);
  const good = new TextDecoder().decode(encodeAgeHeader([stanza], key));

  it.each([
    ["another version", good.replace("v1", "v2")],
    ["a CR", good.replace("\n", "\r\n")],
    ["no stanza", good.replace(/->[^]*?\n---/, "---")],
    ["no MAC line", good.replace(/---.*\n/, "")],
    ["a short MAC", good.replace(/--- (.*)\n/, (_, mac: string) => `--- ${mac.slice(4)}\n`)],
    ["padded base64", good.replace(/--- (.*)\n/, (_, mac: string) => `--- ${mac}=\n`)],
    ["non-canonical base64", good.replace(/--- (.*)\n/, (_, mac: string) => `--- ${mac.slice(0, -1)}B\n`)],
    ["an empty argument", good.replace("-> X25519 abc", "-> X25519  abc")],
    ["a cut", good.slice(0, -1)],
  ])("refuses %s", (_, header) => {
    expect(() => parseAgeHeader(text.encode(header))).toThrow(AgeHeaderError);
  });

  it("refuses a full 64-column body line not followed by a shorter one", () => {
    const full = encodeAgeHeader([new Stanza(["X25519", "abc"], new Uint8Array(48))], key);
    const shown = new TextDecoder().decode(full);
    expect(shown).toContain(`${"A".repeat(64)}\n\n---`);
    expect(() => parseAgeHeader(text.encode(shown.replace(`${"A".repeat(64)}\n\n`, `${"A".repeat(64)}\n`)))).toThrow(
      AgeHeaderError,
    );
  });

  it("refuses a header larger than 1 MiB", () => {
    const huge = text.encode(`age-encryption.org/v1\n-> X25519 ${"a".repeat(MAX_HEADER_BYTES)}\n`);
    expect(() => parseAgeHeader(huge)).toThrow("too large");
  });

  it("checks the MAC over the header as written", () => {
    const header = new TextDecoder().decode(encodeAgeHeader([stanza], key));
    const changed = parseAgeHeader(text.encode(header.replace("X25519 abc", "X25519 abd")));
    expect(headerMacMatches(changed, key)).toBe(false);
  });

  it("finds the payload right after the MAC line", () => {
    const header = encodeAgeHeader([stanza], key);
    const parsed = parseAgeHeader(new Uint8Array([...header, 1, 2, 3]));
    expect(parsed.payloadOffset).toBe(header.length);
    expect(parsed.stanzas[0]?.args).toEqual(["X25519", "abc"]);
  });
});
