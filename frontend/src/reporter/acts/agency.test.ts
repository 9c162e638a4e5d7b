/** The agency picker reads back what it stored, in the report's language, and keeps typed text. */
import { describe, expect, it } from "vitest";

import { agencyChoice, agencyOtherText, AGENCIES, type AgencyChoice } from "./agency";

const label = (choice: AgencyChoice): string => `label:${choice}`;

describe("agencies", () => {
  it("offers the Financial Monitoring Agency, the National Guard and special forces, not the financial police", () => {
    expect(AGENCIES).toEqual(expect.arrayContaining(["afm", "national_guard", "special_forces", "anti_corruption"]));
    expect(AGENCIES).not.toContain("finpol");
  });

  it("reads a stored label back as its choice, and anything else as other", () => {
    expect(agencyChoice(null, label)).toBeNull();
    expect(agencyChoice("label:knb", label)).toBe("knb");
    expect(agencyChoice("label:other", label)).toBe("other");
    expect(agencyChoice("Миграционная служба", label)).toBe("other");
  });

  it("shows beside other only what was typed", () => {
    expect(agencyOtherText("label:other", label)).toBeNull();
    expect(agencyOtherText("Миграционная служба", label)).toBe("Миграционная служба");
  });
});
