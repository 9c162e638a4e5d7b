/**
 * A sent report's short label, so that its owner tells the outbox items and receipts apart: kinds,
 * village, when, the first victim's first name. It is personal: kept only inside the report's keys
 * (src/reporter/store/reportKeys.ts), encrypted under the PIN key (or sealed to the owner key when
 * sent from the lock screen), so it shows only after the PIN; without a PIN there is no lock.
 */
import type { IncidentKind, ReportDraft, Village, When } from "../../shared/report/model";

export interface ReportLabel {
  kinds: IncidentKind[];
  village: Village | null;
  /** The place typed in when the village is "other". */
  otherPlace: string | null;
  when: When;
  /** The first word of the first victim's name, or null. */
  victim: string | null;
}

/** The label of a draft about to be sealed. */
export function labelOf(draft: ReportDraft): ReportLabel {
  const firstName =
    draft.victims
      .find((victim) => victim.name?.trim())
      ?.name?.trim()
      .split(/\s+/)[0] ?? null;
  return {
    kinds: draft.kinds,
    village: draft.where.village,
    otherPlace: draft.where.village === "other" ? draft.where.other : null,
    when: draft.when,
    victim: firstName,
  };
}
