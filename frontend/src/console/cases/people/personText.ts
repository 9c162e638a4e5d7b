/** A gathered person and a proposal as the reviewer reads them: names, birth years, roles, reasons. */
import { t } from "../../i18n";
import type { Person, ReportV2 } from "../../../shared/report/v2";
import { birthYearOf } from "./birthYears";
import type { Proposal } from "./matching";
import type { CasePerson } from "./peopleMap";

/** Every spelling of the person's name across the reports ("Масанов Айдир / Aydir Masanov"). */
export function personName(person: CasePerson): string {
  const names = [...new Set(person.members.map((m) => m.person.fullName?.trim()).filter((n): n is string => !!n))];
  return names.length > 0 ? names.join(" / ") : t("casePeople.noName");
}

/** "1986", or "≈1986 (34)" from an age; null when the report gives neither. */
export function birthText(person: Person, report: ReportV2): string | null {
  const year = birthYearOf(person, report);
  if (year === null) return person.age === "elderly" ? t("casePeople.values.elderly") : null;
  return year.from === "birthDate"
    ? (person.birthDate ?? String(year.year))
    : t("casePeople.aboutYear", { year: year.year, age: year.age });
}

/** The person's roles in one report ("victim, witness"), or "role not given". */
export function rolesText(person: Person): string {
  return person.roles.length > 0
    ? person.roles.map((role) => t(`casePeople.values.${role}`)).join(", ")
    : t("casePeople.noRole");
}

/** Why a proposal was made: "same name, words in another order; same birth year 1986". */
export function reasonText(proposal: Proposal): string {
  const { birth } = proposal;
  const name = t(`casePeople.reason.name.${proposal.name}`);
  const years =
    birth.kind === "unknown"
      ? t("casePeople.reason.birth.unknown")
      : birth.kind === "age"
        ? t("casePeople.reason.birth.age", { year: birth.year, age: birth.age })
        : t(`casePeople.reason.birth.${birth.kind}`, { year: birth.year });
  return `${name}; ${years}`;
}
