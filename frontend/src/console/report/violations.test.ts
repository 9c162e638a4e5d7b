/** The paperwork summary: every "no" to a legal safeguard is a violation, "unknown" is not. */
import { describe, expect, it } from "vitest";

import dossierEn from "../i18n/locales/dossier/en.json";
import dossierRu from "../i18n/locales/dossier/ru.json";
import type { Report } from "../../shared/report/model";
import { sampleReport } from "../testing/reports";
import { HELD_FOR_A_CHAT, paperworkViolations, safeguardAnswer } from "./violations";

/** The sample detention with its paperwork answers replaced. */
function detained(paperwork: Partial<NonNullable<Report["detention"]>["paperwork"]>, capacity?: "for_a_chat"): Report {
  const report = sampleReport();
  const detention = report.detention!;
  report.detention = {
    ...detention,
    ...(capacity ? { capacity } : {}),
    paperwork: { ...detention.paperwork, ...paperwork },
  };
  return report;
}

describe("the paperwork violation summary", () => {
  it("lists the detention checklist's 'no' answers, in checklist order", () => {
    const report = sampleReport();
    expect(paperworkViolations(report).map((v) => v.labelKey)).toEqual([
      "paperwork.detentionRecord",
      "paperwork.chargesTold",
    ]);
    expect(safeguardAnswer(report, "detention", "familyNotified")).toBe("yes");
    expect(safeguardAnswer(report, "detention", "lawyerAllowed")).toBe("unknown");
  });

  it("does not count a detention without a warrant: detaining a suspect needs none", () => {
    const report = detained({ detentionRecord: "yes", warrant: "no", chargesTold: "yes" });
    expect(paperworkViolations(report)).toEqual([]);
  });

  it("keeps a detention without a record a violation", () => {
    const report = detained({ detentionRecord: "no", warrant: "yes", chargesTold: "yes" });
    expect(paperworkViolations(report).map((v) => `${v.section}.${v.field}`)).toEqual(["detention.detentionRecord"]);
  });

  it("flags a person held 'for a chat', first, with the dossier's words for it", () => {
    const report = detained({ detentionRecord: "no", chargesTold: "yes" }, "for_a_chat");
    expect(paperworkViolations(report).map((v) => `${v.section}.${v.field}`)).toEqual([
      "detention.capacity",
      "detention.detentionRecord",
    ]);
    expect(dossierRu.dossier.violations.detention.capacity).toMatch(/без процессуального статуса.*«беседы»/);
    expect(dossierEn.dossier.violations.detention.capacity).toMatch(/without procedural status.*"chat"/);
    expect(HELD_FOR_A_CHAT.labelKey).toBe("detentionV2.capacity");
  });

  it("does not flag a person taken as a suspect, a witness or in a way not known", () => {
    for (const capacity of ["suspect", "witness", "other", "dont_know"] as const) {
      const report = detained({ detentionRecord: "yes", chargesTold: "yes" });
      report.detention!.capacity = capacity;
      expect(paperworkViolations(report)).toEqual([]);
    }
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
