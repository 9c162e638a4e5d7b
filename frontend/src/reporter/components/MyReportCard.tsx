/**
 * One sent report on "My reports": its owner's label (after the PIN) or when it was sealed, its receipt
 * code, photos received, its status and questions (which its label thereby names too).
 */
import type { MyReportView, MyReportsView } from "../engine/engine";
import { fmtDateTime, t, tp } from "../i18n";
import { labelText, receiptCode } from "./Outbox";
import { QuestionCard } from "./QuestionCard";

/** The status message key: the server's word, or why there is none. */
function statusKey(report: MyReportView): string {
  if (!report.tracked) return "untracked";
  return report.status ?? "unknown";
}

interface Props {
  report: MyReportView;
  questions: MyReportsView["questions"];
  /** "Add details": offered once the report's own keys are open (its label shows). */
  onAddDetails: () => void;
}

export function MyReportCard({ report, questions, onAddDetails }: Props) {
  const status = statusKey(report);
  const sealed = t("myReports.reportOf", { date: fmtDateTime(report.sealedAt) });
  return (
    <li class="outbox-item sent" data-testid="my-report" data-report-id={report.reportId} data-status={status}>
      <p class="outbox-title" data-labelled={report.label ? "1" : "0"}>
        {report.label ? labelText(report.label) : sealed}
      </p>
      {report.label && <p class="hint">{sealed}</p>}
      <p class="outbox-state">{t(`myReports.status.${status}`)}</p>
      <p>{t("myReports.receivedAt", { date: fmtDateTime(report.receivedAt) })}</p>
      <p class="receipt-code">{t("outbox.receiptCode", { code: receiptCode(report.sha256) })}</p>
      {report.photosDeclared > 0 && (
        <p class="hint">{t("myReports.photos", { received: report.photosReceived, total: report.photosDeclared })}</p>
      )}
      {questions !== "shown" && report.questionCount > 0 && (
        <p class="notice">{tp("myReports.hiddenQuestions", report.questionCount)}</p>
      )}
      {report.label && (
        <div class="add-details">
          <button type="button" class="secondary" onClick={onAddDetails} data-testid="add-details">
            {t("core.addDetails")}
          </button>
          <p class="hint">{t("core.addDetailsHint")}</p>
        </div>
      )}
      {report.questions.map((question) => (
        <QuestionCard key={question.questionId} reportId={report.reportId} question={question} />
      ))}
    </li>
  );
}
