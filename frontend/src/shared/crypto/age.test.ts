import { generateHybridIdentity, generateX25519Identity, identityToRecipient } from "age-encryption";
import { describe, expect, it } from "vitest";

import { open, openRaw, seal, sealRaw } from "./age";
import { PaddingError } from "./padding";
import { RecipientError } from "./recipientType";

const kinds = {
  x25519: generateX25519Identity,
  pq: generateHybridIdentity,
} as const;

async function reviewerKeys(kind: keyof typeof kinds): Promise<{ identity: string; recipient: string }> {
  const identity = await kinds[kind]();
  return { identity, recipient: await identityToRecipient(identity) };
}

const report = new TextEncoder().encode('{"what":"Задержание у станции метро","when":"2026-11-25"}');

describe.each(["x25519", "pq"] as const)("sealing to %s recipients", (kind) => {
  it("lets every reviewer open a padded report", async () => {
    const reviewers = [await reviewerKeys(kind), await reviewerKeys(kind)];
    const ciphertext = await seal(
      report,
      reviewers.map((r) => r.recipient),
    );
    for (const reviewer of reviewers) {
      expect(await open(ciphertext, [reviewer.identity])).toEqual(report);
    }
  });

  it("hides the report size behind Padmé padding", async () => {
    const { recipient, identity } = await reviewerKeys(kind);
    const small = await seal(new Uint8Array(1), [recipient]);
    const larger = await seal(new Uint8Array(1000), [recipient]);
    expect(small.length).toBe(larger.length);
    expect((await openRaw(small, [identity])).length).toBe(1024);
  });

  it("opens a raw (unpadded) file, large enough for several STREAM chunks", async () => {
    const { recipient, identity } = await reviewerKeys(kind);
    const photo = new Uint8Array(200_000).map((_, i) => i % 251);
    expect(await openRaw(await sealRaw(photo, [recipient]), [identity])).toEqual(photo);
  });

  it("refuses a file whose ciphertext was tampered with", async () => {
    const { recipient, identity } = await reviewerKeys(kind);
    const ciphertext = await seal(report, [recipient]);
    const tampered = ciphertext.slice();
    const last = tampered.length - 1;
    tampered[last] = (tampered[last] ?? 0) ^ 0x01;
    await expect(open(tampered, [identity])).rejects.toThrow();
  });

  it("refuses a truncated file", async () => {
    const { recipient, identity } = await reviewerKeys(kind);
    const ciphertext = await seal(new Uint8Array(70_000), [recipient]);
    await expect(open(ciphertext.subarray(0, ciphertext.length - 100), [identity])).rejects.toThrow();
  });

  it("does not open with another reviewer's identity", async () => {
    const { recipient } = await reviewerKeys(kind);
    const stranger = await reviewerKeys(kind);
    await expect(open(await seal(report, [recipient]), [stranger.identity])).rejects.toThrow(/no identity matched/);
  });
});

describe("sealing refuses", () => {
  it("an empty recipient list", async () => {
    await expect(seal(report, [])).rejects.toThrow(RecipientError);
    await expect(sealRaw(report, [])).rejects.toThrow(RecipientError);
  });

  it("a mix of X25519 and post-quantum recipients", async () => {
    const classic = await reviewerKeys("x25519");
    const hybrid = await reviewerKeys("pq");
    await expect(seal(report, [hybrid.recipient, classic.recipient])).rejects.toThrow(/mixed/);
    await expect(sealRaw(report, [classic.recipient, hybrid.recipient])).rejects.toThrow(/mixed/);
  });

  it("recipients that are not X25519 or hybrid age recipients", async () => {
    const { recipient } = await reviewerKeys("x25519");
    for (const bad of [recipient.toUpperCase(), recipient.slice(0, -1), "age1tag1qqqq", "ssh-ed25519 AAAA"]) {
      await expect(seal(report, [bad])).rejects.toThrow(RecipientError);
    }
  });
});

describe("opening refuses", () => {
  it("no identity at all", async () => {
    await expect(open(new Uint8Array(10), [])).rejects.toThrow(TypeError);
  });

  it("a file that was sealed without padding", async () => {
    const { recipient, identity } = await reviewerKeys("x25519");
    await expect(open(await sealRaw(Uint8Array.of(1, 2, 3), [recipient]), [identity])).rejects.toThrow(PaddingError);
  });
});
