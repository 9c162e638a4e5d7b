/**
 * The drafts key derived from the reporter's PIN or passphrase with Argon2id (OWASP's minimum:
 * 19 MiB, 2 passes, 1 lane). A 6-digit PIN only buys time against a seized phone; a passphrase
 * does better. The Argon2 code is imported lazily so it stays out of the initial bundle.
 */
import { importKey } from "./aead";

/** Argon2id cost parameters (memory in KiB). */
export interface Argon2Cost {
  m: number;
  t: number;
  p: number;
}

/** The production cost: m=19456 KiB, t=2, p=1. */
export const ARGON2_COST: Argon2Cost = { m: 19456, t: 2, p: 1 };

/** Salt length in bytes. */
export const SALT_BYTES = 16;

/** Derives the non-extractable AES-GCM drafts key from `pin` and `salt`. */
export async function derivePinKey(pin: string, salt: Uint8Array, cost: Argon2Cost = ARGON2_COST): Promise<CryptoKey> {
  const { argon2idAsync } = await import("@noble/hashes/argon2.js");
  // NFC so the same passphrase typed on two keyboards (composed or not) gives the same key.
  const password = new TextEncoder().encode(pin.normalize("NFC"));
  const raw = await argon2idAsync(password, salt, { ...cost, dkLen: 32 });
  const keyBytes = new Uint8Array(raw);
  try {
    return await importKey(keyBytes);
  } finally {
    // Best effort: the key bytes should not linger in memory longer than needed.
    for (const bytes of [raw, keyBytes, password]) bytes.fill(0);
  }
}
