import { describe, expect, it } from "vitest";

import { daysLeft, expiryWarning } from "./listExpiry";

const now = new Date("2026-12-07T12:00:00Z");

describe("the recipient list's expiry warning", () => {
  it("counts whole days left, as `kua recipients status` does", () => {
    expect(daysLeft(new Date("2027-01-06T12:00:00Z"), now)).toBe(30);
    expect(daysLeft(new Date("2026-12-17T11:59:59Z"), now)).toBe(9);
    expect(daysLeft(new Date("2026-12-07T18:00:00Z"), now)).toBe(0);
  });

  it("warns under 14 days left, not at 14", () => {
    expect(expiryWarning(new Date("2026-12-21T12:00:00Z"), now)).toBeNull();
    expect(expiryWarning(new Date("2026-12-21T11:59:59Z"), now)).toBe(13);
    expect(expiryWarning(new Date("2026-12-08T00:00:00Z"), now)).toBe(0);
  });
});
