/** Every complaint of the report in one table (each is in full under the people it concerns). */
import { t } from "../i18n";
import type { ReportV2 } from "../../shared/report/v2";
import { answerShown, textShown, whenShown } from "./format";
import { personName } from "./names";
import { Value } from "./Value";

export function ComplaintsOverview({ report }: { report: ReportV2 }) {
  return (
    <section class="section" data-testid="complaints-overview">
      <h2>{t("person.complaints.title")}</h2>
      {report.complaints.length === 0 ? (
        <p class="muted">{t("person.complaints.none")}</p>
      ) : (
        <table class="plain">
          <thead>
            <tr>
              <th scope="col">{t("person.complaints.to")}</th>
              <th scope="col">{t("person.complaints.when")}</th>
              <th scope="col">{t("person.complaints.concerning")}</th>
              <th scope="col">{t("person.complaints.answered")}</th>
            </tr>
          </thead>
          <tbody>
            {report.complaints.map((complaint) => (
              <tr key={complaint.id}>
                <td>
                  <Value shown={textShown(complaint.to)} />
                </td>
                <td>
                  <Value shown={whenShown(complaint.when)} />
                </td>
                <td>
                  {complaint.personIds.map((id) => personName(report, id)).join(", ") || t("person.complaints.nobody")}
                </td>
                <td>
                  <Value shown={answerShown(complaint.answered)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
