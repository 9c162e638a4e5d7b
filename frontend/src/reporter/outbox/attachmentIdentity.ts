/**
 * A report's own attachment identity (docs/crypto.md, "One recipient per report"): every photo,
 * document and recording of a draft is sealed to this one recipient, and its secret travels inside
 * the report, which is sealed to the whole verified list. A file's header then carries one stanza
 * whatever the number of reviewers (a post-quantum stanza is 1,557 B: 31 KB per file at 20 reviewers).
 */
import type { RecipientList } from "../../shared/crypto";
import { commonRecipientType } from "../../shared/crypto/recipientType";

/** A fresh identity of the list's kind: hybrid post-quantum for a post-quantum list, else X25519. */
export async function newAttachmentIdentity(list: RecipientList): Promise<string> {
  const { generateHybridIdentity, generateX25519Identity } = await import("age-encryption");
  const kind = commonRecipientType(list.recipients.map((entry) => entry.recipient));
  return kind === "pq" ? generateHybridIdentity() : generateX25519Identity();
}

/** The recipients an attachment sealed with `identity` goes to: its own recipient, alone. */
export async function attachmentRecipients(identity: string): Promise<readonly string[]> {
  const { identityToRecipient } = await import("age-encryption");
  return [await identityToRecipient(identity)];
}
