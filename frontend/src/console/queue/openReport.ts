/**
 * Opening a report in the browser: the age file from the server, decrypted with the unlocked
 * identity, its Padmé padding removed (the reporter pads before sealing), then the `kua.report` v1
 * JSON (src/shared/report/model.ts).
 */
import { open } from "../../shared/crypto";
import { REPORT_FORMAT, REPORT_VERSION, type Report } from "../../shared/report/model";

/** The plaintext is not a `kua.report` this console reads. */
export class ReportFormatError extends Error {
  override readonly name = "ReportFormatError";
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Checks the format and version, and that the lists the console walks are lists. */
export function parseReport(plaintext: Uint8Array): Report {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plaintext));
  } catch {
    throw new ReportFormatError("The report is not UTF-8 JSON.");
  }
  if (!isObject(value) || value.format !== REPORT_FORMAT) throw new ReportFormatError("Not a kua.report.");
  if (value.version !== REPORT_VERSION)
    throw new ReportFormatError(`kua.report version ${String(value.version)} is not known.`);
  for (const list of ["kinds", "victims", "injuries", "harmToRelatives", "otherPhotos"]) {
    if (!Array.isArray(value[list])) throw new ReportFormatError(`The report's ${list} is not a list.`);
  }
  for (const part of ["reporter", "consent", "when", "where", "perpetrators"]) {
    if (!isObject(value[part])) throw new ReportFormatError(`The report's ${part} is missing.`);
  }
  return value as unknown as Report;
}

/** Decrypts, unpads and parses one report's age file. */
export async function openReport(ciphertext: Uint8Array, identity: string): Promise<Report> {
  return parseReport(await open(ciphertext, [identity]));
}
