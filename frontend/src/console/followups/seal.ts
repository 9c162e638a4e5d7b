/**
 * Sealing a question and opening questions and answers. A question is sealed to the report's reply
 * recipient and, so the coalition can read its own questions back, to every recipient of the verified
 * list, in one age file. Kua never mixes X25519 and post-quantum recipients in one file
 * (docs/crypto.md): when the phone's reply key is of another kind than the list's, the question is
 * sealed for the phone only, and the console says it cannot show that question's text.
 */
import { base64 } from "@scure/base";

import { open, recipientType, seal, type RecipientList } from "../../shared/crypto";
import { TooLongError } from "../sealed/text";
import type { Question } from "./format";

/** The largest question or answer the server takes (an age file of at most 64 KiB). */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/** Who can open a sealed question: the family's phone and the listed reviewers, or the phone only. */
export type SealedFor = "family_and_reviewers" | "family_only";

export interface SealedQuestion {
  ciphertext: Uint8Array<ArrayBuffer>;
  sealedFor: SealedFor;
}

/** The recipients a question to `replyRecipient` is sealed to (never of two kinds). */
export function questionRecipients(
  replyRecipient: string,
  list: RecipientList,
): { recipients: string[]; sealedFor: SealedFor } {
  if (recipientType(replyRecipient) !== list.recipientType)
    return { recipients: [replyRecipient], sealedFor: "family_only" };
  const reviewers = list.recipients.map((entry) => entry.recipient).filter((recipient) => recipient !== replyRecipient);
  return { recipients: [replyRecipient, ...reviewers], sealedFor: "family_and_reviewers" };
}

/** Pads and seals `question` (UTF-8 JSON); TooLongError when it would exceed what the server takes. */
export async function sealQuestion(
  question: Question,
  replyRecipient: string,
  list: RecipientList,
): Promise<SealedQuestion> {
  const { recipients, sealedFor } = questionRecipients(replyRecipient, list);
  const ciphertext = new Uint8Array(await seal(new TextEncoder().encode(JSON.stringify(question)), recipients));
  if (ciphertext.length > MAX_MESSAGE_BYTES) throw new TooLongError("The question is too long to be sealed.");
  return { ciphertext, sealedFor };
}

/** Opens a sealed question or answer (bytes or standard base64) into its JSON value. */
export async function openMessage(ciphertext: Uint8Array | string, identity: string): Promise<unknown> {
  const bytes = typeof ciphertext === "string" ? base64.decode(ciphertext) : ciphertext;
  return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(await open(bytes, [identity]))) as unknown;
}
