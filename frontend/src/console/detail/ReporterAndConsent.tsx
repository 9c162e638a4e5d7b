/**
 * Who reported, and the consent given: the reporter's per use, the victim's own, and whether names
 * may go to the Government (only "yes" permits: docs/report-format.md).
 */
import { Facts } from "../components/Facts";
import { t } from "../i18n";
import type { ReportV2 } from "../../shared/report/v2";
import { answerShown, choiceShown, textShown } from "./format";
import { fact } from "./Value";

const ticked = (value: boolean) => answerShown(value ? "yes" : "no");

export function ReporterAndConsent({ report }: { report: ReportV2 }) {
  const { reporter, consent } = report;
  return (
    <section class="section">
      <h2>{t("person.reporter.title")}</h2>
      <Facts
        facts={[
          fact(t("person.reporter.role"), choiceShown(reporter.role, "person.reporter.roles")),
          fact(t("person.reporter.relationToVictim"), textShown(reporter.relationToVictim)),
          fact(
            t("person.reporter.safeContact"),
            textShown(reporter.safeContact),
            reporter.safeContact ? "sensitive-row" : undefined,
          ),
          fact(
            t("person.reporter.reprisalRisk"),
            answerShown(reporter.reprisalRisk),
            reporter.reprisalRisk === "yes" ? "concern-row" : undefined,
          ),
        ]}
      />
      <h3>{t("person.consent.title")}</h3>
      <Facts
        testid="consent"
        facts={[
          fact(t("person.consent.record"), ticked(consent.record)),
          fact(
            t("person.consent.photograph"),
            ticked(consent.photograph),
            consent.photograph ? undefined : "violation-row",
          ),
          fact(t("person.consent.prosecutor"), ticked(consent.shareWithProsecutor)),
          fact(t("person.consent.un"), ticked(consent.shareWithUn)),
          fact(
            t("person.consent.victimConsents"),
            answerShown(consent.victimConsents),
            consent.victimConsents === "yes" ? undefined : "violation-row",
          ),
          fact(
            t("person.consent.namesToGovernment"),
            answerShown(consent.namesToGovernment),
            consent.namesToGovernment === "yes" ? undefined : "violation-row",
          ),
        ]}
      />
    </section>
  );
}
