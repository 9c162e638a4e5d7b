/** The queue's search box, sort and filters (all applied in the browser). */
import { GAZETTEER, type IncidentKind } from "../../shared/report/model";
import type { OpenCase } from "../cases/book";
import { useConsole } from "../context";
import { t } from "../i18n";
import { labelsIn, NONE, SORT_KEYS, type QueueEntry, type QueueFilter, type SortKey } from "../queue/entries";
import { STATUSES } from "../triage/transitions";
import { Field, Select } from "./Field";

export const KINDS: readonly IncidentKind[] = [
  "detention",
  "search",
  "interrogation",
  "torture",
  "threats",
  "paperwork",
  "harm_to_relatives",
  "other",
];

interface Props {
  entries: readonly QueueEntry[];
  cases: readonly OpenCase[];
  filter: QueueFilter;
  sort: SortKey;
  onFilter: (filter: QueueFilter) => void;
  onSort: (sort: SortKey) => void;
}

export function QueueFilters({ entries, cases, filter, sort, onFilter, onSort }: Props) {
  const { reviewers } = useConsole();
  const any = { value: "" as const, label: t("queue.any") };
  const none = { value: NONE as string, label: t("queue.none") };
  const set =
    <K extends keyof QueueFilter>(key: K) =>
    (value: QueueFilter[K]) =>
      onFilter({ ...filter, [key]: value });
  return (
    <div class="filters">
      <div class="filters-search">
        <Field
          label={t("queue.search")}
          type="search"
          hint={t("queue.searchHint")}
          value={filter.text}
          onInput={set("text")}
          testid="queue-search"
        />
      </div>
      <Select
        label={t("queue.sort")}
        value={sort}
        options={SORT_KEYS.map((key) => ({ value: key, label: t(`queue.sorts.${key}`) }))}
        onChange={onSort}
        testid="queue-sort"
      />
      <Select
        label={t("queue.kind")}
        value={filter.kind}
        options={[any, ...KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))]}
        onChange={set("kind")}
        testid="queue-filter-kind"
      />
      <Select
        label={t("queue.village")}
        value={filter.village}
        options={[
          any,
          ...[...GAZETTEER, "other" as const].map((village) => ({ value: village, label: t(`villages.${village}`) })),
        ]}
        onChange={set("village")}
        testid="queue-filter-village"
      />
      <Select
        label={t("queue.status")}
        value={filter.status}
        options={[any, ...STATUSES.map((status) => ({ value: status, label: t(`statuses.${status}`) }))]}
        onChange={set("status")}
        testid="queue-filter-status"
      />
      <Select
        label={t("queue.assignee")}
        value={filter.assignee}
        options={[any, none, ...[...reviewers.values()].map((r) => ({ value: r.id, label: r.name }))]}
        onChange={set("assignee")}
        testid="queue-filter-assignee"
      />
      <Select
        label={t("queue.label")}
        value={filter.label}
        options={[any, ...labelsIn(entries).map((label) => ({ value: label, label }))]}
        onChange={set("label")}
        testid="queue-filter-label"
      />
      <Select
        label={t("queue.case")}
        value={filter.caseId}
        options={[
          any,
          none,
          ...cases.map((item) => ({ value: item.case.case_id, label: item.title ?? t("cases.unreadableTitle") })),
        ]}
        onChange={set("caseId")}
        testid="queue-filter-case"
      />
    </div>
  );
}
