/**
 * The few exports of libsodium's raw Emscripten build (package `libsodium`, which ships no types) that
 * src/shared/crypto/ageWriter.ts calls. Pointers are offsets into `HEAPU8`; a 64-bit length is passed
 * as two 32-bit halves (low, high), as libsodium-wrappers does.
 */
declare module "libsodium" {
  export interface Libsodium {
    readonly HEAPU8: Uint8Array;
    _malloc(bytes: number): number;
    _free(pointer: number): void;
    _sodium_init(): number;
    _crypto_aead_chacha20poly1305_ietf_encrypt(
      ciphertext: number,
      ciphertextLength: number,
      plaintext: number,
      plaintextLengthLow: number,
      plaintextLengthHigh: number,
      additionalData: number,
      additionalDataLengthLow: number,
      additionalDataLengthHigh: number,
      secretNonce: number,
      publicNonce: number,
      key: number,
    ): number;
  }
  /** Instantiates the WebAssembly module; `getRandomValue` backs its randombytes (unused by Kua). */
  export default function libsodium(options?: { getRandomValue?: () => number }): Promise<Libsodium>;
}
