/** A photo opens only with a listed key, and its hash is checked against the sealed report's. */
import { describe, expect, it } from "vitest";

import { seal } from "../../shared/crypto";
import { sha256Hex } from "../../shared/crypto/digest";
import type { PhotoRef } from "../../shared/report/model";
import { limiter } from "../queue/pool";
import seedLetter from "../../shared/report/examples/seed-letter.v2.json";
import type { ReportV2 } from "../../shared/report/v2";
import { KeyRing } from "../keys/keyring";
import { reviewerKeys } from "../testing/reports";
import { imageType, openPhoto } from "./openPhoto";

const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Array<number>(5000).fill(7)]);

async function photoRef(bytes: Uint8Array<ArrayBuffer>): Promise<PhotoRef> {
  return {
    attachmentId: "a1",
    originalSha256: "1".repeat(64),
    sealedSha256: await sha256Hex(bytes),
    capturedAt: "2026-11-25T08:00:00Z",
    downscaled: true,
    width: 2048,
    height: 1536,
  };
}

describe("a photo in the console", () => {
  it("opens, matches the report's hash, and is shown as a JPEG", async () => {
    const me = await reviewerKeys();
    const ciphertext = await seal(jpeg, [me.recipient]);
    const photo = await openPhoto(ciphertext, [me.identity], await photoRef(jpeg));
    expect(photo.bytes).toEqual(jpeg);
    expect(photo.hashOk).toBe(true);
    expect(photo.type).toBe("image/jpeg");
  });

  it("is flagged when the server delivers other bytes than the report names", async () => {
    const me = await reviewerKeys();
    const other = jpeg.slice();
    other[100] = 8;
    const photo = await openPhoto(await seal(other, [me.recipient]), [me.identity], await photoRef(jpeg));
    expect(photo.hashOk).toBe(false);
  });

  it("recognises common image types by their first bytes", () => {
    expect(imageType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBe("image/png");
    expect(imageType(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(imageType(Uint8Array.of(1, 2, 3))).toBe("");
  });

  it("are opened a few at a time", async () => {
    const gate = limiter(2);
    let running = 0;
    let most = 0;
    await Promise.all(
      [1, 2, 3, 4, 5].map(() =>
        gate(async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 3));
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(2);
  });
});

describe("a photo sealed to its report's own attachment identity", () => {
  const withPhoto = (attachmentIdentity: string | undefined): ReportV2 => ({
    ...(seedLetter as unknown as ReportV2),
    otherPhotos: [{ attachmentId: "a1" } as ReportV2["otherPhotos"][number]],
    ...(attachmentIdentity === undefined ? {} : { attachmentIdentity }),
  });

  it("opens with the identity the keyring learned from the opened report, never with the reviewer's alone", async () => {
    const me = await reviewerKeys();
    const own = await reviewerKeys(); // the phone's identity for this report
    const keyring = new KeyRing();
    keyring.hold(me);
    const ciphertext = await seal(jpeg, [own.recipient]);

    await expect(openPhoto(ciphertext, keyring.identitiesFor("a1"), await photoRef(jpeg))).rejects.toThrow();
    keyring.learnReport(withPhoto(own.identity));
    const photo = await openPhoto(ciphertext, keyring.identitiesFor("a1"), await photoRef(jpeg));

    expect(photo).toMatchObject({ bytes: jpeg, hashOk: true, type: "image/jpeg" });
    expect(keyring.identitiesFor("another")).toEqual([me.identity]);
    keyring.lock();
    keyring.hold(me);
    expect(keyring.identitiesFor("a1")).toEqual([me.identity]); // "Lock" forgot it
  });

  it("still opens an older photo sealed to the list beside it", async () => {
    const me = await reviewerKeys();
    const keyring = new KeyRing();
    keyring.hold(me);
    keyring.learnReport(withPhoto((await reviewerKeys()).identity));

    const photo = await openPhoto(await seal(jpeg, [me.recipient]), keyring.identitiesFor("a1"), await photoRef(jpeg));

    expect(photo.hashOk).toBe(true);
  });
});
