/**
 * The owner key: what lets the locked app write what only the PIN opens. A report started on the
 * lock screen (a search under way, the PIN not at hand) is saved as it is typed, sealed with age to
 * this key's public half, which is stored in the clear; its private half (the identity) is stored
 * only AES-GCM encrypted under the PIN key. So the locked app can seal to it and cannot open it;
 * after the PIN, what was sealed becomes ordinary drafts and report keys again
 * (src/reporter/store/lock.ts `unlock`). Post-quantum hybrid (ML-KEM-768 + X25519), like the
 * reviewers' keys: a copy of the phone may be kept for decades.
 */
import { decrypt, encrypt } from "./aead";
import type { Sealed } from "./aead";

/** The owner key as stored in settings: the recipient in the clear, the identity under the PIN key. */
export interface OwnerKeySetting {
  recipient: string;
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: ArrayBuffer;
}

/** Something sealed to the owner key: only the identity (after the PIN) opens it. */
export interface OwnerSealed {
  ownerSealed: ArrayBuffer;
}

/** A record's secret part at rest: AES-GCM under the lock key, or sealed to the owner key while locked. */
export type AtRest = Sealed | OwnerSealed;

export const isOwnerSealed = (value: AtRest): value is OwnerSealed => "ownerSealed" in value;

/** A fresh owner key whose identity is encrypted under `pinKey`. */
export async function newOwnerKey(pinKey: CryptoKey): Promise<OwnerKeySetting> {
  const { generateHybridIdentity, identityToRecipient } = await import("age-encryption");
  const identity = await generateHybridIdentity();
  return { recipient: await identityToRecipient(identity), ...(await wrap(pinKey, identity)) };
}

/** The same owner key with its identity moved from `oldKey` to `newKey` (a PIN change). */
export async function rewrapOwnerKey(
  setting: OwnerKeySetting,
  oldKey: CryptoKey,
  newKey: CryptoKey,
): Promise<OwnerKeySetting> {
  return { recipient: setting.recipient, ...(await wrap(newKey, await ownerIdentity(setting, oldKey))) };
}

/** The identity, opened with the PIN key; rejects under a wrong key. */
export async function ownerIdentity(setting: OwnerKeySetting, pinKey: CryptoKey): Promise<string> {
  const plaintext = await decrypt(pinKey, setting);
  try {
    return new TextDecoder().decode(plaintext);
  } finally {
    plaintext.fill(0);
  }
}

/** Seals `plaintext` (padded) to the owner key: the locked app's only way to keep something. */
export async function sealToOwner(recipient: string, plaintext: Uint8Array): Promise<OwnerSealed> {
  const { seal } = await import("../../shared/crypto");
  const sealed = await seal(plaintext, [recipient]);
  return { ownerSealed: new Uint8Array(sealed).buffer };
}

/** Opens what `sealToOwner` sealed. */
export async function openFromOwner(identity: string, sealed: OwnerSealed): Promise<Uint8Array<ArrayBuffer>> {
  const { open } = await import("../../shared/crypto");
  return new Uint8Array(await open(new Uint8Array(sealed.ownerSealed), [identity]));
}

async function wrap(key: CryptoKey, identity: string): Promise<Sealed> {
  const plaintext = new TextEncoder().encode(identity);
  try {
    return await encrypt(key, plaintext);
  } finally {
    plaintext.fill(0);
  }
}
