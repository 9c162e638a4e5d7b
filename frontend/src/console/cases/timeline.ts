/**
 * A case's timeline: the dated moments of every linked report (the incident, detention, release,
 * search, interrogation, injuries, harm to relatives), merged and ordered by when they happened as
 * the reporters gave it. Moments without a known time are left out; a report whose own time is
 * unknown still shows, last.
 */
import type { Report, When } from "../../shared/report/model";
import { whenKey } from "../queue/entries";

export interface TimelineEvent {
  reportId: string;
  /** Catalog key of what happened ("timeline.incident", "timeline.detention"...). */
  what: string;
  when: When;
  /** Sortable local time ("2020-04-28T12:00"), null when unknown. */
  at: string | null;
}

/** The dated moments of one report. */
export function reportTimeline(reportId: string, report: Report): TimelineEvent[] {
  const moments: [string, When | null | undefined][] = [
    ["timeline.incident", report.when],
    ["timeline.detention", report.detention?.when],
    ["timeline.release", report.detention?.releasedAt],
    ["timeline.searchStart", report.search?.start],
    ["timeline.searchEnd", report.search?.end],
    ["timeline.interrogation", report.interrogation?.start],
    ...report.injuries.map((injury): [string, When | null] => ["timeline.injury", injury.happened]),
    ...report.harmToRelatives.map((harm): [string, When | null] => ["timeline.harm", harm.when]),
  ];
  return moments.flatMap(([what, when], index) => {
    const at = whenKey(when);
    // The incident itself always shows; other moments only with a known time.
    if (!when || (at === null && index > 0)) return [];
    return [{ reportId, what, when, at }];
  });
}

/** Every report's moments, oldest first; unknown times last, in report order. */
export function mergedTimeline(reports: readonly { reportId: string; report: Report }[]): TimelineEvent[] {
  const events = reports.flatMap(({ reportId, report }) => reportTimeline(reportId, report));
  return events
    .map((event, order) => ({ event, order }))
    .sort((a, b) => {
      const [x, y] = [a.event.at, b.event.at];
      if (x === null || y === null) return x === y ? a.order - b.order : x === null ? 1 : -1;
      return x.localeCompare(y) || a.order - b.order;
    })
    .map(({ event }) => event);
}
