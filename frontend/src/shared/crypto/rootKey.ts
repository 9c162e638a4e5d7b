/** Root public keys: Ed25519 keys written `kuaroot1...` (Bech32, 32 bytes), pinned in the app build. */
import { bech32 } from "@scure/base";

const PREFIX = "kuaroot";
const KEY_LENGTH = 32;

/** The 32 key bytes of a `kuaroot1...` string, or null if it is not one. */
export function decodeRootPublicKey(text: string): Uint8Array | null {
  if (text !== text.toLowerCase()) {
    return null;
  }
  try {
    const { prefix, words } = bech32.decode(text as `${string}1${string}`, false);
    const key = bech32.fromWordsUnsafe(words);
    return prefix === PREFIX && key?.length === KEY_LENGTH ? key : null;
  } catch {
    return null;
  }
}

/** The `kuaroot1...` string of a 32-byte Ed25519 public key. */
export function encodeRootPublicKey(key: Uint8Array): string {
  if (key.length !== KEY_LENGTH) {
    throw new RangeError(`A root public key is ${KEY_LENGTH} bytes, got ${key.length}.`);
  }
  return bech32.encode(PREFIX, bech32.toWords(key), false);
}
