/**
 * The legal safeguards of a v2 report's acts: every "no" to a question whose "yes" the law requires
 * (police ID, protocol, inventory, family told, suspicion told, lawyer; a search warrant, attesting
 * witnesses, an inventory of what was seized; a lawyer and breaks during questioning), and a person
 * held "for a chat", without procedural status. "Don't know" and unanswered are not violations: the
 * form records, reviewers judge. The v1 checklist plus the two questions v2 added
 * (police ID, attesting witnesses).
 *
 * A detention's "warrant" (a paper saying why) is information, not a safeguard: detaining a suspect
 * needs no court sanction (docs/legal-basis.md, `upk.detention.grounds`); the phone no longer asks it.
 * A record drawn up long after the person was brought in is not flagged: the Code's time limit
 * (`upk.detention.protocol`) is not certain in norms.json.
 */
import type { Act } from "../../shared/report/v2";

export type SafeguardAct = Extract<Act, { type: "detention" | "search" | "interrogation" }>;

/** The safeguard questions of each act type, in the order they are shown. */
export const SAFEGUARD_FIELDS = {
  detention: ["policeIdShown", "detentionRecord", "inventory", "familyNotified", "chargesTold", "lawyerAllowed"],
  search: ["warrantShown", "witnessesPresent", "inventoryGiven"],
  interrogation: ["lawyerPresent", "breaks"],
} as const satisfies { [T in SafeguardAct["type"]]: readonly (keyof Extract<Act, { type: T }>)[] };

export interface ActViolation {
  act: SafeguardAct;
  /** `<act type>.<field>`, e.g. "detention.lawyerAllowed": the data-field the console shows. */
  field: string;
  /** Catalog key of what went wrong, as the summary lists it. */
  labelKey: string;
}

const isSafeguardAct = (act: Act): act is SafeguardAct => act.type in SAFEGUARD_FIELDS;

/** Whether a person was taken "for a chat": held with no procedural status, so with none of its rights. */
export const heldForAChat = (act: Act): boolean => act.type === "detention" && act.capacity === "for_a_chat";

/** The safeguard fields of one act, each with its answer. */
export function safeguardsOf(act: SafeguardAct): { field: string; answer: unknown }[] {
  const fields: readonly string[] = SAFEGUARD_FIELDS[act.type];
  return fields.map((field) => ({ field, answer: (act as unknown as Record<string, unknown>)[field] }));
}

/** A detention "for a chat", then every safeguard answered "no", act by act in the order given. */
export function violations(acts: readonly Act[]): ActViolation[] {
  return acts.filter(isSafeguardAct).flatMap((act) => [
    ...(heldForAChat(act) ? [{ act, field: "detention.capacity", labelKey: "person.detention.heldForAChat" }] : []),
    ...safeguardsOf(act)
      .filter(({ answer }) => answer === "no")
      .map(({ field }) => ({ act, field: `${act.type}.${field}`, labelKey: `person.${act.type}.${field}` })),
  ]);
}

/** Whether the report has any act with safeguard questions. */
export const hasSafeguardActs = (acts: readonly Act[]): boolean => acts.some(isSafeguardAct);
