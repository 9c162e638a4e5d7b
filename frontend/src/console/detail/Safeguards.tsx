/**
 * Detention, search, interrogation and torture: the facts, and the safeguard checklist with every
 * "no" marked as a violation (report/violations.ts), summed up first.
 */
import { Facts, Words, type Fact } from "../components/Facts";
import { answerText, yesNo } from "../components/reportText";
import { fmtNumber, fmtWhen, t } from "../i18n";
import type { Report } from "../../shared/report/model";
import { SAFEGUARDS, paperworkViolations, safeguardAnswer, type SafeguardSection } from "../report/violations";

/** The safeguard questions of one section as facts, each "no" marked. */
function safeguardFacts(report: Report, section: SafeguardSection): Fact[] {
  return SAFEGUARDS[section].map(({ field, labelKey }) => {
    const answer = safeguardAnswer(report, section, field);
    const value =
      answer === "no" ? (
        <strong class="violation" data-testid="paperwork-violation" data-field={`${section}.${field}`}>
          {answerText(answer)} — {t("report.violation")}
        </strong>
      ) : (
        answerText(answer)
      );
    return [t(labelKey), value, answer === "no" ? "violation-row" : undefined];
  });
}

function ViolationSummary({ report }: { report: Report }) {
  const violations = paperworkViolations(report);
  if (report.detention === null && report.search === null && report.interrogation === null) return null;
  return (
    <div
      class={violations.length > 0 ? "violations" : "notice"}
      data-testid="paperwork-summary"
      data-count={violations.length}
    >
      <p>
        <strong>
          {violations.length > 0
            ? t("report.violationsFound", { n: fmtNumber(violations.length) })
            : t("report.noViolations")}
        </strong>
      </p>
      {violations.length > 0 && (
        <ul>
          {violations.map((v) => (
            <li key={`${v.section}.${v.field}`}>
              {t(`report.sections.${v.section}`)}: {t(v.labelKey)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Safeguards({ report }: { report: Report }) {
  const { detention, search, interrogation, torture } = report;
  return (
    <>
      <ViolationSummary report={report} />
      {detention && (
        <section class="section">
          <h2>{t("report.sections.detention")}</h2>
          <Facts
            facts={[
              [t("detention.when"), fmtWhen(detention.when)],
              [t("detention.takenTo"), detention.takenTo],
              [
                t("detention.releasedAt"),
                detention.releasedAt ? fmtWhen(detention.releasedAt) : t("report.notReleased"),
              ],
              [
                t("detention.whereaboutsUnknown"),
                yesNo(detention.whereaboutsUnknown),
                detention.whereaboutsUnknown ? "violation-row" : undefined,
              ],
            ]}
          />
          <h3>{t("detention.paperworkTitle")}</h3>
          <Facts facts={safeguardFacts(report, "detention")} testid="paperwork" />
        </section>
      )}
      {search && (
        <section class="section">
          <h2>{t("report.sections.search")}</h2>
          <Facts
            facts={[
              [t("search.start"), fmtWhen(search.start)],
              [t("search.end"), search.end ? fmtWhen(search.end) : null],
              ...safeguardFacts(report, "search"),
              [t("search.itemsSeized"), search.itemsSeized],
              [t("search.present"), search.present],
            ]}
          />
        </section>
      )}
      {interrogation && (
        <section class="section">
          <h2>{t("report.sections.interrogation")}</h2>
          <Facts
            facts={[
              [t("interrogation.start"), fmtWhen(interrogation.start)],
              [t("interrogation.hours"), interrogation.hours === null ? null : fmtNumber(interrogation.hours)],
              [
                t("interrogation.atNight"),
                answerText(interrogation.atNight),
                interrogation.atNight === "yes" ? "concern-row" : undefined,
              ],
              [
                t("interrogation.investigators"),
                interrogation.investigators === null ? null : fmtNumber(interrogation.investigators),
              ],
              ...safeguardFacts(report, "interrogation"),
              [t("interrogation.confessionDemanded"), answerText(interrogation.confessionDemanded)],
              [t("interrogation.confessionSigned"), answerText(interrogation.confessionSigned)],
              [t("interrogation.threats"), interrogation.threats],
            ]}
          />
        </section>
      )}
      {torture && (
        <section class="section">
          <h2>{t("report.sections.torture")}</h2>
          <ul class="kinds">
            {torture.methods.map((method) => (
              <li key={method}>{t(`methods.${method}`)}</li>
            ))}
          </ul>
          <Facts facts={[[t("torture.object"), torture.object]]} />
          <Words text={torture.details} />
        </section>
      )}
    </>
  );
}
