/** What happened, when and where, in the reporter's own words. */
import { Facts, Words } from "../components/Facts";
import { placeText } from "../components/reportText";
import { fmtNumber, fmtWhen, t } from "../i18n";
import type { Report } from "../../shared/report/model";

export function Summary({ report }: { report: Report }) {
  const gps = report.where.gps;
  return (
    <section class="section">
      {report.happeningNow && (
        <p class="badge big-badge" data-testid="report-happening-now">
          {t("report.happeningNow")}
        </p>
      )}
      <h2>{t("report.what")}</h2>
      <ul class="kinds">
        {report.kinds.map((kind) => (
          <li key={kind}>{t(`kinds.${kind}`)}</li>
        ))}
      </ul>
      <Facts
        facts={[
          [t("report.when"), fmtWhen(report.when)],
          [t("report.where"), placeText(report.where)],
          [
            t("report.gps"),
            gps && (
              <span class="warning-inline">
                {fmtNumber(gps.lat, 5)}, {fmtNumber(gps.lon, 5)} (±{fmtNumber(gps.accuracyM, 0)} m)
              </span>
            ),
          ],
          [t("report.deviceTime"), report.deviceTime],
          [t("report.language"), report.language],
        ]}
      />
      <h3>{t("report.account")}</h3>
      {report.account ? <Words text={report.account} /> : <p class="muted">{t("report.notGiven")}</p>}
    </section>
  );
}
