import { describe, expect, it } from "vitest";

import { PaddingError, pad, paddedLength, paddingOf, padme, unpad } from "./padding";

describe("padme", () => {
  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 3],
    [9, 10],
    [100, 104],
    [1023, 1024],
    [1024, 1024],
    [1025, 1088],
    [1026, 1088],
    [1_000_000, 1_015_808],
    [2 ** 31 + 1, 2_214_592_512],
    [2 ** 32 - 1, 2 ** 32],
    [2 ** 40 + 1, 1_116_691_496_960],
    [2 ** 52 + 1, 4_573_968_371_548_160],
    [12_345_678_901, 12_348_030_976],
  ])("rounds %d up to %d", (length, expected) => {
    expect(padme(length)).toBe(expected);
  });

  it("never adds more than about 12 % and is idempotent", () => {
    for (let length = 2; length < 200_000; length += 997) {
      const padded = padme(length);
      expect(padded).toBeGreaterThanOrEqual(length);
      expect(padded / length).toBeLessThan(1.12 + 1e-9);
      expect(padme(padded)).toBe(padded);
    }
  });

  it("refuses negative, fractional and unsafe lengths", () => {
    expect(() => padme(-1)).toThrow(RangeError);
    expect(() => padme(1.5)).toThrow(RangeError);
    expect(() => padme(Number.NaN)).toThrow(RangeError);
    expect(() => padme(2 ** 53)).toThrow(RangeError);
    expect(() => padme(2 ** 53 - 1)).toThrow(RangeError); // rounds up to 2^53
  });
});

describe("pad and unpad", () => {
  it.each([
    [0, 1024],
    [1, 1024],
    [1023, 1024],
    [1024, 1088],
    [1025, 1088],
    [100_000, 100_352],
  ])("pads %d bytes of content to %d bytes and back", (contentLength, expected) => {
    const content = new Uint8Array(contentLength).map((_, i) => (i * 7 + 1) % 256);
    const padded = pad(content);
    expect(padded.length).toBe(expected);
    expect(paddedLength(contentLength)).toBe(expected);
    expect(padded[contentLength]).toBe(0x80);
    expect(padded.subarray(contentLength + 1).every((byte) => byte === 0)).toBe(true);
    expect(unpad(padded)).toEqual(content);
  });

  it("keeps content that itself ends in 0x80 or zeros", () => {
    const content = Uint8Array.of(1, 0x80, 0, 0x80, 0);
    expect(unpad(pad(content))).toEqual(content);
  });

  it("only strips trailing zeros and one 0x80", () => {
    expect(unpad(Uint8Array.of(0x41, 0x80))).toEqual(Uint8Array.of(0x41));
    expect(unpad(Uint8Array.of(0x80, 0x80, 0, 0))).toEqual(Uint8Array.of(0x80));
  });

  it.each([
    ["empty input", new Uint8Array(0)],
    ["all zeros", new Uint8Array(1024)],
    ["no 0x80 marker", Uint8Array.of(0x41, 0x01, 0, 0)],
    ["0xff before the zeros", Uint8Array.of(0x41, 0xff, 0, 0)],
  ])("refuses malformed padding: %s", (_, padded) => {
    expect(() => unpad(padded)).toThrow(PaddingError);
  });
});

/** Everything `stream` yields, concatenated. */
describe("paddingOf", () => {
  it.each([0, 1, 1023, 1024, 100_000, 300_000])("follows %d bytes of content exactly as pad does", (length) => {
    const content = new Uint8Array(length).map((_, i) => (i * 7 + 1) % 256);
    const parts = [content, ...paddingOf(length)];
    const padded = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
    parts.reduce((at, part) => (padded.set(part, at), at + part.length), 0);
    expect(padded.length).toBe(paddedLength(length));
    expect(padded).toEqual(pad(content));
    expect(parts.slice(1).every((part) => part.length <= 64 * 1024)).toBe(true);
  });
});
