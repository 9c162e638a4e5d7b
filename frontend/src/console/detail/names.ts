/** How people and perpetrator groups of a v2 report are named in the console. */
import { fmtNumber, t } from "../i18n";
import type { PerpetratorGroup, ReportV2 } from "../../shared/report/v2";

/** A person's name, or "Person 2" when the reporter gave none; the id itself when not in the report. */
export function personName(report: Pick<ReportV2, "people">, id: string): string {
  const index = report.people.findIndex((person) => person.id === id);
  if (index < 0) return id;
  return report.people[index]!.fullName ?? t("person.card.title", { n: fmtNumber(index + 1) });
}

/** "Полиция, Кордайский РОВД, 5 чел." */
export function groupText(group: PerpetratorGroup): string {
  const count = group.count === null ? null : t("person.perpetrators.countShort", { n: fmtNumber(group.count) });
  const parts = [group.agency, group.unit, count].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : t("person.perpetrators.group", { n: group.id });
}

/** The groups an act names, as text; a group the report lacks is said so, not skipped. */
export function groupsText(report: Pick<ReportV2, "perpetrators">, ids: readonly string[]): string | null {
  if (ids.length === 0) return null;
  return ids
    .map((id) => {
      const group = report.perpetrators.find((g) => g.id === id);
      return group ? groupText(group) : t("person.acts.unknownGroup", { id });
    })
    .join("; ");
}
