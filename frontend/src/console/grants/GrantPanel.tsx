/**
 * "Share with reviewers who joined later" on a report this reviewer can read: the recipients of the
 * current verified list who were not listed when it arrived and were not granted it yet, by name; one
 * click re-wraps the report and its attachments for them (src/console/grants/grants.ts).
 */
import { useEffect, useState } from "preact/hooks";

import type { RecipientListEntry } from "../../shared/crypto";
import { Problem } from "../components/Problem";
import type { ReportMeta } from "../apiTypes";
import { useConsole } from "../context";
import { t } from "../i18n";
import { grantReport, joinedLater } from "./grants";

type State = "loading" | "none" | "ready" | "busy" | "done" | "failed";

export function GrantPanel({ meta }: { meta: ReportMeta }) {
  const { api, keyring, reviewer, recipientList } = useConsole();
  const [state, setState] = useState<State>("loading");
  const [missing, setMissing] = useState<readonly RecipientListEntry[]>([]);
  const [problem, setProblem] = useState<unknown>(null);

  const look = async (): Promise<void> => {
    const later = joinedLater(await recipientList(), reviewer.recipient, await api.reportGrants(meta.report_id));
    setMissing(later);
    setState(later.length > 0 ? "ready" : "none");
  };

  useEffect(() => {
    setState("loading");
    look().catch((error: unknown) => {
      setProblem(error);
      setState("failed");
    });
  }, [meta.report_id]);

  const share = async (): Promise<void> => {
    setState("busy");
    setProblem(null);
    try {
      await grantReport(api, keyring.identity(), meta.report_id, meta.attachments, missing);
      setState("done");
    } catch (error) {
      setProblem(error);
      setState("failed");
    }
  };

  return (
    <section class="card" aria-labelledby="grant-title" data-testid="grant-panel" data-state={state}>
      <h2 id="grant-title">{t("grants.title")}</h2>
      {state === "loading" && <p class="muted">{t("console.loading")}</p>}
      {state === "none" && <p class="muted">{t("grants.none")}</p>}
      {(state === "ready" || state === "busy" || state === "done") && (
        <>
          <p>{t(state === "done" ? "grants.done" : "grants.who")}</p>
          <ul>
            {missing.map((entry) => (
              <li key={entry.keyId} data-testid="grant-recipient" data-key-id={entry.keyId}>
                {entry.name}
              </li>
            ))}
          </ul>
        </>
      )}
      {(state === "ready" || state === "busy") && (
        <>
          <p class="muted">{t("grants.explain")}</p>
          <button type="button" disabled={state === "busy"} data-testid="grant-share" onClick={() => void share()}>
            {state === "busy" ? t("grants.sharing") : t("grants.share")}
          </button>
        </>
      )}
      {problem !== null && (
        <div data-testid="grant-problem">
          <Problem error={problem} />
        </div>
      )}
    </section>
  );
}
