/**
 * The queue: every report opened in the browser, "happening now" first, with a search box, a sort
 * and filters on what only the decrypted reports say (kind, village) and on the triage facts
 * (status, assignee, label, case). Nothing of the search leaves the browser.
 */
import { useEffect, useState } from "preact/hooks";

import { QueueFilters } from "../components/QueueFilters";
import { QueueRow } from "../components/QueueRow";
import { useConsole } from "../context";
import { GrantAll } from "../grants/GrantAll";
import { fmtNumber, t } from "../i18n";
import type { OpenCase } from "../cases/book";
import { visibleEntries, type QueueFilter, type SortKey } from "../queue/entries";

export function Queue({ onOpen }: { onOpen: (reportId: string) => void }) {
  const { queue, cases } = useConsole();
  const [view, setView] = useState(queue.view());
  const [filter, setFilterState] = useState<QueueFilter>(queue.filter);
  const [sort, setSortState] = useState<SortKey>(queue.sort);
  const [caseList, setCaseList] = useState<readonly OpenCase[]>(cases.list());

  useEffect(() => queue.subscribe(setView), [queue]);
  useEffect(() => cases.subscribe(setCaseList), [cases]);
  useEffect(() => {
    void queue.load();
    void cases.load().catch(() => undefined);
  }, [queue, cases]);

  const setFilter = (next: QueueFilter): void => {
    queue.filter = next;
    setFilterState(next);
  };
  const setSort = (next: SortKey): void => {
    queue.sort = next;
    setSortState(next);
  };

  const shown = visibleEntries(view.entries, filter, sort, t);
  const opening = view.entries.filter((entry) => entry.state === "opening").length;
  const caseTitles = new Map(caseList.map((item) => [item.case.case_id, item.title ?? item.case.case_id.slice(0, 8)]));

  return (
    <>
      <h1>{t("queue.title")}</h1>
      <QueueFilters
        entries={view.entries}
        cases={caseList}
        filter={filter}
        sort={sort}
        onFilter={setFilter}
        onSort={setSort}
      />
      <p class="queue-count" role="status" data-testid="queue-count">
        {t("queue.count", { shown: fmtNumber(shown.length), total: fmtNumber(view.entries.length) })}
        {opening > 0 && ` · ${t("queue.opening", { n: fmtNumber(opening) })}`}
        {view.loading && ` · ${t("console.loading")}`}
      </p>
      {view.failure && (
        <p class="problem" role="alert">
          {t("queue.loadFailed")}
        </p>
      )}
      <table class="queue">
        <thead>
          <tr>
            <th scope="col">{t("queue.received")}</th>
            <th scope="col">{t("queue.what")}</th>
            <th scope="col">{t("queue.whenWhere")}</th>
            <th scope="col">{t("queue.victims")}</th>
            <th scope="col">{t("queue.triage")}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((entry) => (
            <QueueRow key={entry.meta.report_id} entry={entry} caseTitles={caseTitles} onOpen={onOpen} />
          ))}
        </tbody>
      </table>
      {shown.length === 0 && !view.loading && <p class="muted">{t("queue.empty")}</p>}
      <div class="row">
        {view.more && (
          <button
            type="button"
            class="secondary"
            disabled={view.loading}
            data-testid="queue-more"
            onClick={() => void queue.loadMore()}
          >
            {t("queue.more")}
          </button>
        )}
        <button
          type="button"
          class="link"
          disabled={view.loading}
          data-testid="queue-refresh"
          onClick={() => void queue.load(true)}
        >
          {t("queue.refresh")}
        </button>
      </div>
      <GrantAll />
    </>
  );
}
