/** Every person of the case (name, birth date or age, sex, ethnicity, custody now, health) and every perpetrator group. */
import { ageAt, eventsDate } from "../../detail/byPerson";
import type { CaseEvidence } from "../appeal/evidence";
import type { DocumentLanguage } from "../language";
import { ageText, quoted, sexText } from "../words";
import { personLabel, sourceCell, withKnownColumns, type Table } from "./rows";

/** "1975 г. р." when a birth date is given, else the age as the reporter gave it. */
function bornOrAge(L: DocumentLanguage, person: CaseEvidence["people"][number]["person"]): string | null {
  if (person.birthDate !== null) return L.t("dossier.persons.bornIn", { date: person.birthDate });
  return ageText(L, person.age);
}

/** The persons table: one row per person of every report, columns only where some person is known. */
export function personsTable(L: DocumentLanguage, ev: CaseEvidence): Table {
  return withKnownColumns({
    columns: [
      L.t("dossier.persons.name"),
      L.t("dossier.persons.bornOrAge"),
      L.t("dossier.persons.sex"),
      L.t("dossier.persons.ethnicity"),
      L.t("dossier.persons.relation"),
      L.t("dossier.persons.custody"),
      L.t("dossier.persons.health"),
      L.t("dossier.timeline.source"),
    ],
    rows: ev.people.map((p) => ({
      key: `${p.reportId}:${p.person.id}`,
      cells: [
        personLabel(L, p),
        bornOrAge(L, p.person),
        sexText(L, p.person.sex),
        p.person.ethnicity?.trim() || null,
        quoted(L, p.person.relationToReporter),
        p.person.custody && p.person.custody !== "dont_know" ? L.t(`dossier.custody.${p.person.custody}`) : null,
        quoted(L, p.person.health),
        sourceCell(L, p),
      ],
    })),
  });
}

/** The perpetrator groups of every report, as each reporter describes them. */
export function perpetratorsTable(L: DocumentLanguage, ev: CaseEvidence): Table {
  return {
    columns: [
      L.t("dossier.perpetrators.agency"),
      L.t("dossier.perpetrators.unit"),
      L.t("dossier.perpetrators.count"),
      L.t("dossier.perpetrators.clothing"),
      L.t("dossier.perpetrators.vehicles"),
      L.t("dossier.perpetrators.names"),
      L.t("dossier.timeline.source"),
    ],
    rows: ev.reports.flatMap(({ report, reportId, reportNumber }) =>
      report.perpetrators.map((g) => ({
        key: `${reportId}:${g.id}`,
        cells: [
          quoted(L, g.agency),
          quoted(L, g.unit),
          g.count === null ? null : L.number(g.count),
          g.clothing && L.t(`dossier.clothing.${g.clothing}`),
          quoted(L, g.vehicles),
          quoted(L, g.namesOrDescriptions),
          sourceCell(L, { reportNumber }),
        ],
      })),
    ),
  };
}

/**
 * How many people the case's reports say were harmed, and how many of them were elderly on the day
 * (60 or more, from the birth date or the age given, or said to be elderly: detail/byPerson.ts);
 * `elderly` is null when no one's age is known at all (then a count would say nothing).
 */
export function peopleCounts(ev: CaseEvidence): { people: number; elderly: number | null } {
  const ages = ev.people.map((p) => {
    const { report } = ev.reports.find((r) => r.reportId === p.reportId)!;
    return ageAt(p.person, eventsDate(report)).elderly;
  });
  return {
    people: ev.people.length,
    elderly: ages.some((elderly) => elderly !== null) ? ages.filter((elderly) => elderly === true).length : null,
  };
}
