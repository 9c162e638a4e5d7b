/**
 * Medical care is asked once per person (docs/report-format.md, `medical[]`): the step shows an
 * entry for every person in the draft, and keeps any entry tied to nobody (a v1 draft's, or one
 * whose person was removed) so that nothing the reporter said disappears.
 */
import { blank, type ReportDraftV2 } from "../../shared/report/draftV2";
import type { MedicalCare } from "../../shared/report/v2";

/** The id a person's medical entry gets when first answered: stable, so a re-render finds the same entry. */
export const medicalIdFor = (personId: string | null): string =>
  personId === null ? "medical" : `medical-${personId}`;

/** The entries the step shows, in the order of the people, then those tied to nobody; unanswered ones are blank. */
export function medicalShown(draft: Pick<ReportDraftV2, "people" | "medical">): MedicalCare[] {
  const personIds = new Set(draft.people.map((person) => person.id));
  const perPerson = draft.people.map(
    (person) =>
      draft.medical.find((care) => care.personId === person.id) ?? blank.medical(medicalIdFor(person.id), person.id),
  );
  const unlinked = draft.medical.filter((care) => care.personId === null || !personIds.has(care.personId));
  const extra = draft.medical.filter(
    (care) => care.personId !== null && personIds.has(care.personId) && !perPerson.includes(care),
  );
  const shown = [...perPerson, ...extra, ...unlinked];
  return shown.length > 0 ? shown : [blank.medical(medicalIdFor(null), null)];
}

/** The draft with one medical entry changed; an entry not yet in the draft joins it. */
export function putMedical(
  draft: ReportDraftV2,
  care: MedicalCare,
  change: (care: MedicalCare) => MedicalCare,
): ReportDraftV2 {
  const exists = draft.medical.some((c) => c.id === care.id);
  return {
    ...draft,
    medical: exists ? draft.medical.map((c) => (c.id === care.id ? change(c) : c)) : [...draft.medical, change(care)],
  };
}
