/**
 * One report: what the server knows of it, everything the decrypted report says, and the
 * reviewer's work on it (triage, case, notes, questions to the family).
 */
import { useEffect, useState } from "preact/hooks";

import { CasePanel } from "../components/CasePanel";
import { Facts } from "../components/Facts";
import { FollowUps } from "../components/FollowUps";
import { Notes } from "../components/Notes";
import { Problem } from "../components/Problem";
import { TriagePanel } from "../components/TriagePanel";
import { useConsole } from "../context";
import { GrantPanel } from "../grants/GrantPanel";
import { additionsTo } from "../detail/additions";
import { ReportBody } from "../detail/ReportBody";
import { fmtInstant, fmtNumber, t } from "../i18n";
import { DeviceCard } from "../photos/DeviceCard";
import { reportsSignedBy } from "../photos/sameDevice";
import type { QueueEntry } from "../queue/entries";

/** The other opened reports signed by the same phone as `reportId`. */
function sameDevice(reportId: string, entries: readonly QueueEntry[]): string[] {
  const key = entries.find((entry) => entry.meta.report_id === reportId)?.full?.device?.publicKey;
  return key ? reportsSignedBy(entries, key, reportId) : [];
}

interface Props {
  reportId: string;
  onBack: () => void;
  onOpenCase: (caseId: string) => void;
  onOpenReport: (reportId: string) => void;
}

export function ReportScreen({ reportId, onBack, onOpenCase, onOpenReport }: Props) {
  const { queue } = useConsole();
  const [entry, setEntry] = useState(queue.entry(reportId));
  const [additions, setAdditions] = useState(() => additionsTo(reportId, queue.view().entries));
  const [signedAlike, setSignedAlike] = useState(() => sameDevice(reportId, queue.view().entries));
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => {
    const unsubscribe = queue.subscribe((view) => {
      setEntry(queue.entry(reportId));
      // The queue redraws while reports open: keep the same list unless it changed, to spare a redraw.
      const next = additionsTo(reportId, view.entries);
      setAdditions((current) => (current.join() === next.join() ? current : next));
      const alike = sameDevice(reportId, view.entries);
      setSignedAlike((current) => (current.join() === alike.join() ? current : alike));
    });
    queue.ensure(reportId).catch(setProblem);
    return unsubscribe;
  }, [reportId]);

  const back = (
    <button type="button" class="link" data-testid="report-back" onClick={onBack}>
      ← {t("report.back")}
    </button>
  );
  if (!entry) {
    return (
      <>
        {back}
        {problem ? <Problem error={problem} /> : <p class="muted">{t("console.loading")}</p>}
      </>
    );
  }
  const { meta, report, full } = entry;
  return (
    <>
      {back}
      <h1>
        {t("report.title")} <code class="id">{meta.report_id.slice(0, 8)}</code>
      </h1>
      <Facts
        facts={[
          [t("report.received"), fmtInstant(meta.received_at)],
          [t("report.reportId"), <code>{meta.report_id}</code>],
          [t("report.size"), fmtNumber(meta.size)],
          [t("report.sha256"), <code class="hash">{meta.sha256}</code>],
        ]}
      />
      <div class="report-layout">
        <article class="report-detail" data-testid="report-detail" data-report-id={meta.report_id}>
          {full ? (
            <>
              <ReportBody
                report={full}
                attachments={meta.attachments}
                additions={additions}
                onOpenReport={onOpenReport}
              />
              <DeviceCard device={full.device ?? null} others={signedAlike} onOpenReport={onOpenReport} />
            </>
          ) : entry.state === "opening" ? (
            <p class="muted">{t("queue.openingOne")}</p>
          ) : (
            <p class="problem" data-testid="report-unreadable">
              {t(`queue.problems.${entry.problem ?? "cannot_open"}`)}
            </p>
          )}
        </article>
        <aside class="report-work">
          <TriagePanel meta={meta} onMeta={(next) => queue.update(next)} />
          <CasePanel meta={meta} onMeta={(next) => queue.update(next)} onOpenCase={onOpenCase} />
          <Notes reportId={meta.report_id} />
          {entry.state === "open" && <GrantPanel meta={meta} />}
          <FollowUps reportId={meta.report_id} report={report} />
        </aside>
      </div>
    </>
  );
}
