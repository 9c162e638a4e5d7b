/**
 * Seals known plaintexts to the reviewer identities of tests/vectors/age.json and writes them to
 * tests/vectors/from-ts/sealed.json, which the Python tests open (TypeScript -> Python interop).
 */
import { base64 } from "@scure/base";
import { identityToRecipient } from "age-encryption";
import { expect, it } from "vitest";

import { open, openRaw, seal, sealRaw } from "./age";
import { readVectors, writeVectors } from "./testing/sharedVectors";

/** A report as a phone would seal it, and an attachment spanning two 64 KiB STREAM chunks. */
const plaintexts: Record<string, Uint8Array> = {
  report: new TextEncoder().encode('{"report":"Задержание у станции метро","when":"2026-11-25T09:00:00Z"}'),
  empty: new Uint8Array(0),
  "one-chunk": new Uint8Array(64 * 1024).map((_, i) => (i * 31 + 7) % 256),
  "two-chunks": new Uint8Array(70_000).map((_, i) => (i * 13 + 5) % 256),
};

interface SealedCase {
  name: string;
  kind: "x25519" | "pq";
  identity: string;
  padded: boolean;
  plaintext_b64: string;
  ciphertext_b64: string;
}

it("seals files for the Python side to open (tests/vectors/from-ts/sealed.json)", async () => {
  const identities = new Map<string, "x25519" | "pq">();
  for (const vector of readVectors("age.json").cases) {
    if ((vector.kind === "x25519" || vector.kind === "pq") && vector.identity !== undefined) {
      identities.set(vector.identity, vector.kind);
    }
  }
  expect([...new Set(identities.values())].sort()).toEqual(["pq", "x25519"]);

  const cases: SealedCase[] = [];
  let index = 0;
  for (const [identity, kind] of identities) {
    index += 1;
    const recipient = await identityToRecipient(identity);
    for (const [label, plaintext] of Object.entries(plaintexts)) {
      for (const padded of [true, false]) {
        const ciphertext = padded ? await seal(plaintext, [recipient]) : await sealRaw(plaintext, [recipient]);
        const reopened = padded ? await open(ciphertext, [identity]) : await openRaw(ciphertext, [identity]);
        expect(reopened).toEqual(plaintext);
        cases.push({
          name: `ts-${kind}-${index}-${label}-${padded ? "padded" : "raw"}`,
          kind,
          identity,
          padded,
          plaintext_b64: base64.encode(plaintext),
          ciphertext_b64: base64.encode(ciphertext),
        });
      }
    }
  }
  writeVectors("from-ts/sealed.json", { cases });
});
