/**
 * The two kinds of age recipient Kua seals to, and the rule that one file never mixes them
 * (docs/crypto.md, "age v1": mixing would lose the post-quantum protection).
 */
import { bech32 } from "@scure/base";

/** `x25519` for classic `age1...` recipients, `pq` for hybrid `age1pq1...` (ML-KEM-768 + X25519). */
export type RecipientType = "x25519" | "pq";

/** Bech32 prefix and public key length of each recipient type. */
const ENCODINGS: Record<RecipientType, { prefix: string; keyLength: number }> = {
  x25519: { prefix: "age", keyLength: 32 },
  pq: { prefix: "age1pq", keyLength: 1184 + 32 },
};

/** Raised for a recipient Kua cannot seal to, or a set of recipients it must not seal to together. */
export class RecipientError extends Error {
  override readonly name = "RecipientError";
}

/** Type of a canonical (lower-case Bech32) X25519 or hybrid recipient; throws `RecipientError` otherwise. */
export function recipientType(recipient: string): RecipientType {
  const type: RecipientType | null = recipient.startsWith("age1pq1")
    ? "pq"
    : recipient.startsWith("age1")
      ? "x25519"
      : null;
  if (type === null || recipient !== recipient.toLowerCase()) {
    throw new RecipientError("A recipient must be a lower-case age1... or age1pq1... string.");
  }
  const { prefix, keyLength } = ENCODINGS[type];
  let decoded: { prefix: string; words: number[] };
  try {
    decoded = bech32.decode(recipient as `${string}1${string}`, false);
  } catch {
    throw new RecipientError("A recipient is not valid Bech32.");
  }
  if (decoded.prefix !== prefix || bech32.fromWordsUnsafe(decoded.words)?.length !== keyLength) {
    throw new RecipientError(`A recipient is not a valid ${type} age recipient.`);
  }
  return type;
}

/** Type shared by all `recipients`; throws `RecipientError` if the list is empty or mixes types. */
export function commonRecipientType(recipients: readonly string[]): RecipientType {
  const [first, ...rest] = recipients;
  if (first === undefined) {
    throw new RecipientError("At least one recipient is needed.");
  }
  const type = recipientType(first);
  for (const recipient of rest) {
    if (recipientType(recipient) !== type) {
      throw new RecipientError("X25519 and post-quantum recipients must not be mixed in one file.");
    }
  }
  return type;
}
