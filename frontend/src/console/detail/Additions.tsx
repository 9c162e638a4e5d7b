/** "Addition to report X" on an addition, "Additions: ..." on the report it adds to, each a link. */
import { t } from "../i18n";
import { shortId } from "./additions";

interface Props {
  addsTo: string | null;
  additions: readonly string[];
  onOpenReport: (reportId: string) => void;
}

function ReportLink({ reportId, onOpenReport }: { reportId: string; onOpenReport: (reportId: string) => void }) {
  return (
    <button
      type="button"
      class="link"
      data-testid="report-link"
      data-report-id={reportId}
      onClick={() => onOpenReport(reportId)}
    >
      <code class="id">{shortId(reportId)}</code>
    </button>
  );
}

export function Additions({ addsTo, additions, onOpenReport }: Props) {
  if (addsTo === null && additions.length === 0) return null;
  return (
    <div class="notice" data-testid="report-additions">
      {addsTo !== null && (
        <p data-testid="adds-to" data-report-id={addsTo}>
          {t("person.additions.addsTo")} <ReportLink reportId={addsTo} onOpenReport={onOpenReport} />
        </p>
      )}
      {additions.length > 0 && (
        <p data-testid="additions-list">
          {t("person.additions.list")}:{" "}
          {additions.map((id, index) => (
            <>
              {index > 0 && ", "}
              <ReportLink key={id} reportId={id} onOpenReport={onOpenReport} />
            </>
          ))}
        </p>
      )}
    </div>
  );
}
