/**
 * Note texts and case titles: UTF-8, padded and sealed in the browser to the verified recipient
 * list, like reports (docs/review.md); opened with the reviewer's unlocked identity.
 */
import { base64 } from "@scure/base";

import { open, seal, type RecipientList } from "../../shared/crypto";

/** The largest note the server takes (docs/review.md: an age file of at most 64 KiB). */
export const MAX_NOTE_BYTES = 64 * 1024;

/** The sealed text is larger than the server takes. */
export class TooLongError extends Error {
  override readonly name = "TooLongError";
}

/** Pads and seals `text` to every recipient of the verified list. */
export async function sealText(
  text: string,
  list: RecipientList,
  maxBytes = MAX_NOTE_BYTES,
): Promise<Uint8Array<ArrayBuffer>> {
  const ciphertext = new Uint8Array(
    await seal(
      new TextEncoder().encode(text),
      list.recipients.map((entry) => entry.recipient),
    ),
  );
  if (ciphertext.length > maxBytes) throw new TooLongError("The text is too long to be sealed as one note.");
  return ciphertext;
}

/** Opens a sealed text given as bytes or as the API's standard base64. */
export async function openText(ciphertext: Uint8Array | string, identity: string): Promise<string> {
  const bytes = typeof ciphertext === "string" ? base64.decode(ciphertext) : ciphertext;
  return new TextDecoder("utf-8", { fatal: true }).decode(await open(bytes, [identity]));
}
