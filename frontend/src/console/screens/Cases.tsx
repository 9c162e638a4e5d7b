/** The coalition's cases (titles opened in the browser), and a new one. */
import { useEffect, useState } from "preact/hooks";

import type { OpenCase } from "../cases/book";
import { CaseCreate } from "../components/CaseCreate";
import { Problem } from "../components/Problem";
import { reviewerName, useConsole } from "../context";
import { ExportPanel } from "../export/ExportPanel";
import { fmtInstant, fmtNumber, t } from "../i18n";

export function Cases({ onOpen }: { onOpen: (caseId: string) => void }) {
  const { cases, reviewers } = useConsole();
  const [list, setList] = useState<readonly OpenCase[]>(cases.list());
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => cases.subscribe(setList), [cases]);
  useEffect(() => {
    cases.load(true).catch(setProblem);
  }, [cases]);

  const sorted = [...list].sort((a, b) => b.case.created_at.localeCompare(a.case.created_at));
  return (
    <>
      <h1>{t("cases.title")}</h1>
      <section class="card">
        <CaseCreate />
      </section>
      <Problem error={problem} />
      {sorted.length === 0 ? (
        <p class="muted">{t("cases.none")}</p>
      ) : (
        <table class="plain cases">
          <thead>
            <tr>
              <th scope="col">{t("cases.caseTitle")}</th>
              <th scope="col">{t("cases.reports")}</th>
              <th scope="col">{t("cases.created")}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((item) => (
              <tr key={item.case.case_id} data-testid="case-row" data-case-id={item.case.case_id}>
                <td>
                  <button type="button" class="link" onClick={() => onOpen(item.case.case_id)}>
                    {item.title ?? t("cases.unreadableTitle")}
                  </button>
                </td>
                <td>{fmtNumber(item.case.report_ids.length)}</td>
                <td>
                  {fmtInstant(item.case.created_at)} · {reviewerName(reviewers, item.case.created_by)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ExportPanel scope="archive" />
    </>
  );
}
