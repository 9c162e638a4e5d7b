/**
 * The paperwork and legal safeguards a report says were missing: every "no" to a question whose
 * "yes" the law requires (detention record, inventory, family told, charges told, lawyer; a search
 * warrant and inventory; a lawyer and breaks during interrogation), and a person held "for a chat",
 * without procedural status. "Unknown" is not a violation: the form only records, reviewers judge.
 *
 * Not here, on purpose (docs/legal-basis.md, "What the drafts must change", point 4):
 * - a "warrant" at detention: detaining a suspect needs no court sanction (`upk.detention.grounds`),
 *   so a "no" there is information, not a violation;
 * - a record drawn up too long after the person was brought in: the Code's time limit
 *   (`upk.detention.protocol`) is not certain in norms.json, so no delay is flagged until a lawyer
 *   fills it in.
 */
import type { Report, YesNoUnknown } from "../../shared/report/model";

export type SafeguardSection = "detention" | "search" | "interrogation";

export interface Violation {
  section: SafeguardSection;
  /** The safeguard's field, or "capacity" for a person held "for a chat". */
  field: string;
  /** Catalog key of the question (the reporter's own wording). */
  labelKey: string;
}

/** The safeguards of each section: field name and catalog key of its question. */
export const SAFEGUARDS: Readonly<Record<SafeguardSection, readonly { field: string; labelKey: string }[]>> = {
  detention: [
    { field: "detentionRecord", labelKey: "paperwork.detentionRecord" },
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

/** A person taken "for a chat": held with no procedural status, so with none of a suspect's rights. */
export const HELD_FOR_A_CHAT: Violation = { section: "detention", field: "capacity", labelKey: "detentionV2.capacity" };

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

/** A person held "for a chat" first, then every safeguard answered "no", in checklist order. */
export function paperworkViolations(report: Report): Violation[] {
  const forAChat = report.detention?.capacity === "for_a_chat" ? [HELD_FOR_A_CHAT] : [];
  return [
    ...forAChat,
    ...(Object.keys(SAFEGUARDS) as SafeguardSection[]).flatMap((section) =>
      SAFEGUARDS[section]
        .filter(({ field }) => safeguardAnswer(report, section, field) === "no")
        .map(({ field, labelKey }) => ({ section, field, labelKey })),
    ),
  ];
}
