/**
 * A sent report's short label, so that its owner tells the outbox items and receipts apart: kinds,
 * village, when, the first victim's first name. It is personal: kept only inside the report's keys
 * (src/reporter/store/reportKeys.ts), encrypted under the PIN key (or sealed to the owner key when
 * sent from the lock screen), so it shows only after the PIN; without a PIN there is no lock.
 */
import type { ReportDraftV2 } from "../../shared/report/draftV2";
import type { IncidentKind, Place, When } from "../../shared/report/v2";

export interface ReportLabel {
  kinds: IncidentKind[];
  village: Place["village"];
  /** The place typed in when the village is "other". */
  otherPlace: string | null;
  when: When;
  /** The first word of the first named victim's name (else of the first named person), or null. */
  victim: string | null;
}

/** The label of a draft about to be sealed. */
export function labelOf(draft: ReportDraftV2): ReportLabel {
  const named = draft.people.filter((person) => person.fullName?.trim());
  const first = named.find((person) => person.roles.includes("victim")) ?? named[0];
  const firstName = first?.fullName?.trim().split(/\s+/)[0] ?? null;
  return {
    kinds: draft.kinds,
    village: draft.where.village,
    otherPlace: draft.where.village === "other" ? draft.where.other : null,
    when: draft.when,
    victim: firstName,
  };
}
