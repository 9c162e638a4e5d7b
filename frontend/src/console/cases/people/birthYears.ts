/**
 * Birth years compared across reports: a birth date is exact; an age is the year of the report's
 * `when` minus the age, and so known within a year (the birthday may not have come yet). "Elderly"
 * or nothing says no year, and contradicts nothing.
 */
import type { Person, ReportV2 } from "../../../shared/report/v2";

/** A person's birth year as one report gives it. */
export type BirthYear =
  | { from: "birthDate"; year: number; month: number | null; day: number | null }
  | { from: "age"; year: number; age: number };

/** How two birth years agree: equal dates, a date and an age, two ages, or one unknown. */
export type BirthAgreement =
  | { kind: "same"; year: number }
  | { kind: "age"; year: number; age: number }
  | { kind: "ages"; year: number }
  | { kind: "unknown" };

const yearOf = (value: string | null): number | null => {
  const match = /^(\d{4})/.exec(value ?? "");
  return match ? Number(match[1]) : null;
};

/** The person's birth year from their birth date, else from their age at the report's `when` (or its writing). */
export function birthYearOf(person: Person, report: ReportV2): BirthYear | null {
  const date = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(person.birthDate ?? "");
  if (date) {
    const [, year, month, day] = date;
    return {
      from: "birthDate",
      year: Number(year),
      month: month ? Number(month) : null,
      day: day ? Number(day) : null,
    };
  }
  if (typeof person.age !== "number") return null;
  const at = yearOf(report.when.value) ?? yearOf(report.deviceTime);
  return at === null ? null : { from: "age", year: at - person.age, age: person.age };
}

/** Whether two birth years can be one person's; null when they contradict. */
export function compareBirthYears(a: BirthYear | null, b: BirthYear | null): BirthAgreement | null {
  if (a === null || b === null) return { kind: "unknown" };
  if (a.from === "birthDate" && b.from === "birthDate") {
    const differ = (x: number | null, y: number | null): boolean => x !== null && y !== null && x !== y;
    if (a.year !== b.year || differ(a.month, b.month) || differ(a.day, b.day)) return null;
    return { kind: "same", year: a.year };
  }
  if (Math.abs(a.year - b.year) > 1) return null;
  if (a.from === "age" && b.from === "age") return { kind: "ages", year: Math.min(a.year, b.year) };
  const [dated, aged] = a.from === "birthDate" ? [a, b] : [b, a];
  return { kind: "age", year: dated.year, age: aged.from === "age" ? aged.age : 0 };
}
