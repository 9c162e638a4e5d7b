/**
 * Granting an age file to a recipient added later: the new header opens the untouched payload for the
 * added recipient (with typage's own Decrypter), for post-quantum and X25519 files alike.
 */
import {
  Decrypter,
  Encrypter,
  generateHybridIdentity,
  generateX25519Identity,
  identityToRecipient,
} from "age-encryption";
import { describe, expect, it } from "vitest";

import { parseAgeHeader } from "./ageHeader";
import { grantHeader, openableFile, withHeader } from "./grant";
import { RecipientError } from "./recipientType";

const plaintext = new TextEncoder().encode("A report sealed before reviewer B joined.");

async function person(generate: () => Promise<string>) {
  const identity = await generate();
  return { identity, recipient: await identityToRecipient(identity) };
}

async function sealTo(recipients: readonly string[], bytes = plaintext): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  recipients.forEach((recipient) => encrypter.addRecipient(recipient));
  return encrypter.encrypt(bytes);
}

async function openWith(file: Uint8Array, identity: string): Promise<Uint8Array> {
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  return decrypter.decrypt(file);
}

describe.each([
  ["post-quantum", generateHybridIdentity],
  ["X25519", generateX25519Identity],
])("a %s report granted by reviewer A to reviewer B", (_, generate) => {
  it("opens for B with the new header and the original payload", async () => {
    const [a, b, c] = [await person(generate), await person(generate), await person(generate)];
    const report = await sealTo([a.recipient, c.recipient], new Uint8Array(200_000).fill(42));
    await expect(openWith(report, b.identity)).rejects.toThrow();

    const header = await grantHeader(report, [a.identity], [b.recipient]);
    const granted = withHeader(header, report);

    expect(await openWith(granted, b.identity)).toEqual(new Uint8Array(200_000).fill(42));
    expect(parseAgeHeader(header).stanzas).toHaveLength(1);
    expect(granted.subarray(header.length)).toEqual(report.subarray(parseAgeHeader(report).payloadOffset));
    await expect(openWith(granted, a.identity)).rejects.toThrow();
  });

  it("can be granted again by B from the granted header", async () => {
    const [a, b, d] = [await person(generate), await person(generate), await person(generate)];
    const report = await sealTo([a.recipient]);
    const toB = await grantHeader(report, [a.identity], [b.recipient]);
    const toD = await grantHeader(toB, [b.identity], [d.recipient]);
    expect(await openWith(withHeader(toD, report), d.identity)).toEqual(plaintext);
  });

  it("is refused to someone who cannot open it", async () => {
    const [a, b] = [await person(generate), await person(generate)];
    const report = await sealTo([a.recipient]);
    await expect(grantHeader(report, [b.identity], [b.recipient])).rejects.toThrow();
  });

  it("is refused when the original header was tampered with", async () => {
    const [a, b] = [await person(generate), await person(generate)];
    const report = await sealTo([a.recipient]);
    const tampered = report.slice();
    const macLine = new TextDecoder("latin1").decode(tampered).indexOf("\n--- ");
    tampered[macLine + 6] = tampered[macLine + 6] === 0x41 ? 0x42 : 0x41;
    await expect(grantHeader(tampered, [a.identity], [b.recipient])).rejects.toThrow();
  });
});

describe("grant rules", () => {
  it("never grants a post-quantum file to an X25519 recipient", async () => {
    const a = await person(generateHybridIdentity);
    const b = await person(generateX25519Identity);
    const report = await sealTo([a.recipient]);
    await expect(grantHeader(report, [a.identity], [b.recipient])).rejects.toThrow(RecipientError);
  });

  it("wraps for several recipients of one type, never mixed", async () => {
    const a = await person(generateHybridIdentity);
    const [b, c] = [await person(generateHybridIdentity), await person(generateHybridIdentity)];
    const report = await sealTo([a.recipient]);
    const header = await grantHeader(report, [a.identity], [b.recipient, c.recipient]);
    expect(await openWith(withHeader(header, report), c.identity)).toEqual(plaintext);
    const x = await person(generateX25519Identity);
    await expect(grantHeader(report, [a.identity], [b.recipient, x.recipient])).rejects.toThrow(RecipientError);
  });

  it("gives the file as the identity can open it: its own header, else the first grant that opens", async () => {
    const [a, b, c] = [
      await person(generateHybridIdentity),
      await person(generateHybridIdentity),
      await person(generateHybridIdentity),
    ];
    const report = await sealTo([a.recipient]);
    const toC = await grantHeader(report, [a.identity], [c.recipient]);
    const toB = await grantHeader(report, [a.identity], [b.recipient]);
    let asked = 0;
    const grants = async () => {
      asked += 1;
      return [toC, toB];
    };
    expect(await openableFile(report, [a.identity], grants)).toBe(report);
    expect(asked).toBe(0);
    expect(await openWith(await openableFile(report, [b.identity], grants), b.identity)).toEqual(plaintext);
    expect(await openableFile(report, [b.identity], async () => [toC])).toBe(report);
  });
});
