/**
 * The queue's "Share everything I can read with reviewers who joined later": every opened report,
 * one after another, with a count of how far it has come.
 */
import { useState } from "preact/hooks";

import { useConsole } from "../context";
import { fmtNumber, t } from "../i18n";
import { grantEverything, type GrantProgress } from "./grants";

export function GrantAll() {
  const { api, keyring, reviewer, recipientList, queue } = useConsole();
  const [progress, setProgress] = useState<GrantProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [failed, setFailed] = useState(false);

  const start = async (): Promise<void> => {
    setRunning(true);
    setFailed(false);
    try {
      const readable = queue
        .view()
        .entries.filter((entry) => entry.state === "open")
        .map((entry) => ({ reportId: entry.meta.report_id, attachments: entry.meta.attachments }));
      const list = await recipientList();
      await grantEverything(api, () => keyring.identity(), reviewer.recipient, list, readable, setProgress);
    } catch {
      setFailed(true);
    } finally {
      setRunning(false);
    }
  };

  return (
    <div class="row">
      <button type="button" class="secondary" disabled={running} data-testid="grant-all" onClick={() => void start()}>
        {t("grants.all")}
      </button>
      {progress && (
        <span
          role="status"
          data-testid="grant-all-progress"
          data-done={progress.done}
          data-total={progress.total}
          data-granted={progress.granted}
          data-failed={progress.failed}
        >
          {t("grants.progress", {
            done: fmtNumber(progress.done),
            total: fmtNumber(progress.total),
            granted: fmtNumber(progress.granted),
          })}
          {progress.failed > 0 && ` · ${t("grants.failedCount", { n: fmtNumber(progress.failed) })}`}
        </span>
      )}
      {failed && (
        <span class="problem" role="alert">
          {t("grants.allFailed")}
        </span>
      )}
    </div>
  );
}
