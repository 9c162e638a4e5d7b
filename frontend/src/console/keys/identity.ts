/**
 * The reviewer's age identity (docs/review.md, "Keys"): generated in the browser, post-quantum
 * hybrid by default, and kept only as an age file sealed with the reviewer's passphrase (scrypt).
 *
 * The sealed file is in age-keygen layout (`# ` comments, then the secret line), so the backup the
 * console offers is what `kua open -i BACKUP --passphrase-file FILE` reads
 * (backend/kua/crypto/identity_file.py).
 */
import {
  Decrypter,
  Encrypter,
  generateHybridIdentity,
  generateX25519Identity,
  identityToRecipient,
} from "age-encryption";

export type IdentityKind = "pq" | "x25519";

/** scrypt work factor 2^18: about a second in a browser (docs/crypto.md). */
export const DEFAULT_WORK_FACTOR = 18;

/** The passphrase does not open the sealed identity. */
export class WrongPassphraseError extends Error {
  override readonly name = "WrongPassphraseError";
}

/** The file holds no age identity Kua supports. */
export class NotAnIdentityError extends Error {
  override readonly name = "NotAnIdentityError";
}

export interface KeyPair {
  readonly identity: string;
  readonly recipient: string;
}

const AGE_FILE = new TextEncoder().encode("age-encryption.org/v1\n");

/** A new identity and its recipient; post-quantum hybrid unless asked otherwise. */
export async function generateKeyPair(kind: IdentityKind = "pq"): Promise<KeyPair> {
  const identity = kind === "pq" ? await generateHybridIdentity() : await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

/** The recipient of an identity line; throws `NotAnIdentityError` if it is not one. */
export async function recipientOf(identity: string): Promise<string> {
  if (!/^AGE-SECRET-KEY-(PQ-)?1[0-9A-Z]+$/.test(identity)) throw new NotAnIdentityError("Not an age identity.");
  try {
    return await identityToRecipient(identity);
  } catch {
    throw new NotAnIdentityError("Not a valid age identity.");
  }
}

/** The identity file's text, as age-keygen and `kua keys reviewer-new` write it. */
export function identityFileText(pair: KeyPair, comment: string, createdAt: Date): string {
  return [
    `# ${comment}`,
    `# created: ${createdAt.toISOString().replace(/\.\d{3}Z$/, "Z")}`,
    `# public key: ${pair.recipient}`,
    pair.identity,
    "",
  ].join("\n");
}

/** Seals the identity file with `passphrase` (age scrypt). */
export async function sealIdentity(
  pair: KeyPair,
  passphrase: string,
  options: { comment: string; createdAt?: Date; workFactor?: number },
): Promise<Uint8Array<ArrayBuffer>> {
  const encrypter = new Encrypter();
  encrypter.setPassphrase(passphrase);
  encrypter.setScryptWorkFactor(options.workFactor ?? DEFAULT_WORK_FACTOR);
  const text = identityFileText(pair, options.comment, options.createdAt ?? new Date());
  return new Uint8Array(await encrypter.encrypt(text));
}

const isSealed = (file: Uint8Array): boolean => AGE_FILE.every((byte, i) => file[i] === byte);

/** The first identity line of an identity file's text (comments and blank lines skipped). */
export async function identityFromText(text: string): Promise<KeyPair> {
  const identity = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line !== "" && !line.startsWith("#"));
  if (identity === undefined) throw new NotAnIdentityError("The file holds no key.");
  return { identity, recipient: await recipientOf(identity) };
}

/**
 * Opens an identity file: sealed with a passphrase (what the console stores, or a key file of
 * `kua keys reviewer-new`), or plain text (a key kept in a vault). Throws `WrongPassphraseError`.
 */
export async function openIdentityFile(file: Uint8Array, passphrase: string): Promise<KeyPair> {
  if (!isSealed(file)) return identityFromText(new TextDecoder("utf-8", { fatal: true }).decode(file));
  const decrypter = new Decrypter();
  decrypter.addPassphrase(passphrase);
  let text: string;
  try {
    text = await decrypter.decrypt(file, "text");
  } catch (error) {
    if (error instanceof Error && /no identity matched/.test(error.message)) {
      throw new WrongPassphraseError("The passphrase does not open this key.");
    }
    throw new NotAnIdentityError(`The key file cannot be opened: ${String(error)}`);
  }
  return identityFromText(text);
}
