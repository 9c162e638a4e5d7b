/** Additions: read defensively from reports sealed before `addsTo` existed, found in both directions. */
import { describe, expect, it } from "vitest";

import seedLetter from "../../shared/report/examples/seed-letter.v2.json";
import type { ReportV2 } from "../../shared/report/v2";
import { additionsTo, addsToOf, shortId } from "./additions";
import { violations } from "./safeguards";

const seed = (changes: Record<string, unknown> = {}): ReportV2 =>
  ({ ...structuredClone(seedLetter), ...changes }) as ReportV2;
const ORIGINAL = "0192f3a0-7c1e-7a00-8000-000000000001";

describe("additions to a report", () => {
  it("reads addsTo when present, and null when absent or not a report id", () => {
    expect(addsToOf(seed())).toBeNull();
    expect(addsToOf(seed({ addsTo: null }))).toBeNull();
    expect(addsToOf(seed({ addsTo: 42 }))).toBeNull();
    expect(addsToOf(seed({ addsTo: ORIGINAL }))).toBe(ORIGINAL);
  });

  it("lists the decrypted reports that add to one, skipping those not opened", () => {
    const addition = seed({ reportId: "0192f3a0-7c1e-7a00-8000-000000000002", addsTo: ORIGINAL });
    const other = seed({ reportId: "0192f3a0-7c1e-7a00-8000-000000000003", addsTo: null });
    const entries = [{ full: seed() }, { full: addition }, { full: other }, { full: null }];
    expect(additionsTo(ORIGINAL, entries)).toEqual([addition.reportId]);
    expect(additionsTo(addition.reportId, entries)).toEqual([]);
    expect(shortId(ORIGINAL)).toBe("0192f3a0");
  });
});

describe("the safeguards answered no", () => {
  it("are the seed letter's: no police ID, family not told, suspicion not told, no lawyer, no breaks", () => {
    expect(violations(seed().acts).map((v) => v.field)).toEqual([
      "detention.policeIdShown",
      "detention.familyNotified",
      "detention.chargesTold",
      "detention.lawyerAllowed",
      "interrogation.lawyerPresent",
      "interrogation.breaks",
    ]);
  });
});
