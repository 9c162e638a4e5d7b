/**
 * Reading a report's plaintext, whatever its version: `readReport` gives v2 (docs/report-format.md,
 * "Versions"). A v2 report must pass the schema and its id checks; a v1 report, which had no schema,
 * gets the checks the console always made (the lists it walks are lists) and is upgraded, so that
 * every report already stored still opens.
 */
import { REPORT_FORMAT, REPORT_VERSION, type Report } from "./model";
import { withMedia } from "./media";
import { upgradeV1 } from "./upgrade";
import { checkReportV2, REPORT_V2, type ReportV2 } from "./v2";

/** The plaintext is not a `kua.report` this version of Kua reads; the message says why. */
export class ReportFormatError extends Error {
  override readonly name = "ReportFormatError";
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function checkV1(value: Record<string, unknown>): Report {
  for (const list of ["kinds", "victims", "injuries", "harmToRelatives", "otherPhotos"]) {
    if (!Array.isArray(value[list])) throw new ReportFormatError(`The report's ${list} is not a list.`);
  }
  for (const part of ["reporter", "consent", "when", "where", "perpetrators"]) {
    if (!isObject(value[part])) throw new ReportFormatError(`The report's ${part} is missing.`);
  }
  return value as unknown as Report;
}

/** A report as sealed (the phone's JSON, either version) beside its reading as v2. */
export interface ReadReport {
  sealed: Report | ReportV2;
  report: ReportV2;
}

/** The JSON of a report's plaintext (UTF-8 bytes) or an already parsed value, as v2. */
export function readReport(plaintext: unknown): ReportV2 {
  return readSealed(plaintext).report;
}

/** As `readReport`, keeping the JSON as sealed too (for a v2 report, the same object). */
export function readSealed(plaintext: unknown): ReadReport {
  let value: unknown = plaintext;
  if (plaintext instanceof Uint8Array) {
    try {
      value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plaintext));
    } catch {
      throw new ReportFormatError("The report is not UTF-8 JSON.");
    }
  }
  if (!isObject(value) || value.format !== REPORT_FORMAT) throw new ReportFormatError("Not a kua.report.");
  if (value.version === REPORT_VERSION) {
    const sealed = checkV1(value);
    return { sealed, report: upgradeV1(sealed) };
  }
  if (value.version !== REPORT_V2)
    throw new ReportFormatError(`kua.report version ${String(value.version)} is not known.`);
  const checked = checkReportV2(withMedia(value));
  if (checked.ok) return { sealed: checked.report, report: checked.report };
  const [first] = checked.problems;
  const more = checked.problems.length > 1 ? ` (and ${checked.problems.length - 1} more)` : "";
  throw new ReportFormatError(`The report's ${first!.path || "top level"} ${first!.message}${more}.`);
}
