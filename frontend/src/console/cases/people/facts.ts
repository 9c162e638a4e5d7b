/**
 * Every fact about one gathered person, report by report: who they are in each report, the acts done
 * to them (when, where, how the reporter knows), their injuries, medical care and complaints. The base
 * of a per-victim dossier; only answered fields are listed, and "don't know" is an answer.
 */
import { fmtNumber, fmtWhen, t } from "../../i18n";
import type { Act, Complaint, Injury, MedicalCare, Person, ReportV2, When } from "../../../shared/report/v2";
import { birthYearOf } from "./birthYears";
import type { CasePerson } from "./peopleMap";

/** One report's facts about the person. */
export interface PersonFacts {
  reportId: string;
  report: ReportV2;
  person: Person;
  acts: Act[];
  injuries: Injury[];
  medical: MedicalCare[];
  complaints: Complaint[];
}

/** A label and its value as text. */
export type FactLine = [label: string, value: string];

/** The person's facts in each report of the case that names them, in report order. */
export function factsOf(person: CasePerson): PersonFacts[] {
  return person.members.map(({ reportId, report, person: p }) => ({
    reportId,
    report,
    person: p,
    acts: report.acts.filter((act) => act.personIds.includes(p.id)),
    injuries: report.injuries.filter((injury) => injury.personId === p.id),
    medical: report.medical.filter((care) => care.personId === p.id),
    complaints: report.complaints.filter((complaint) => complaint.personIds.includes(p.id)),
  }));
}

/** A label from the namespace, or the value itself when the catalog has no word for it. */
const word = (group: string, value: string): string => {
  const key = `casePeople.${group}.${value}`;
  const text = t(key);
  return text === key ? value : text;
};

/** The reporter's own words: shown as given, never looked up in the catalog. */
interface Quoted {
  quoted: string;
}
const text = (value: string | null): Quoted | null =>
  value === null || value.trim() === "" ? null : { quoted: value };
const isQuoted = (value: unknown): value is Quoted => typeof value === "object" && value !== null && "quoted" in value;

const isWhen = (value: unknown): value is When =>
  typeof value === "object" && value !== null && "precision" in value && "value" in value;

/** A field's value as text; null when unanswered (left out of the list). */
export function valueText(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (isQuoted(value)) return value.quoted;
  if (value === "yes" || value === "no" || value === "dont_know") return t(`casePeople.answers.${value}`);
  if (typeof value === "number") return fmtNumber(value);
  if (typeof value === "boolean") return value ? t("casePeople.answers.yes") : null;
  if (isWhen(value)) return value.precision === "unknown" && value.value === null ? null : fmtWhen(value);
  if (Array.isArray(value)) return value.length === 0 ? null : value.map((v) => word("values", String(v))).join(", ");
  if (typeof value === "string") return word("values", value);
  return null;
}

const lines = (fields: [string, unknown][]): FactLine[] =>
  fields.flatMap(([field, value]) => {
    const text = valueText(value);
    return text === null ? [] : [[word("fields", field), text] as FactLine];
  });

/** Who the person is in one report. */
export function identityLines(person: Person, report: ReportV2): FactLine[] {
  const year = birthYearOf(person, report);
  return lines([
    ["fullName", text(person.fullName)],
    ["birthDate", text(person.birthDate)],
    ["age", person.age],
    // A year, not a number: no thousands separator.
    ["birthYearFromAge", year?.from === "age" ? text(String(year.year)) : null],
    ["sex", person.sex],
    ["roles", person.roles],
    ["relationToReporter", text(person.relationToReporter)],
    ["custody", person.custody],
    ["whereabouts", text(person.whereabouts)],
    ["health", text(person.health)],
  ]);
}

/** What was done in one act, field by field (its when, where and source are shown apart). */
export function actLines(act: Act): FactLine[] {
  switch (act.type) {
    case "detention":
      return lines([
        ["capacity", act.capacity],
        ["takenToType", act.takenToType],
        ["takenTo", text(act.takenTo)],
        ["releasedAt", act.releasedAt],
        ["whereaboutsUnknown", act.whereaboutsUnknown],
        ["policeIdShown", act.policeIdShown],
        ["handcuffed", act.handcuffed],
        ["detentionRecord", act.detentionRecord],
        ["warrant", act.warrant],
        ["familyNotified", act.familyNotified],
        ["chargesTold", act.chargesTold],
        ["lawyerAllowed", act.lawyerAllowed],
      ]);
    case "search":
      return lines([
        ["whoseHouse", text(act.whoseHouse)],
        ["end", act.end],
        ["sanctionedBy", text(act.sanctionedBy)],
        ["warrantShown", act.warrantShown],
        ["witnessesPresent", act.witnessesPresent],
        ["itemsSeized", text(act.itemsSeized)],
        ["inventoryGiven", act.inventoryGiven],
      ]);
    case "interrogation":
      return lines([
        ["hours", act.hours],
        ["atNight", act.atNight],
        ["investigators", act.investigators],
        ["lawyerPresent", act.lawyerPresent],
        ["breaks", act.breaks],
        ["threats", text(act.threats)],
        ["confessionDemanded", act.confessionDemanded],
        ["confessionSigned", act.confessionSigned],
        ["crime", text(act.crime.description)],
        ["caseNumber", text(act.crime.caseNumber)],
        ["article", text(act.crime.article)],
      ]);
    case "ill_treatment":
      return lines([
        ["methods", act.methods],
        ["object", text(act.object)],
        ["position", text(act.position)],
        ["duration", text(act.duration)],
        ["frequency", text(act.frequency)],
      ]);
    case "harm_to_relative":
      return lines([
        ["who", text(act.who)],
        ["what", act.what],
      ]);
  }
}

/** One injury: where on the body, what, its size, and how the reporter knows. */
export function injuryLines(injury: Injury): FactLine[] {
  return lines([
    ["type", injury.type],
    ["sizeCm", injury.sizeCm],
    ["shape", text(injury.shape)],
    ["colour", text(injury.colour)],
    ["happened", injury.happened],
    ["firstSeen", injury.firstSeen],
    ["observedBy", text(injury.observedBy)],
  ]);
}

/** Medical care and examinations. */
export function medicalLines(care: MedicalCare): FactLine[] {
  return lines([
    ["careReceived", care.careReceived],
    ["examinedWhere", text(care.examinedWhere)],
    ["examinedWhen", care.examinedWhen],
    ["examinedBy", text(care.examinedBy)],
    ["policePresent", care.policePresent],
    ["examinedOnAdmission", care.examinedOnAdmission],
    ["beatingCertificate", care.beatingCertificate],
    ["forensicExam", care.forensicExam.status],
    ["forensicExamWhen", care.forensicExam.when],
    ["forensicExamResult", text(care.forensicExam.result)],
    ["psychologicalExam", care.psychologicalExam.status],
    ["psychologicalExamWhen", care.psychologicalExam.when],
    ["psychologicalExamResult", text(care.psychologicalExam.result)],
    ["symptoms", text(care.symptoms)],
    ["lostConsciousness", care.suffocation.lostConsciousness],
    ["eyeBleeding", care.suffocation.eyeBleeding],
    ["hoarseVoice", care.suffocation.hoarseVoice],
    ...Object.entries(care.psychological),
  ]);
}

/** A complaint made, and its answer. */
export function complaintLines(complaint: Complaint): FactLine[] {
  return lines([
    ["to", text(complaint.to)],
    ["when", complaint.when],
    ["answered", complaint.answered],
    ["answer", text(complaint.answer)],
  ]);
}

/** Who did it, as the report describes each group ("Полиция, угрозыск, 5"), or null. */
export function perpetratorsText(act: Act, report: ReportV2): string | null {
  const groups = report.perpetrators.filter((group) => act.perpetratorIds.includes(group.id));
  const described = groups
    .map((g) => [g.agency, g.unit, g.count === null ? null : fmtNumber(g.count), g.namesOrDescriptions])
    .map((parts) => parts.filter((part): part is string => !!part && part.trim() !== "").join(", "))
    .filter((text) => text !== "");
  return described.length > 0 ? described.join("; ") : null;
}

/** Where an act happened ("Сортобе, police station"), or null. */
export function actPlace(act: Act): string | null {
  if (act.where === null) return null;
  const { village, other, placeType } = act.where;
  const where = village === null || village === "other" ? other : t(`villages.${village}`);
  const type = placeType === null ? null : word("values", placeType);
  return [where, type].filter(Boolean).join(", ") || null;
}

/** How the reporter knows a fact, or null when they did not say. */
export const sourceText = (source: Act["source"]): string | null => (source === null ? null : t(`source.${source}`));
