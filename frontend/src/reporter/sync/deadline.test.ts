/** Each PUT's deadline and body: sized from the bytes, a copy of its own per attempt. */
import { describe, expect, it } from "vitest";

import { deadlineSignal, freshBody, putDeadlineMs } from "./deadline";

describe("a PUT's deadline", () => {
  it("ends a small report well before the server's minute without a byte, and never cuts 512 B/s", () => {
    expect(putDeadlineMs(5_000)).toBeLessThan(30_000);
    expect(putDeadlineMs(2 * 1024 * 1024)).toBeGreaterThan(((2 * 1024 * 1024) / 512) * 1000);
  });

  it("aborts when the outer signal does", () => {
    const outer = new AbortController();
    const { signal, done } = deadlineSignal(60_000, outer.signal);
    outer.abort();
    expect(signal.aborted).toBe(true);
    done();
  });
});

describe("a fresh body", () => {
  it("copies the bytes of a Blob, of bytes or of a view, sharing nothing", async () => {
    const bytes = new Uint8Array([1, 2, 3, 4]);
    for (const stored of [new Blob([bytes]), bytes, bytes.subarray(1, 3)]) {
      const body = await freshBody(stored);
      expect(body).not.toBe(stored);
      expect(body.buffer).not.toBe(bytes.buffer);
    }
    expect([...(await freshBody(bytes))]).toEqual([1, 2, 3, 4]);
    expect([...(await freshBody(bytes.subarray(1, 3)))]).toEqual([2, 3]);
  });
});
