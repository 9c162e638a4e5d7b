/**
 * A case and its reports as this browser holds them: the case book's entry (title opened), and
 * each linked report from the queue, fetched and opened on demand (the case view and the dossier).
 */
import { useEffect, useState } from "preact/hooks";

import type { OpenCase } from "../cases/book";
import { useConsole } from "../context";
import type { QueueEntry } from "../queue/entries";

export function useCaseReports(caseId: string): {
  item: OpenCase | undefined;
  entries: QueueEntry[];
  problem: unknown;
} {
  const { cases, queue } = useConsole();
  const [item, setItem] = useState<OpenCase | undefined>(cases.list().find((c) => c.case.case_id === caseId));
  const [entries, setEntries] = useState<QueueEntry[]>([]);
  const [problem, setProblem] = useState<unknown>(null);

  useEffect(() => cases.subscribe((list) => setItem(list.find((c) => c.case.case_id === caseId))), [caseId]);
  useEffect(() => {
    cases.load().catch(setProblem);
  }, [caseId]);

  const reportIds = item?.case.report_ids ?? [];
  useEffect(() => {
    let gone = false;
    const collect = (): void => {
      if (!gone) setEntries(reportIds.map((id) => queue.entry(id)).filter((e): e is QueueEntry => e !== undefined));
    };
    const unsubscribe = queue.subscribe(collect);
    for (const id of reportIds) queue.ensure(id).catch(setProblem);
    return () => {
      gone = true;
      unsubscribe();
    };
  }, [reportIds.join(",")]);

  return { item, entries, problem };
}
