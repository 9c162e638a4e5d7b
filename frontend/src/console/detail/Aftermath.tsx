/** Medical care, harm to relatives, and who reported with what consent. */
import { Facts, Words } from "../components/Facts";
import { answerText, yesNo } from "../components/reportText";
import { fmtWhen, t } from "../i18n";
import type { Report } from "../../shared/report/model";

export function Medical({ report }: { report: Report }) {
  const medical = report.medical;
  if (medical === null) return null;
  return (
    <section class="section">
      <h2>{t("report.medical")}</h2>
      <Facts
        facts={[
          [t("medical.careReceived"), answerText(medical.careReceived)],
          [t("medical.forensicExam"), medical.forensicExam && t(`medical.${medical.forensicExam}`)],
          [t("medical.symptoms"), medical.symptoms],
        ]}
      />
    </section>
  );
}

export function Relatives({ report }: { report: Report }) {
  if (report.harmToRelatives.length === 0) return null;
  return (
    <section class="section">
      <h2>{t("report.relatives")}</h2>
      {report.harmToRelatives.map((harm, index) => (
        <div key={index} class="subcard">
          <Facts
            facts={[
              [t("relatives.who"), harm.who],
              [t("relatives.what"), harm.what && t(`relatives.${harm.what}`)],
              [t("relatives.when"), harm.when ? fmtWhen(harm.when) : null],
            ]}
          />
          <Words text={harm.details} />
        </div>
      ))}
    </section>
  );
}

export function ReporterAndConsent({ report }: { report: Report }) {
  const { reporter, consent } = report;
  return (
    <section class="section">
      <h2>{t("report.reporter")}</h2>
      <Facts
        facts={[
          [t("report.reporterRole"), reporter.role && t(`reporter.${reporter.role}`)],
          [t("reporter.relationToVictim"), reporter.relationToVictim],
          [t("report.safeContact"), reporter.safeContact, reporter.safeContact ? "sensitive-row" : undefined],
          [
            t("reporter.reprisalRisk"),
            answerText(reporter.reprisalRisk),
            reporter.reprisalRisk === "yes" ? "concern-row" : undefined,
          ],
        ]}
      />
      <h3>{t("reporter.consentTitle")}</h3>
      <Facts
        testid="consent"
        facts={[
          [t("report.consentRecord"), yesNo(consent.record)],
          [t("report.consentPhotograph"), yesNo(consent.photograph)],
          [t("report.consentProsecutor"), yesNo(consent.shareWithProsecutor)],
          [t("report.consentUn"), yesNo(consent.shareWithUn)],
        ]}
      />
    </section>
  );
}
