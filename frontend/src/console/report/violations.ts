/**
 * The paperwork and legal safeguards a report says were missing: every "no" to a question whose
 * "yes" the law requires (detention record, warrant, inventory, family told, charges told, lawyer;
 * a search warrant and inventory; a lawyer and breaks during interrogation). "Unknown" is not a
 * violation: the form only records, reviewers judge.
 */
import type { Report, YesNoUnknown } from "../../shared/report/model";

export type SafeguardSection = "detention" | "search" | "interrogation";

export interface Violation {
  section: SafeguardSection;
  field: string;
  /** Catalog key of the question (the reporter's own wording). */
  labelKey: string;
}

/** The safeguards of each section: field name and catalog key of its question. */
export const SAFEGUARDS: Readonly<Record<SafeguardSection, readonly { field: string; labelKey: string }[]>> = {
  detention: [
    { field: "detentionRecord", labelKey: "paperwork.detentionRecord" },
    { field: "warrant", labelKey: "paperwork.warrant" },
    { field: "inventory", labelKey: "paperwork.inventory" },
    { field: "familyNotified", labelKey: "paperwork.familyNotified" },
    { field: "chargesTold", labelKey: "paperwork.chargesTold" },
    { field: "lawyerAllowed", labelKey: "paperwork.lawyerAllowed" },
  ],
  search: [
    { field: "warrantShown", labelKey: "search.warrantShown" },
    { field: "inventoryGiven", labelKey: "search.inventoryGiven" },
  ],
  interrogation: [
    { field: "lawyerPresent", labelKey: "interrogation.lawyerPresent" },
    { field: "breaks", labelKey: "interrogation.breaks" },
  ],
};

/** The answers of a section, by field (the detention's are its paperwork checklist). */
function answers(report: Report, section: SafeguardSection): Record<string, unknown> | null {
  if (section === "detention") return (report.detention?.paperwork as unknown as Record<string, unknown>) ?? null;
  return (report[section] as unknown as Record<string, unknown> | null) ?? null;
}

/** The answer a report gives to one safeguard question (unknown when the section is absent). */
export function safeguardAnswer(report: Report, section: SafeguardSection, field: string): YesNoUnknown {
  const answer = answers(report, section)?.[field];
  return answer === "yes" || answer === "no" ? answer : "unknown";
}

/** Every safeguard answered "no", in checklist order. */
export function paperworkViolations(report: Report): Violation[] {
  return (Object.keys(SAFEGUARDS) as SafeguardSection[]).flatMap((section) =>
    SAFEGUARDS[section]
      .filter(({ field }) => safeguardAnswer(report, section, field) === "no")
      .map(({ field, labelKey }) => ({ section, field, labelKey })),
  );
}
