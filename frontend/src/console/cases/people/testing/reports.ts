/** Small v2 reports for the people tests: a report id, when it happened, and its people. */
import { blank, emptyDraftV2 } from "../../../../shared/report/draftV2";
import type { Person, ReportV2 } from "../../../../shared/report/v2";
import type { CaseReport } from "../peopleMap";

/** A person of a report, unanswered but for `changes`. */
export function aPerson(id: string, changes: Partial<Person> = {}): Person {
  return { ...blank.person(id), ...changes };
}

/** A report of `people`, about events on `when` (a date or null), written on 2020-05-01. */
export function aCaseReport(reportId: string, people: Person[], when: string | null = "2020-04-28"): CaseReport {
  const {
    draftId: _d,
    updatedAt: _u,
    step: _s,
    ...draft
  } = emptyDraftV2("ru", reportId, new Date("2020-05-01T10:00:00Z"));
  const report: ReportV2 = {
    ...draft,
    reportId,
    deviceTime: "2020-05-01T16:00:00+06:00",
    reply: null,
    when: when === null ? { precision: "unknown", value: null } : { precision: "exact", value: when },
    people,
  };
  return { reportId, report };
}
