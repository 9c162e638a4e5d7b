/**
 * Sealing for the outbox: only a `RecipientList` (which only `verifyRecipientList` produces) can be
 * sealed to, so nothing here can encrypt to a key the root keys did not sign.
 */
import type { RecipientList } from "../../shared/crypto";
import type { Report } from "../../shared/report/model";
import type { ReportV2 } from "../../shared/report/v2";

/** Pads and seals `plaintext` (a photo) to every recipient of the verified list. */
export async function sealToList(plaintext: Uint8Array, list: RecipientList): Promise<Uint8Array<ArrayBuffer>> {
  // The crypto libraries are most of the app's weight: they load when the first photo or report is sealed.
  const { seal } = await import("../../shared/crypto");
  const ciphertext = await seal(
    plaintext,
    list.recipients.map((entry) => entry.recipient),
  );
  return new Uint8Array(ciphertext);
}

/** The report as UTF-8 JSON: what is sealed (and kept at rest until the receipt, for re-sealing). */
export function reportPlaintext(report: Report | ReportV2): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(JSON.stringify(report));
}
