/**
 * A person's age from their birth date as the reporter gave it ("1942", "1942-03", "1942-03-05"):
 * whole years on `today`. With the year alone the birthday is unknown, so the age is the difference
 * of years (at most one year too many, which does not change "elderly").
 */
export function ageFromBirth(birthDate: string | null, today: Date): number | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(birthDate ?? "");
  if (!match) return null;
  const year = Number(match[1]);
  let age = today.getFullYear() - year;
  if (match[3] !== undefined) {
    const month = Number(match[2]) - 1;
    const day = Number(match[3]);
    const before = today.getMonth() < month || (today.getMonth() === month && today.getDate() < day);
    if (before) age -= 1;
  }
  return age >= 0 && age < 130 ? age : null;
}

/** The birth date to store for a typed year and an optional full date: the date wins, a year alone is "1942". */
export function birthDateOf(year: number | null, date: string | null, today: Date): string | null {
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  if (year === null || year < 1900 || year > today.getFullYear()) return null;
  return String(year);
}
