/**
 * Sealing for the outbox: only a `RecipientList` (which only `verifyRecipientList` produces) can be
 * sealed to, so nothing here can encrypt to a key the root keys did not sign. Attachments go to the
 * recipient of their report's attachment identity (./attachmentIdentity.ts), whose secret only the
 * report, sealed to the list, carries.
 */
import type { RecipientList } from "../../shared/crypto";
import type { Report } from "../../shared/report/model";
import type { ReportV2 } from "../../shared/report/v2";

/** Pads and seals `plaintext` (a photo, a recording) to `recipients` (all of one kind). */
export async function sealTo(plaintext: Uint8Array, recipients: readonly string[]): Promise<Uint8Array<ArrayBuffer>> {
  // The crypto libraries are most of the app's weight: they load when the first photo or report is sealed.
  const { seal } = await import("../../shared/crypto");
  return new Uint8Array(await seal(plaintext, recipients));
}

/** Pads and seals `plaintext` to every recipient of the verified list. */
export async function sealToList(plaintext: Uint8Array, list: RecipientList): Promise<Uint8Array<ArrayBuffer>> {
  return sealTo(
    plaintext,
    list.recipients.map((entry) => entry.recipient),
  );
}

/** The report as UTF-8 JSON: what is sealed (and kept at rest until the receipt, for re-sealing). */
export function reportPlaintext(report: Report | ReportV2): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(report));
}
