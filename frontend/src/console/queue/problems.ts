/** Why a report could not be opened, as a stable code the console translates. */
import { ReportFormatError } from "./openReport";

/** A report a worker could not open: carries the worker's code back to the page. */
export class OpenProblem extends Error {
  override readonly name = "OpenProblem";

  constructor(readonly code: string) {
    super(`The report could not be opened (${code}).`);
  }
}

export function problemOf(error: unknown): string {
  if (error instanceof OpenProblem) return error.code;
  if (error instanceof ReportFormatError) return "malformed";
  if (error instanceof Error && /no identity matched/.test(error.message)) return "not_for_this_key";
  if (error instanceof Error && error.name === "ApiError") return "fetch_failed";
  return "cannot_open";
}
