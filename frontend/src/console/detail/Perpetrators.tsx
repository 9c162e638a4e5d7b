/** The perpetrator groups (SR, IP: who did it; Art. 146 part 3: by a group of persons). */
import { Facts } from "../components/Facts";
import { fmtNumber, t } from "../i18n";
import type { ReportV2 } from "../../shared/report/v2";
import { choiceShown, textShown } from "./format";
import { fact } from "./Value";

export function Perpetrators({ report }: { report: ReportV2 }) {
  return (
    <section class="section" data-testid="perpetrator-groups">
      <h2>{t("person.perpetrators.title")}</h2>
      {report.perpetrators.length === 0 && <p class="muted">{t("person.perpetrators.none")}</p>}
      {report.perpetrators.map((group, index) => (
        <div key={group.id} class="subcard" data-testid="perpetrator-group" data-group-id={group.id}>
          <h3>{t("person.perpetrators.group", { n: fmtNumber(index + 1) })}</h3>
          <Facts
            facts={[
              fact(t("person.perpetrators.agency"), textShown(group.agency)),
              fact(t("person.perpetrators.unit"), textShown(group.unit)),
              fact(t("person.perpetrators.count"), textShown(group.count === null ? null : fmtNumber(group.count))),
              fact(t("person.perpetrators.clothing"), choiceShown(group.clothing, "person.perpetrators.clothings")),
              fact(t("person.perpetrators.vehicles"), textShown(group.vehicles)),
              fact(t("person.perpetrators.names"), textShown(group.namesOrDescriptions)),
            ]}
          />
        </div>
      ))}
    </section>
  );
}
