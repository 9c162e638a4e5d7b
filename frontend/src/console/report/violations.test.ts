/** The paperwork summary: every "no" to a legal safeguard is a violation, "unknown" is not. */
import { describe, expect, it } from "vitest";

import { sampleReport } from "../testing/reports";
import { paperworkViolations, safeguardAnswer } from "./violations";

describe("the paperwork violation summary", () => {
  it("lists the detention checklist's 'no' answers, in checklist order", () => {
    const report = sampleReport();
    expect(paperworkViolations(report).map((v) => v.labelKey)).toEqual([
      "paperwork.detentionRecord",
      "paperwork.warrant",
      "paperwork.chargesTold",
    ]);
    expect(safeguardAnswer(report, "detention", "familyNotified")).toBe("yes");
    expect(safeguardAnswer(report, "detention", "lawyerAllowed")).toBe("unknown");
  });

  it("adds a search without warrant or inventory and an interrogation without lawyer or breaks", () => {
    const report = sampleReport({
      detention: null,
      search: {
        start: { precision: "exact", value: "2020-04-28T12:00" },
        end: null,
        warrantShown: "no",
        itemsSeized: "телефоны",
        inventoryGiven: "no",
        present: null,
      },
      interrogation: {
        start: { precision: "approximate", value: "2020-04-28T22:00" },
        hours: 14,
        atNight: "yes",
        investigators: 6,
        lawyerPresent: "no",
        breaks: "no",
        confessionDemanded: "yes",
        confessionSigned: "unknown",
        threats: null,
      },
    });
    expect(paperworkViolations(report).map((v) => `${v.section}.${v.field}`)).toEqual([
      "search.warrantShown",
      "search.inventoryGiven",
      "interrogation.lawyerPresent",
      "interrogation.breaks",
    ]);
  });

  it("is empty when every answer is yes or unknown, or the sections are absent", () => {
    expect(paperworkViolations(sampleReport({ detention: null }))).toEqual([]);
    const clean = sampleReport();
    clean.detention!.paperwork = {
      detentionRecord: "yes",
      warrant: "yes",
      inventory: "unknown",
      familyNotified: "yes",
      chargesTold: "yes",
      lawyerAllowed: "unknown",
    };
    expect(paperworkViolations(clean)).toEqual([]);
  });
});
