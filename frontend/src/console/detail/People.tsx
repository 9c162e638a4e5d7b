/** Who was harmed and who did it. */
import { Facts } from "../components/Facts";
import { fmtNumber, t } from "../i18n";
import type { Report, Victim } from "../../shared/report/model";

const ageText = (age: Victim["age"]): string | null =>
  age === "elderly" ? t("victims.elderly") : age === null ? null : fmtNumber(age);
const sexText = (sex: Victim["sex"]): string | null =>
  sex === null ? null : t(sex === "other" ? "victims.otherSex" : `victims.${sex}`);

export function People({ report }: { report: Report }) {
  const p = report.perpetrators;
  return (
    <section class="section">
      <h2>{t("report.victims")}</h2>
      {report.victims.length === 0 ? (
        <p class="muted">{t("report.notGiven")}</p>
      ) : (
        <table class="plain">
          <thead>
            <tr>
              <th scope="col">{t("victims.name")}</th>
              <th scope="col">{t("report.age")}</th>
              <th scope="col">{t("victims.sex")}</th>
              <th scope="col">{t("report.relation")}</th>
              <th scope="col">{t("victims.health")}</th>
            </tr>
          </thead>
          <tbody>
            {report.victims.map((victim) => (
              <tr key={victim.id}>
                <td>{victim.name ?? "—"}</td>
                <td>{ageText(victim.age) ?? "—"}</td>
                <td>{sexText(victim.sex) ?? "—"}</td>
                <td>{victim.relationToReporter ?? "—"}</td>
                <td>{victim.health ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("report.perpetrators")}</h2>
      <Facts
        facts={[
          [t("report.agency"), p.agency],
          [t("perpetrators.unit"), p.unit],
          [t("perpetrators.count"), p.count === null ? null : fmtNumber(p.count)],
          [t("perpetrators.clothing"), p.clothing && t(`perpetrators.${p.clothing}`)],
          [t("perpetrators.vehicles"), p.vehicles],
          [t("perpetrators.names"), p.namesOrDescriptions],
        ]}
      />
    </section>
  );
}
