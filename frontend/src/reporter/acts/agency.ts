/**
 * The agencies a reporter picks from. A group's `agency` is stored as the label in the report's
 * language ("Полиция"), as the schema's free text and the console expect; "other" lets them type it.
 * The financial police no longer exist: its successor is the Financial Monitoring Agency (АФМ).
 */
export const AGENCIES = [
  "police",
  "knb",
  "prosecutor",
  "anti_corruption",
  "afm",
  "national_guard",
  "special_forces",
  "other",
] as const;
export type AgencyChoice = (typeof AGENCIES)[number];

/** Which choice a stored agency is: a known label, "other" for any other text, null when unanswered. */
export function agencyChoice(agency: string | null, label: (choice: AgencyChoice) => string): AgencyChoice | null {
  if (agency === null) return null;
  return AGENCIES.find((choice) => choice !== "other" && label(choice) === agency) ?? "other";
}

/** The free text shown beside "other": what was typed, not the "other" label itself. */
export function agencyOtherText(agency: string | null, label: (choice: AgencyChoice) => string): string | null {
  return agency === null || agency === label("other") ? null : agency;
}
