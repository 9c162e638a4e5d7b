/**
 * The legal safeguards of a v2 report's acts: every "no" to a question whose "yes" the law requires
 * (police ID, protocol, a paper saying why, inventory, family told, suspicion told, lawyer; a search
 * warrant, attesting witnesses, an inventory of what was seized; a lawyer and breaks during
 * questioning). "Don't know" and unanswered are not violations: the form records, reviewers judge.
 * v1's list (report/violations.ts) plus the two questions v2 added (police ID, attesting witnesses).
 */
import type { Act } from "../../shared/report/v2";

export type SafeguardAct = Extract<Act, { type: "detention" | "search" | "interrogation" }>;

/** The safeguard questions of each act type, in the order they are shown. */
export const SAFEGUARD_FIELDS = {
  detention: [
    "policeIdShown",
    "detentionRecord",
    "warrant",
    "inventory",
    "familyNotified",
    "chargesTold",
    "lawyerAllowed",
  ],
  search: ["warrantShown", "witnessesPresent", "inventoryGiven"],
  interrogation: ["lawyerPresent", "breaks"],
} as const satisfies { [T in SafeguardAct["type"]]: readonly (keyof Extract<Act, { type: T }>)[] };

export interface ActViolation {
  act: SafeguardAct;
  /** `<act type>.<field>`, e.g. "detention.warrant": the data-field the console shows. */
  field: string;
}

const isSafeguardAct = (act: Act): act is SafeguardAct => act.type in SAFEGUARD_FIELDS;

/** The safeguard fields of one act, each with its answer. */
export function safeguardsOf(act: SafeguardAct): { field: string; answer: unknown }[] {
  const fields: readonly string[] = SAFEGUARD_FIELDS[act.type];
  return fields.map((field) => ({ field, answer: (act as unknown as Record<string, unknown>)[field] }));
}

/** Every safeguard answered "no", act by act in the order given. */
export function violations(acts: readonly Act[]): ActViolation[] {
  return acts.filter(isSafeguardAct).flatMap((act) =>
    safeguardsOf(act)
      .filter(({ answer }) => answer === "no")
      .map(({ field }) => ({ act, field: `${act.type}.${field}` })),
  );
}

/** Whether the report has any act with safeguard questions. */
export const hasSafeguardActs = (acts: readonly Act[]): boolean => acts.some(isSafeguardAct);
