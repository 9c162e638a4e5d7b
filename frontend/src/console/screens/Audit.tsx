/** The audit log (admins): every reviewer action, oldest first, with its chained hash. */
import { useEffect, useState } from "preact/hooks";

import type { AuditEntry } from "../apiTypes";
import { Problem } from "../components/Problem";
import { reviewerName, useConsole } from "../context";
import { fmtInstant, t } from "../i18n";

const PAGE = 200;

export function Audit() {
  const { api, reviewers } = useConsole();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);

  const load = async (after: number | undefined): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      const page = await api.audit(after === undefined ? { limit: PAGE } : { after, limit: PAGE });
      setEntries((list) => (after === undefined ? page : [...list, ...page]));
      setMore(page.length === PAGE);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void load(undefined);
  }, []);

  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p class="hint">{t("audit.hint")}</p>
      <Problem error={problem} />
      <table class="plain audit">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("audit.at")}</th>
            <th scope="col">{t("audit.actor")}</th>
            <th scope="col">{t("audit.action")}</th>
            <th scope="col">{t("audit.subject")}</th>
            <th scope="col">{t("audit.details")}</th>
            <th scope="col">{t("audit.hash")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq} data-testid="audit-row" data-seq={entry.seq} data-action={entry.action}>
              <td>{entry.seq}</td>
              <td>{fmtInstant(entry.at)}</td>
              <td>{reviewerName(reviewers, entry.actor_id)}</td>
              <td>{entry.action}</td>
              <td>
                <code>{entry.subject ?? "—"}</code>
              </td>
              <td>
                <code>
                  {entry.details && Object.keys(entry.details).length > 0 ? JSON.stringify(entry.details) : ""}
                </code>
              </td>
              <td>
                <code class="hash" title={entry.hash}>
                  {entry.hash.slice(0, 12)}…
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more && (
        <button
          type="button"
          class="secondary"
          disabled={busy}
          data-testid="audit-more"
          onClick={() => void load(entries.at(-1)?.seq)}
        >
          {t("audit.more")}
        </button>
      )}
    </>
  );
}
