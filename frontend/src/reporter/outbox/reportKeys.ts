/**
 * The keys a report gets when it is sealed (src/reporter/store/reportKeys.ts keeps them): a reporter token
 * (32 random bytes, base64url without padding) whose SHA-256 goes with the report PUT, so that later
 * only this phone can ask for the report's status and answer its questions; and an age identity
 * whose recipient goes inside the sealed report, so that only this phone can read the reviewers'
 * questions. The identity is of the recipient list's kind (post-quantum hybrid for a post-quantum
 * list): a question is sealed to it and to the list together, and one file never mixes the kinds.
 */
import type { ReportKeys } from "../store/reportKeys";
import { sha256Hex } from "../../shared/crypto/digest";

const TOKEN_BYTES = 32;

/** Standard base64 turned into base64url without padding. */
function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A fresh reporter token: 43 characters of base64url. */
export function drawReporterToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(TOKEN_BYTES));
  try {
    return base64url(bytes);
  } finally {
    bytes.fill(0);
  }
}

/** Lowercase hex SHA-256 of the token's ASCII text (the `Kua-Reporter-Token-Sha256` header). */
export function reporterTokenSha256(token: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(token));
}

/** A report's fresh keys and the recipient of its reply identity (of the kind of `listRecipients`). */
export async function drawReportKeys(
  listRecipients: readonly string[],
): Promise<{ keys: ReportKeys; replyRecipient: string }> {
  // age-encryption and the recipient checks are in the crypto chunk that sealing loads anyway.
  const [{ generateHybridIdentity, generateX25519Identity, identityToRecipient }, { commonRecipientType }] =
    await Promise.all([import("age-encryption"), import("../../shared/crypto/recipientType")]);
  const pq = commonRecipientType(listRecipients) === "pq";
  const replyIdentity = pq ? await generateHybridIdentity() : await generateX25519Identity();
  return {
    keys: { reporterToken: drawReporterToken(), replyIdentity },
    replyRecipient: await identityToRecipient(replyIdentity),
  };
}
