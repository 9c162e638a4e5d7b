/**
 * One case: its reports (opened in the browser, older ones fetched on demand) and the timeline
 * merged from their dated moments (cases/timeline.ts).
 */
import { CasePeople } from "../cases/people/CasePeople";
import type { CaseReport, PersonRef } from "../cases/people/peopleMap";
import { mergedTimeline } from "../cases/timeline";
import { useCaseReports } from "../cases/useCaseReports";
import { Problem } from "../components/Problem";
import { placeText } from "../components/reportText";
import { ExportPanel } from "../export/ExportPanel";
import { fmtInstant, fmtWhen, t } from "../i18n";
import type { QueueEntry } from "../queue/entries";
import type { Report } from "../../shared/report/model";

interface Props {
  caseId: string;
  onReport: (reportId: string) => void;
  onBack: () => void;
  onDossier: () => void;
  onPerson: (person: PersonRef) => void;
}

export function CaseView({ caseId, onReport, onBack, onDossier, onPerson }: Props) {
  const { item, entries, problem } = useCaseReports(caseId);
  const reportIds = item?.case.report_ids ?? [];

  const opened = entries.filter((e): e is QueueEntry & { report: Report } => e.report !== null);
  const timeline = mergedTimeline(opened.map((e) => ({ reportId: e.meta.report_id, report: e.report })));
  const number = new Map(reportIds.map((id, index) => [id, index + 1]));
  const full: CaseReport[] = reportIds.flatMap((id) => {
    const report = entries.find((e) => e.meta.report_id === id)?.full;
    return report ? [{ reportId: id, report }] : [];
  });

  return (
    <section data-testid="case-view" data-case-id={caseId}>
      <button type="button" class="link" onClick={onBack}>
        ← {t("cases.back")}
      </button>
      <h1>{item?.title ?? t("cases.unreadableTitle")}</h1>
      <p>
        <button
          type="button"
          class="secondary"
          data-testid="dossier-open"
          onClick={onDossier}
          disabled={reportIds.length === 0}
        >
          {t("dossier.ui.open")}
        </button>
      </p>
      <Problem error={problem} />
      <h2>{t("cases.reports")}</h2>
      {reportIds.length === 0 && <p class="muted">{t("cases.noReports")}</p>}
      <ol class="case-reports">
        {reportIds.map((id) => {
          const entry = entries.find((e) => e.meta.report_id === id);
          return (
            <li key={id} data-testid="case-report" data-report-id={id}>
              <button type="button" class="link" onClick={() => onReport(id)}>
                {entry ? fmtInstant(entry.meta.received_at) : id.slice(0, 8)}
              </button>{" "}
              {entry?.report
                ? `${entry.report.kinds.map((kind) => t(`kinds.${kind}`)).join("; ")} · ${placeText(entry.report.where)}`
                : ""}
            </li>
          );
        })}
      </ol>
      <CasePeople
        caseId={caseId}
        reports={full}
        reportLabel={(id) => t("cases.reportN", { n: number.get(id) ?? "?" })}
        onPerson={onPerson}
      />
      <h2>{t("cases.timeline")}</h2>
      <table class="plain timeline">
        <thead>
          <tr>
            <th scope="col">{t("cases.when")}</th>
            <th scope="col">{t("cases.what")}</th>
            <th scope="col">{t("cases.fromReport")}</th>
          </tr>
        </thead>
        <tbody>
          {timeline.map((event, index) => (
            <tr key={index} data-testid="timeline-row" data-report-id={event.reportId}>
              <td>{fmtWhen(event.when)}</td>
              <td>{t(event.what)}</td>
              <td>
                <button type="button" class="link" onClick={() => onReport(event.reportId)}>
                  {t("cases.reportN", { n: number.get(event.reportId) ?? "?" })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ExportPanel scope="case" caseId={caseId} />
    </section>
  );
}
