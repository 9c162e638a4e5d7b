/**
 * Sealing and opening age v1 files (docs/crypto.md, "age v1"), with the `age-encryption` package.
 *
 * `seal` pads the plaintext (Padmé) and encrypts it to every recipient of one type; `open` decrypts
 * and removes the padding. Decryption works on whole files in memory: the promise resolves only
 * after every STREAM chunk, the final one included, has been authenticated, so no unauthenticated
 * plaintext is ever released. Files sealed as they are read (photos, documents) are written by
 * ./ageWriter.ts instead.
 */
import { Decrypter, Encrypter } from "age-encryption";

import { pad, unpad } from "./padding";
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
