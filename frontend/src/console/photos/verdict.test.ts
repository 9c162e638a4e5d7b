/**
 * The console's verdict on a photo: hash and signature checked against the DECRYPTED bytes, so
 * replaced bytes, an edited ref, another phone's key and an unsigned photo each read differently.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { base64 } from "@scure/base";
import { describe, expect, it } from "vitest";

import { provenanceMessage } from "../../shared/report/provenance";
import type { DeviceKey, PhotoRef } from "../../shared/report/v2";
import type { QueueEntry } from "../queue/entries";
import { exifDate, readExif } from "./exif";
import { keyFingerprint, reportsSignedBy } from "./sameDevice";
import { photoVerdict } from "./verdict";

const SHA = "ab".repeat(32);

function phone(): { device: DeviceKey; sign: (photo: PhotoRef, sha256: string) => PhotoRef } {
  const secret = ed25519.utils.randomSecretKey();
  return {
    device: { algorithm: "Ed25519", publicKey: base64.encode(ed25519.getPublicKey(secret)) },
    sign(photo, sha256) {
      const signedAt = "2026-12-07T10:16:00.000+05:00";
      const message = provenanceMessage({ ...photo, kind: "photo", sha256, signedAt });
      return { ...photo, signature: { signedAt, value: base64.encode(ed25519.sign(message, secret)) } };
    },
  };
}

const photo: PhotoRef = {
  attachmentId: "0193a5c2-7d4e-7f00-8a00-000000000001",
  originalSha256: SHA,
  sealedSha256: SHA,
  capturedAt: "2026-12-07T10:15:00.000+05:00",
  fileTime: "2026-12-07T05:14:58.000Z",
  downscaled: false,
  width: null,
  height: null,
  mime: "image/jpeg",
  bytes: 3_200_000,
  source: "camera",
  previewAttachmentId: null,
  signature: null,
};

describe("a reviewer checking a photo's provenance", () => {
  it("reads a photo signed by the report's phone over these bytes as signed", () => {
    const { device, sign } = phone();
    expect(photoVerdict(sign(photo, SHA), SHA, device)).toEqual({ hashOk: true, provenance: "valid" });
  });

  it("flags bytes other than those signed, even when the ref's hash was edited to match", () => {
    const { device, sign } = phone();
    const other = "cd".repeat(32);
    const edited = { ...sign(photo, SHA), sealedSha256: other, originalSha256: other };
    expect(photoVerdict(edited, other, device)).toEqual({ hashOk: true, provenance: "invalid" });
    expect(photoVerdict(sign(photo, SHA), other, device)).toEqual({ hashOk: false, provenance: "invalid" });
  });

  it("flags an edited capture time, and another phone's key", () => {
    const { device, sign } = phone();
    const signed = sign(photo, SHA);
    expect(photoVerdict({ ...signed, capturedAt: "2026-12-06T10:15:00.000+05:00" }, SHA, device).provenance).toBe(
      "invalid",
    );
    expect(photoVerdict(signed, SHA, phone().device).provenance).toBe("invalid");
  });

  it("says 'not signed' when the photo or the report carries no key", () => {
    const { device, sign } = phone();
    expect(photoVerdict(photo, SHA, device).provenance).toBe("unsigned");
    expect(photoVerdict(sign(photo, SHA), SHA, null).provenance).toBe("unsigned");
  });
});

describe("reports signed by the same phone", () => {
  const entry = (id: string, received: string, device: DeviceKey | null): QueueEntry =>
    ({ meta: { report_id: id, received_at: received }, full: { device } }) as unknown as QueueEntry;

  it("lists the other opened reports with the same key, oldest first, and a short fingerprint", () => {
    const a = phone().device;
    const b = phone().device;
    const entries = [
      entry("r3", "2026-12-07T10:00:00Z", a),
      entry("r1", "2026-12-05T10:00:00Z", a),
      entry("r2", "2026-12-06T10:00:00Z", b),
      entry("r4", "2026-12-06T11:00:00Z", null),
    ];
    expect(reportsSignedBy(entries, a.publicKey, "r3")).toEqual(["r1"]);
    expect(reportsSignedBy(entries, b.publicKey, "r1")).toEqual(["r2"]);
    expect(keyFingerprint(a.publicKey)).toMatch(/^[0-9a-f]{4} [0-9a-f]{4}$/);
    expect(keyFingerprint(a.publicKey)).not.toBe(keyFingerprint(b.publicKey));
  });
});

/** A JPEG's first bytes with an APP1 EXIF segment: Make, Model, Orientation, DateTimeOriginal, GPS. */
function jpegWithExif(): Uint8Array {
  const tiff: number[] = [];
  const u16 = (n: number): number[] => [n & 0xff, n >> 8];
  const u32 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
  const ascii = (s: string): number[] => [...new TextEncoder().encode(s), 0];
  // Layout: header(8) | IFD0 (5 entries) | Exif IFD (1) | GPS IFD (1) | data
  const ifd = (count: number): number => 2 + count * 12 + 4;
  const ifd0 = 8;
  const exifIfd = ifd0 + ifd(5);
  const gpsIfd = exifIfd + ifd(1);
  let data = gpsIfd + ifd(1);
  const blobs: number[][] = [];
  const put = (bytes: number[]): number => {
    const at = data;
    blobs.push(bytes);
    data += bytes.length;
    return at;
  };
  const make = ascii("Xiaomi");
  const model = ascii("Redmi 9A");
  const taken = ascii("2026:12:07 10:15:00");
  const entry = (tag: number, type: number, count: number, value: number): number[] => [
    ...u16(tag),
    ...u16(type),
    ...u32(count),
    ...(type === 3 ? [...u16(value), 0, 0] : u32(value)),
  ];
  tiff.push(0x49, 0x49, ...u16(42), ...u32(ifd0));
  tiff.push(...u16(5));
  tiff.push(...entry(0x010f, 2, make.length, put(make)));
  tiff.push(...entry(0x0110, 2, model.length, put(model)));
  tiff.push(...entry(0x0112, 3, 1, 6));
  tiff.push(...entry(0x8769, 4, 1, exifIfd));
  tiff.push(...entry(0x8825, 4, 1, gpsIfd));
  tiff.push(...u32(0));
  tiff.push(...u16(1), ...entry(0x9003, 2, taken.length, put(taken)), ...u32(0));
  const latitude = [...u32(43), ...u32(1), ...u32(12), ...u32(1), ...u32(0), ...u32(1)];
  tiff.push(...u16(1), ...entry(0x0002, 5, 3, put(latitude)), ...u32(0));
  for (const blob of blobs) tiff.push(...blob);
  const app1 = [...ascii("Exif"), 0, ...tiff];
  return Uint8Array.from([
    0xff,
    0xd8,
    0xff,
    0xe1,
    (app1.length + 2) >> 8,
    (app1.length + 2) & 0xff,
    ...app1,
    0xff,
    0xd9,
  ]);
}

describe("a photo's own EXIF", () => {
  it("gives the camera's time, make, model, orientation and only whether GPS is there", async () => {
    expect(await readExif(jpegWithExif())).toEqual({
      takenAt: "2026-12-07 10:15:00",
      make: "Xiaomi",
      model: "Redmi 9A",
      orientation: 6,
      hasGps: true,
    });
  });

  it("gives nothing for a file without EXIF", async () => {
    expect(await readExif(Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]))).toMatchObject({ takenAt: null, hasGps: false });
    expect(exifDate("2026:12:07 10:15:00")).toBe("2026-12-07 10:15:00");
  });
});
