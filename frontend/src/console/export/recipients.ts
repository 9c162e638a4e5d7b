/**
 * Whom a bundle is sealed to: the exporting reviewer's own recipient, derived from the unlocked
 * identity (never the one the server reports), and, when asked, the other reviewers of the newest
 * recipient list the pinned root keys signed. Classic and post-quantum keys are never mixed.
 */
import { recipientType, type RecipientList } from "../../shared/crypto";

/** The other reviewers' keys are not of the exporting reviewer's kind (X25519 vs post-quantum). */
export class MixedKeysError extends Error {
  override readonly name = "MixedKeysError";
}

export interface Addressee {
  name: string;
  recipient: string;
}

/** The reviewer first, then every other listed reviewer when `others` (each recipient once). */
export function exportRecipients(own: Addressee, list: RecipientList | null, others: boolean): Addressee[] {
  if (!others || list === null) return [own];
  const rest = list.recipients
    .filter((entry) => entry.recipient !== own.recipient)
    .map(({ name, recipient }) => ({ name, recipient }));
  if (rest.some((entry) => recipientType(entry.recipient) !== recipientType(own.recipient))) {
    throw new MixedKeysError("The listed reviewers' keys are not of this key's kind.");
  }
  return [own, ...rest];
}
