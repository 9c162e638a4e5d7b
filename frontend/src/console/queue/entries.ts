/**
 * The queue as the reviewer sees it: each report's server facts beside its decrypted content,
 * searched, filtered and sorted in the browser only ("happening now" always first). The server
 * never learns what was searched.
 */
import type { ReportMeta, Status } from "../apiTypes";
import type { IncidentKind, Report, Village, When } from "../../shared/report/model";
import type { ReportV2 } from "../../shared/report/v2";
import { PRIORITY_RANK } from "../triage/transitions";

export type EntryState = "opening" | "open" | "unreadable";

export interface QueueEntry {
  meta: ReportMeta;
  state: EntryState;
  /** The decrypted report as today's screens read it (its v1 view); null until opened, or when it cannot be. */
  report: Report | null;
  /** The same report read as v2, every field kept (src/shared/report/read.ts). */
  full: ReportV2 | null;
  /** Its JSON as the phone sealed it, either version: what an export holds, byte for byte. */
  sealed: Report | ReportV2 | null;
  /** Why it cannot be opened ("not_for_this_key", "malformed", "fetch_failed"). */
  problem: string | null;
}

export type SortKey = "received_desc" | "received_asc" | "when_desc" | "priority";
export const SORT_KEYS: readonly SortKey[] = ["received_desc", "received_asc", "when_desc", "priority"];

/** "" means any; `NONE` matches an empty assignee or case. */
export interface QueueFilter {
  text: string;
  kind: IncidentKind | "";
  village: Village | "";
  status: Status | "";
  assignee: string;
  label: string;
  caseId: string;
}

export const NONE = "-";

export const NO_FILTER: QueueFilter = {
  text: "",
  kind: "",
  village: "",
  status: "",
  assignee: "",
  label: "",
  caseId: "",
};

/** Every free text of a report, lower case, for the search box; `label` names ids (villages). */
export function searchableText(report: Report, label: (key: string) => string = (key) => key): string {
  const parts: (string | null | undefined)[] = [
    report.account,
    report.where.other,
    report.where.village ? label(`villages.${report.where.village}`) : null,
    report.reporter.relationToVictim,
    report.reporter.safeContact,
    report.perpetrators.agency,
    report.perpetrators.unit,
    report.perpetrators.vehicles,
    report.perpetrators.namesOrDescriptions,
    report.detention?.takenTo,
    report.search?.itemsSeized,
    report.search?.present,
    report.interrogation?.threats,
    report.torture?.object,
    report.torture?.details,
    report.medical?.symptoms,
    ...report.victims.flatMap((victim) => [victim.name, victim.relationToReporter, victim.health]),
    ...report.injuries.flatMap((injury) => [injury.shape, injury.colour, injury.observedBy]),
    ...report.harmToRelatives.flatMap((harm) => [harm.who, harm.details]),
    report.where.placeType ? label(`placeTypes.${report.where.placeType}`) : null,
    ...report.kinds.map((kind) => label(`kinds.${kind}`)),
    ...(report.torture?.methods ?? []).map((method) => label(`methods.${method}`)),
    ...report.injuries.flatMap((injury) => [
      label(`regions.${injury.region}`),
      injury.type ? label(`injuryTypes.${injury.type}`) : null,
    ]),
  ];
  return parts
    .filter((part): part is string => typeof part === "string" && part !== "")
    .join("\n")
    .toLocaleLowerCase();
}

/** Whether an entry passes the filter. Content filters never match a report not yet opened. */
export function matches(entry: QueueEntry, filter: QueueFilter, label?: (key: string) => string): boolean {
  const { meta, report } = entry;
  if (filter.status && meta.status !== filter.status) return false;
  if (filter.assignee && (meta.assignee_id ?? NONE) !== filter.assignee) return false;
  if (filter.caseId && (meta.case_id ?? NONE) !== filter.caseId) return false;
  if (filter.label && !meta.labels.includes(filter.label)) return false;
  const needsContent = filter.kind !== "" || filter.village !== "" || filter.text.trim() !== "";
  if (!needsContent) return true;
  if (report === null) return false;
  if (filter.kind && !report.kinds.includes(filter.kind)) return false;
  if (filter.village && report.where.village !== filter.village) return false;
  const words = filter.text.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = `${searchableText(report, label)}\n${meta.report_id}\n${meta.labels.join("\n").toLocaleLowerCase()}`;
  return words.every((word) => haystack.includes(word));
}

/** A When as a sortable string ("2020-04-28T12:00"), or null when unknown. */
export function whenKey(when: When | null | undefined): string | null {
  return when && when.precision !== "unknown" && when.value ? when.value : null;
}

const happeningNow = (entry: QueueEntry): number => (entry.report?.happeningNow ? 0 : 1);

/** Sorted by `key`, every "happening now" report first; ties keep the newest received first. */
export function sortEntries(entries: readonly QueueEntry[], key: SortKey): QueueEntry[] {
  const received = (a: QueueEntry, b: QueueEntry): number => b.meta.received_at.localeCompare(a.meta.received_at);
  const byKey: Record<SortKey, (a: QueueEntry, b: QueueEntry) => number> = {
    received_desc: received,
    received_asc: (a, b) => -received(a, b),
    when_desc: (a, b) => {
      const [x, y] = [whenKey(a.report?.when), whenKey(b.report?.when)];
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return y.localeCompare(x);
    },
    priority: (a, b) => PRIORITY_RANK[b.meta.priority] - PRIORITY_RANK[a.meta.priority],
  };
  return [...entries].sort((a, b) => happeningNow(a) - happeningNow(b) || byKey[key](a, b) || received(a, b));
}

/** The entries the queue shows: filtered, then sorted. */
export function visibleEntries(
  entries: readonly QueueEntry[],
  filter: QueueFilter,
  sort: SortKey,
  label?: (key: string) => string,
): QueueEntry[] {
  return sortEntries(
    entries.filter((entry) => matches(entry, filter, label)),
    sort,
  );
}

/** Every label used in the queue, sorted (the label filter's choices). */
export function labelsIn(entries: readonly QueueEntry[]): string[] {
  return [...new Set(entries.flatMap((entry) => entry.meta.labels))].sort((a, b) => a.localeCompare(b));
}
