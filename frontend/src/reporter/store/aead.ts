/**
 * AES-256-GCM with WebCrypto, the at-rest encryption of drafts: a fresh 96-bit IV per message,
 * the IV stored next to the ciphertext. A wrong key fails authentication (no garbage plaintext).
 */

/** One AES-GCM message as stored in IndexedDB. */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
}

/** Encrypts `plaintext` under `key` with a fresh random IV. */
export async function encrypt(key: CryptoKey, plaintext: Uint8Array<ArrayBuffer>): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, plaintext);
  return { iv, ciphertext };
}

/** Decrypts and authenticates; rejects (OperationError) under a wrong key or tampered bytes. */
export async function decrypt(key: CryptoKey, sealed: Sealed): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv: sealed.iv }, key, sealed.ciphertext));
}

/** A random AES-256-GCM key that script can use but never read out (non-extractable). */
export async function randomKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

/** Imports 32 raw bytes as a non-extractable AES-256-GCM key. */
export async function importKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
}
