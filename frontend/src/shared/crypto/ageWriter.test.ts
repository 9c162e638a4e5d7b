import { Decrypter, generateHybridIdentity, generateX25519Identity, identityToRecipient } from "age-encryption";
import { describe, expect, it } from "vitest";

import { openRaw, sealRaw } from "./age";
import { startAgeFile, startPayload } from "./ageWriter";

const KIB = 1024;
const SIZES = [0, 1, 64 * KIB - 1, 64 * KIB, 64 * KIB + 1, 1024 * KIB + 3];

/** Byte equality, without vitest's element-by-element diff (slow on a MiB). */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function plaintextOf(length: number): Uint8Array {
  return new Uint8Array(length).map((_, i) => (i * 31 + (i >> 16)) % 251);
}

/** Everything `write`s in pieces of `step` bytes, then `end`, concatenated. */
function writeAll(
  writer: { write: (p: Uint8Array, s: (c: Uint8Array) => void) => void; end: (s: (c: Uint8Array) => void) => void },
  plaintext: Uint8Array,
  step: number,
): Uint8Array {
  const parts: Uint8Array[] = [];
  const sink = (chunk: Uint8Array): void => void parts.push(chunk.slice());
  for (let at = 0; at < plaintext.length; at += step) writer.write(plaintext.subarray(at, at + step), sink);
  writer.end(sink);
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  parts.reduce((at, part) => (out.set(part, at), at + part.length), 0);
  return out;
}

/** Splits an age file into header, payload nonce and payload (the header ends with the "--- MAC" line). */
function split(file: Uint8Array): { header: Uint8Array; nonce: Uint8Array; payload: Uint8Array } {
  const macLine = new TextDecoder("latin1").decode(file.subarray(0, 64 * KIB)).indexOf("\n--- ") + 1;
  const end = file.indexOf(0x0a, macLine) + 1;
  return { header: file.subarray(0, end), nonce: file.subarray(end, end + 16), payload: file.subarray(end + 16) };
}

describe.each([
  ["X25519", generateX25519Identity],
  ["post-quantum", generateHybridIdentity],
] as const)("an age file written chunk by chunk, to a %s recipient", (_, generate) => {
  it.each(SIZES)("opens with typage to the same %i bytes, of the announced length", async (size) => {
    const identity = await generate();
    const writer = await startAgeFile([await identityToRecipient(identity)]);
    const plaintext = plaintextOf(size);
    const payload = writeAll(writer, plaintext, 10_007);
    const file = new Uint8Array(writer.head.length + payload.length);
    file.set(writer.head);
    file.set(payload, writer.head.length);
    expect(file.length).toBe(writer.fileBytes(size));
    expect(same(await openRaw(file, [identity]), plaintext)).toBe(true);
  });
});

describe("the STREAM payload", () => {
  it.each(SIZES)("equals typage's for the same file key and nonce (%i bytes)", async (size) => {
    const identity = await generateX25519Identity();
    const plaintext = plaintextOf(size);
    const typage = split(await sealRaw(plaintext, [await identityToRecipient(identity)]));
    const decrypter = new Decrypter();
    decrypter.addIdentity(identity);
    const fileKey = await decrypter.decryptHeader(typage.header);
    for (const step of [1 + (size >> 3), 64 * KIB, 1024 * KIB]) {
      expect(same(writeAll(await startPayload(fileKey, typage.nonce), plaintext, step), typage.payload)).toBe(true);
    }
  });

  it("refuses to write once ended", async () => {
    const writer = await startPayload(new Uint8Array(16), new Uint8Array(16));
    writer.end(() => undefined);
    expect(() => writer.write(Uint8Array.of(1), () => undefined)).toThrow(/finished/);
  });
});
