/**
 * Additions: a report the phone sends later to add details to an earlier one names it in `addsTo`
 * (a report id, or null). Read defensively: reports sealed before the field existed lack it.
 */
import type { ReportV2 } from "../../shared/report/v2";

/** The report this one adds details to, or null. */
export function addsToOf(report: ReportV2): string | null {
  const addsTo = (report as { addsTo?: unknown }).addsTo;
  return typeof addsTo === "string" && addsTo !== "" ? addsTo : null;
}

/** The ids of the decrypted reports that add to `reportId`, in the order given. */
export function additionsTo(reportId: string, entries: readonly { full: ReportV2 | null }[]): string[] {
  return entries.flatMap(({ full }) => (full && addsToOf(full) === reportId ? [full.reportId] : []));
}

/** A report id as the console shortens it (its first 8 characters, as in the report's title). */
export const shortId = (reportId: string): string => reportId.slice(0, 8);
