/** A person's age from the birth date the reporter gave: the console must not call a man of 78 "not known". */
import { describe, expect, it } from "vitest";

import { localDaysAgo } from "../components/WhenField";
import { ageFromBirth, birthDateOf } from "./personAge";

const today = new Date(2020, 3, 29); // 29 April 2020, the seed letter's date

describe("a person's age", () => {
  it("follows from the year alone, or from the full date", () => {
    expect(ageFromBirth("1942", today)).toBe(78);
    expect(ageFromBirth("1942-05-01", today)).toBe(77); // the birthday is still to come
    expect(ageFromBirth("1942-04-29", today)).toBe(78);
    expect(ageFromBirth(null, today)).toBeNull();
    expect(ageFromBirth("семьдесят", today)).toBeNull();
  });

  it("stores a whole plausible year, or the full date when given", () => {
    expect(birthDateOf(1942, null, today)).toBe("1942");
    expect(birthDateOf(1942, "1942-03-05", today)).toBe("1942-03-05");
    expect(birthDateOf(194, null, today)).toBeNull();
    expect(birthDateOf(2030, null, today)).toBeNull();
  });
});

describe("quick dates", () => {
  it("count back local days, across a month's end", () => {
    expect(localDaysAgo(0, new Date(2020, 4, 1, 9))).toBe("2020-05-01");
    expect(localDaysAgo(1, new Date(2020, 4, 1, 9))).toBe("2020-04-30");
    expect(localDaysAgo(7, new Date(2020, 4, 1, 0, 5))).toBe("2020-04-24");
  });
});
