/** The safeguards answered "no" across the report's acts, summed up before the people. */
import { fmtNumber, t } from "../i18n";
import type { ReportV2 } from "../../shared/report/v2";
import { hasSafeguardActs, violations } from "./safeguards";
import { personName } from "./names";

export function ViolationSummary({ report }: { report: ReportV2 }) {
  if (!hasSafeguardActs(report.acts)) return null;
  const found = violations(report.acts);
  return (
    <div class={found.length > 0 ? "violations" : "notice"} data-testid="paperwork-summary" data-count={found.length}>
      <p>
        <strong>
          {found.length > 0 ? t("report.violationsFound", { n: fmtNumber(found.length) }) : t("report.noViolations")}
        </strong>
      </p>
      {found.length > 0 && (
        <ul>
          {found.map(({ act, field, labelKey }) => (
            <li key={`${act.id}.${field}`}>
              {t(`person.acts.${act.type}`)}
              {act.personIds.length > 0 && ` (${act.personIds.map((id) => personName(report, id)).join(", ")})`}:{" "}
              {t(labelKey)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
