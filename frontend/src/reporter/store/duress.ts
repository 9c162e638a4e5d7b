/**
 * The duress PIN: entered at the lock screen under coercion, it opens an app that looks freshly
 * installed, after silently destroying drafts, receipts, keys and questions (src/reporter/engine/open.ts).
 *
 * Its slot is always in the settings, filled with random bytes of the same shape while no duress
 * PIN is set (a fresh install writes one too), so storage looks the same either way and no screen
 * says whether one exists. A set slot holds a salt and a verifier (a known constant encrypted under
 * the Argon2id key of the duress PIN), exactly like the PIN's own.
 */
import { decrypt, encrypt } from "./aead";
import { SALT_BYTES, derivePinKey, type Argon2Cost } from "./pinKey";

/** Same length as the PIN's verifier plaintext ("kua.drafts-key.v1"), so both slots look alike. */
const DURESS_PLAINTEXT = new TextEncoder().encode("kua.duress-key.v1");
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The duress slot as stored in settings: random bytes, or a real salt and verifier. */
export interface DuressSlot {
  salt: Uint8Array<ArrayBuffer>;
  verifierIv: Uint8Array<ArrayBuffer>;
  verifier: ArrayBuffer;
}

/** A slot that no PIN opens: what a phone without a duress PIN stores. */
export function emptyDuressSlot(): DuressSlot {
  const random = (length: number): Uint8Array<ArrayBuffer> => crypto.getRandomValues(new Uint8Array(length));
  return {
    salt: random(SALT_BYTES),
    verifierIv: random(IV_BYTES),
    verifier: random(DURESS_PLAINTEXT.length + TAG_BYTES).buffer,
  };
}

/** A slot that `pin` opens. */
export async function duressSlotFor(pin: string, cost: Argon2Cost): Promise<DuressSlot> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const sealed = await encrypt(await derivePinKey(pin, salt, cost), DURESS_PLAINTEXT);
  return { salt, verifierIv: sealed.iv, verifier: sealed.ciphertext };
}

/** Whether `pin` opens the slot (false for an empty, random slot). */
export async function opensDuressSlot(slot: DuressSlot, pin: string, cost: Argon2Cost): Promise<boolean> {
  try {
    const key = await derivePinKey(pin, slot.salt, cost);
    await decrypt(key, { iv: slot.verifierIv, ciphertext: slot.verifier });
    return true;
  } catch {
    return false;
  }
}
