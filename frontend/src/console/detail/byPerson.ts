/**
 * A v2 report organised by person, as a lawyer reads it: for each person, the acts done to them in
 * time order, their injuries, medical care and the complaints about them; and what the reporter
 * tied to nobody, kept apart and never dropped.
 *
 * Every act, injury, medical entry and complaint appears in full exactly once: under the first of
 * its people that the report has, else under "not tied to a person". An act or complaint about
 * several people is also listed under each of the others (`alsoActs`, `alsoComplaints`: an act there
 * by reference, a complaint, being short, again in full), so each person's card says everything that
 * concerns them without an act being counted twice. A reference to a person the report does not have (a v1 report is not id-checked)
 * counts as no person.
 */
import type { Act, Complaint, Injury, MedicalCare, Person, ReportV2, When } from "../../shared/report/v2";

/**
 * From this age a person is "elderly": the UN counts older persons from 60 (UN Principles for Older
 * Persons, UN DESA's statistics); Kazakhstan's pension age (61 to 63) is later, but a reviewer
 * should rather see the word for a 60-year-old than miss it. The years are always shown beside it.
 */
export const ELDERLY_FROM = 60;

/** A person's age at the time of the events, and whence it comes. */
export interface AgeAt {
  years: number | null;
  elderly: boolean | null;
  basis: "birth_date" | "birth_year" | "given" | "said_elderly" | "none";
}

export interface PersonGroup {
  person: Person;
  /** 1-based position among the report's people ("Person 2" when unnamed). */
  number: number;
  isReporter: boolean;
  age: AgeAt;
  acts: Act[];
  /** Acts shown in full under another person that concern this one too. */
  alsoActs: Act[];
  injuries: Injury[];
  medical: MedicalCare[];
  complaints: Complaint[];
  alsoComplaints: Complaint[];
}

export interface Untied {
  acts: Act[];
  injuries: Injury[];
  medical: MedicalCare[];
  complaints: Complaint[];
}

export interface ByPerson {
  people: PersonGroup[];
  untied: Untied;
}

/** A When as a sortable ISO string, or null when not known. */
function whenKey(when: When | null | undefined): string | null {
  return when && when.precision !== "unknown" && when.value ? when.value : null;
}

/** Acts in time order; those without a known time last, in the report's order (the sort is stable). */
export function inTimeOrder(acts: readonly Act[]): Act[] {
  return [...acts].sort((a, b) => {
    const [x, y] = [whenKey(a.when), whenKey(b.when)];
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return x.localeCompare(y);
  });
}

/** The date the events happened on ("2020-04-28"): the report's when, else the phone's clock. */
export function eventsDate(report: Pick<ReportV2, "when" | "deviceTime">): string {
  return (whenKey(report.when) ?? report.deviceTime).slice(0, 10);
}

/** Whole years from a birth date ("1942", "1942-03" or "1942-03-05") to a date ("2020-04-28"). */
function yearsBetween(birth: string, on: string): { years: number; exact: boolean } | null {
  const [by, bm, bd] = birth.split("-").map(Number);
  const [oy, om, od] = on.split("-").map(Number);
  if (!by || !oy) return null;
  if (!bm || !bd || !om || !od) return { years: oy - by, exact: false };
  const beforeBirthday = om < bm || (om === bm && od < bd);
  return { years: oy - by - (beforeBirthday ? 1 : 0), exact: true };
}

/** The age a person had on `on`: from the birth date when known, else as the reporter gave it. */
export function ageAt(person: Pick<Person, "birthDate" | "age">, on: string): AgeAt {
  const fromBirth = person.birthDate ? yearsBetween(person.birthDate, on) : null;
  if (fromBirth)
    return {
      years: fromBirth.years,
      elderly: fromBirth.years >= ELDERLY_FROM,
      basis: fromBirth.exact ? "birth_date" : "birth_year",
    };
  if (typeof person.age === "number") return { years: person.age, elderly: person.age >= ELDERLY_FROM, basis: "given" };
  if (person.age === "elderly") return { years: null, elderly: true, basis: "said_elderly" };
  return { years: null, elderly: null, basis: "none" };
}

/** The report's people, each with what concerns them, and what concerns nobody. */
export function groupByPerson(report: ReportV2): ByPerson {
  const on = eventsDate(report);
  const groups = new Map<string, PersonGroup>();
  report.people.forEach((person, index) => {
    if (groups.has(person.id)) return; // a repeated id (refused for v2) shows once
    groups.set(person.id, {
      person,
      number: index + 1,
      isReporter: report.reporter.personId === person.id,
      age: ageAt(person, on),
      acts: [],
      alsoActs: [],
      injuries: [],
      medical: [],
      complaints: [],
      alsoComplaints: [],
    });
  });
  const untied: Untied = { acts: [], injuries: [], medical: [], complaints: [] };
  const known = (ids: readonly string[]): PersonGroup[] =>
    [...new Set(ids)].flatMap((id) => {
      const group = groups.get(id);
      return group ? [group] : [];
    });

  for (const act of report.acts) {
    const [first, ...others] = known(act.personIds);
    if (!first) untied.acts.push(act);
    else {
      first.acts.push(act);
      others.forEach((group) => group.alsoActs.push(act));
    }
  }
  for (const complaint of report.complaints) {
    const [first, ...others] = known(complaint.personIds);
    if (!first) untied.complaints.push(complaint);
    else {
      first.complaints.push(complaint);
      others.forEach((group) => group.alsoComplaints.push(complaint));
    }
  }
  for (const injury of report.injuries) {
    const group = injury.personId === null ? undefined : groups.get(injury.personId);
    (group?.injuries ?? untied.injuries).push(injury);
  }
  for (const care of report.medical) {
    const group = care.personId === null ? undefined : groups.get(care.personId);
    (group?.medical ?? untied.medical).push(care);
  }

  const people = [...groups.values()].map((group) => ({
    ...group,
    acts: inTimeOrder(group.acts),
    alsoActs: inTimeOrder(group.alsoActs),
  }));
  return { people, untied: { ...untied, acts: inTimeOrder(untied.acts) } };
}

/** Whether anything is tied to nobody. */
export const hasUntied = (untied: Untied): boolean =>
  untied.acts.length + untied.injuries.length + untied.medical.length + untied.complaints.length > 0;
