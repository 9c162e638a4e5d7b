/**
 * The report in short: what happened, when, where, whether it is happening now, who reports (and
 * whether they are one of the people), the language of the answers; a warning first when names may
 * not go to the Government.
 */
import { Facts } from "../components/Facts";
import { fmtNumber, t } from "../i18n";
import type { ReportV2 } from "../../shared/report/v2";
import { answerShown, choiceShown, placeShown, textShown, whenShown } from "./format";
import { personName } from "./names";
import { fact } from "./Value";

/** "русский (ru)"; a language the catalog does not name, as its tag. */
function languageName(tag: string): string {
  const key = `person.languages.${tag.split("-")[0]}`;
  const name = t(key);
  return name === key ? tag : `${name} (${tag})`;
}

/** The consent warnings a reviewer must see before anything else. */
export function ConsentWarnings({ report }: { report: ReportV2 }) {
  const { namesToGovernment, victimConsents } = report.consent;
  return (
    <>
      {namesToGovernment !== "yes" && (
        <p class="violations" data-testid="names-warning" data-answer={namesToGovernment ?? "unanswered"}>
          <strong>{t("person.consent.namesWarning", { answer: answerShown(namesToGovernment).text })}</strong>
        </p>
      )}
      {victimConsents !== "yes" && report.reporter.role !== "victim" && (
        <p class="notice" data-testid="victim-consent-warning">
          {t("person.consent.victimWarning", { answer: answerShown(victimConsents).text })}
        </p>
      )}
    </>
  );
}

export function Summary({ report }: { report: ReportV2 }) {
  const gps = report.where.gps;
  const self = report.reporter.personId;
  return (
    <section class="section" data-testid="report-summary">
      {report.happeningNow && (
        <p class="badge big-badge" data-testid="report-happening-now">
          {t("report.happeningNow")}
        </p>
      )}
      <ConsentWarnings report={report} />
      <h2>{t("person.summary.title")}</h2>
      <Facts
        facts={[
          [
            t("person.summary.kinds"),
            report.kinds.length === 0 ? null : (
              <ul class="kinds">
                {report.kinds.map((kind) => (
                  <li key={kind}>{t(`kinds.${kind}`)}</li>
                ))}
              </ul>
            ),
          ],
          fact(t("person.summary.when"), whenShown(report.when)),
          fact(t("person.summary.where"), placeShown(report.where)),
          [
            t("report.gps"),
            gps && (
              <span class="warning-inline">
                {fmtNumber(gps.lat, 5)}, {fmtNumber(gps.lon, 5)} (±{fmtNumber(gps.accuracyM, 0)} m)
              </span>
            ),
          ],
          fact(t("person.summary.happeningNow"), answerShown(report.happeningNow ? "yes" : "no")),
          fact(t("person.summary.reporter"), choiceShown(report.reporter.role, "person.reporter.roles")),
          fact(
            t("person.summary.reporterIsPerson"),
            self === null
              ? { state: "given", text: t("person.summary.reporterIsPersonNo") }
              : { state: "yes", text: t("person.summary.reporterIsPersonYes", { name: personName(report, self) }) },
          ),
          fact(t("person.summary.people"), textShown(fmtNumber(report.people.length))),
          fact(t("person.summary.language"), textShown(languageName(report.language))),
          [t("report.deviceTime"), report.deviceTime],
        ]}
      />
    </section>
  );
}
