/**
 * Opening a report in the browser: the age file from the server, decrypted with the unlocked
 * identity, its Padmé padding removed (the reporter pads before sealing), then read as a
 * `kua.report` of either version (src/shared/report/read.ts): its JSON as sealed, and v2.
 */
import { open } from "../../shared/crypto";
import { readSealed, type ReadReport } from "../../shared/report/read";

export { ReportFormatError } from "../../shared/report/read";

/** A report's plaintext, v1 or v2, as sealed and as v2; ReportFormatError says what is wrong. */
export function parseReport(plaintext: Uint8Array): ReadReport {
  return readSealed(plaintext);
}

/** Decrypts, unpads and reads one report's age file. */
export async function openReport(ciphertext: Uint8Array, identity: string): Promise<ReadReport> {
  return parseReport(await open(ciphertext, [identity]));
}
