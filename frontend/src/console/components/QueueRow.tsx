/** One report in the queue: what the decrypted report says beside the triage facts. */
import { reviewerName, useConsole } from "../context";
import { hasNewAnswer, seenAnswers } from "../followups/seen";
import { fmtInstant, fmtWhen, t } from "../i18n";
import type { QueueEntry } from "../queue/entries";
import { placeText } from "./reportText";

interface Props {
  entry: QueueEntry;
  caseTitles: ReadonlyMap<string, string>;
  onOpen: (reportId: string) => void;
}

export function QueueRow({ entry, caseTitles, onOpen }: Props) {
  const { reviewers } = useConsole();
  const { meta, report } = entry;
  const open = (): void => onOpen(meta.report_id);
  const newAnswer = hasNewAnswer(meta.followups, seenAnswers.seenAt(meta.report_id));
  return (
    <tr
      class={report?.happeningNow ? "queue-row now" : "queue-row"}
      data-testid="queue-row"
      data-report-id={meta.report_id}
      data-state={entry.state}
      data-happening-now={report?.happeningNow ? "1" : undefined}
      data-new-answer={newAnswer ? "1" : undefined}
      onClick={open}
    >
      <td>
        <button
          type="button"
          class="link"
          onClick={(event) => {
            event.stopPropagation(); // the row's own click would open it twice
            open();
          }}
        >
          {fmtInstant(meta.received_at)}
        </button>
        {report?.happeningNow && <span class="badge">{t("report.happeningNow")}</span>}
        {newAnswer && <span class="badge new-answer">{t("followups.newAnswer")}</span>}
      </td>
      <td>
        {entry.state === "opening" && <span class="muted">{t("queue.openingOne")}</span>}
        {entry.state === "unreadable" && (
          <span class="problem-inline">{t(`queue.problems.${entry.problem ?? "cannot_open"}`)}</span>
        )}
        {report && report.kinds.map((kind) => t(`kinds.${kind}`)).join("; ")}
      </td>
      <td>
        {report && (
          <>
            {fmtWhen(report.when)}
            <br />
            {placeText(report.where)}
          </>
        )}
      </td>
      <td>
        {report &&
          (report.victims
            .map((victim) => victim.name)
            .filter(Boolean)
            .join(", ") ||
            report.victims.length ||
            "—")}
      </td>
      <td class="triage-cell">
        <span class={`status status-${meta.status}`}>{t(`statuses.${meta.status}`)}</span>{" "}
        <span class={`priority priority-${meta.priority}`}>{t(`priorities.${meta.priority}`)}</span>
        <br />
        {meta.assignee_id && <span>{reviewerName(reviewers, meta.assignee_id)} </span>}
        {meta.labels.map((label) => (
          <span key={label} class="label-chip">
            {label}
          </span>
        ))}
        {meta.case_id && <span class="case-chip">{caseTitles.get(meta.case_id) ?? t("cases.case")}</span>}
      </td>
    </tr>
  );
}
