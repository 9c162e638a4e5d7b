/**
 * Sealing and opening age v1 files (docs/crypto.md, "age v1"), with the `age-encryption` package.
 *
 * `seal` pads the plaintext (Padmé) and encrypts it to every recipient of one type; `open` decrypts
 * and removes the padding. Decryption works on whole files in memory: the promise resolves only
 * after every STREAM chunk, the final one included, has been authenticated, so no unauthenticated
 * plaintext is ever released.
 */
import { Decrypter, Encrypter, type ReadableStreamWithSize } from "age-encryption";

import { pad, padStream, paddedLength, unpad } from "./padding";
import { commonRecipientType } from "./recipientType";

/** Encrypts `plaintext` as is (no padding) to every recipient, all of one type. */
export async function sealRaw(plaintext: Uint8Array, recipients: readonly string[]): Promise<Uint8Array> {
  commonRecipientType(recipients);
  const encrypter = new Encrypter();
  for (const recipient of recipients) {
    encrypter.addRecipient(recipient);
  }
  return encrypter.encrypt(plaintext);
}

/** Pads `plaintext` (Padmé) and encrypts it to every recipient, all X25519 or all post-quantum. */
export async function seal(plaintext: Uint8Array, recipients: readonly string[]): Promise<Uint8Array> {
  commonRecipientType(recipients);
  return sealRaw(pad(plaintext), recipients);
}

/** A sealed stream and the exact length of the age file it will produce. */
export interface SealedStream {
  ciphertext: ReadableStream<Uint8Array>;
  /** Bytes of the whole age file (header included), known before any byte is read. */
  bytes: number;
}

/**
 * `seal` as a stream: pads `content` (exactly `contentLength` bytes) with Padmé on the way and
 * encrypts it to every recipient, all of one type, one 64 KiB STREAM chunk at a time. `content` is
 * asked for its next chunk only once the cipher has copied the previous one (./padding.ts padStream).
 */
export async function sealStream(
  content: ReadableStream<Uint8Array>,
  contentLength: number,
  recipients: readonly string[],
): Promise<SealedStream> {
  commonRecipientType(recipients);
  const encrypter = new Encrypter();
  for (const recipient of recipients) {
    encrypter.addRecipient(recipient);
  }
  const ciphertext: ReadableStreamWithSize = await encrypter.encrypt(padStream(content, contentLength));
  return { ciphertext, bytes: ciphertext.size(paddedLength(contentLength)) };
}

/** Decrypts an age file with the first matching identity; no padding is removed. */
export async function openRaw(ciphertext: Uint8Array, identities: readonly string[]): Promise<Uint8Array> {
  if (identities.length === 0) {
    throw new TypeError("At least one identity is needed to open an age file.");
  }
  const decrypter = new Decrypter();
  for (const identity of identities) {
    decrypter.addIdentity(identity);
  }
  return decrypter.decrypt(ciphertext);
}

/** Decrypts an age file sealed by `seal` and removes its padding. */
export async function open(ciphertext: Uint8Array, identities: readonly string[]): Promise<Uint8Array> {
  return unpad(await openRaw(ciphertext, identities));
}
