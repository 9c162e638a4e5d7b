/**
 * An age v1 file written a chunk at a time into reused buffers (issue 21: sealing a 50 MB photo in
 * bounded memory). typage's own streaming encryption allocates a new array per 64 KiB chunk, which
 * piles up until the garbage collector runs (tens of MB for 50 MB). The header and the payload nonce
 * are typage's (its `Encrypter`, unchanged); the cipher is typage's own, @noble/ciphers'
 * ChaCha20-Poly1305; only the STREAM framing is written here, per the C2SP age spec (docs/crypto.md,
 * "age v1"):
 *
 *   payload key = HKDF-SHA-256(ikm = file key, salt = nonce, info = "payload"), 32 bytes
 *   chunk i     = ChaCha20-Poly1305(key, nonce = 11-byte big-endian i || last ? 0x01 : 0x00, 64 KiB)
 *
 * Every chunk but the last is full; the last may be full, and is empty only for an empty file.
 * ageWriter.test.ts proves that typage opens the output and that it equals typage's own, byte for byte.
 * libsodium's WebAssembly cipher was tried: about twice as fast, but 135 KB gzipped more for every
 * phone to download, and a 50 MB file then peaked above the 40 MB memory goal (docs/performance.md).
 */
import { chacha20poly1305 } from "@noble/ciphers/chacha.js";
import { Encrypter, type Stanza } from "age-encryption";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";

import { commonRecipientType } from "./recipientType";

const CHUNK_BYTES = 64 * 1024;
const TAG_BYTES = 16;
const NONCE_BYTES = 16;

/** Bytes of the STREAM payload (tags included) for `plaintextBytes` of plaintext. */
export function payloadBytes(plaintextBytes: number): number {
  return plaintextBytes + TAG_BYTES * Math.max(1, Math.ceil(plaintextBytes / CHUNK_BYTES));
}

/** A STREAM payload being written, a chunk at a time. */
export interface PayloadWriter {
  /**
   * Encrypts the next `plaintext` bytes. `sink` gets each sealed chunk as a view of the writer's
   * reused buffer, valid only until it returns: it must copy what it keeps.
   */
  write(plaintext: Uint8Array, sink: (ciphertext: Uint8Array) => void): void;
  /** Seals the last chunk into `sink`, then zeroes and frees the writer's memory. */
  end(sink: (ciphertext: Uint8Array) => void): void;
  /** Zeroes and frees the writer's memory (after `end`, or instead of it when giving up). */
  dispose(): void;
}

/** An age file being written: its first bytes, then its payload. */
export interface AgeWriter extends PayloadWriter {
  /** The header and the payload nonce: the age file's first bytes. */
  readonly head: Uint8Array;
  /** Bytes of the whole file for `plaintextBytes` of plaintext. */
  fileBytes(plaintextBytes: number): number;
}

/**
 * typage's header for `recipients` and its payload nonce, and the file key it wrapped: a recipient
 * that adds no stanza sees the file key that the real ones wrap. typage's file for an empty payload
 * is header || nonce || one 16-byte tag.
 */
async function typageHead(recipients: readonly string[]): Promise<{ head: Uint8Array; fileKey: Uint8Array }> {
  let fileKey: Uint8Array | null = null;
  const encrypter = new Encrypter();
  for (const recipient of recipients) encrypter.addRecipient(recipient);
  encrypter.addRecipient({
    wrapFileKey(key: Uint8Array): Stanza[] {
      fileKey = key.slice();
      return [];
    },
  });
  const empty = await encrypter.encrypt(new Uint8Array(0));
  if (fileKey === null) throw new Error("typage wrapped no file key.");
  return { head: empty.subarray(0, empty.length - TAG_BYTES), fileKey };
}

/** Starts an age file to `recipients` (all of one type): typage's header, then the STREAM payload. */
export async function startAgeFile(recipients: readonly string[]): Promise<AgeWriter> {
  commonRecipientType(recipients);
  const { head, fileKey } = await typageHead(recipients);
  try {
    const payload = await startPayload(fileKey, head.subarray(head.length - NONCE_BYTES));
    return { ...payload, head, fileBytes: (plaintextBytes) => head.length + payloadBytes(plaintextBytes) };
  } finally {
    fileKey.fill(0);
  }
}

/**
 * Starts the STREAM payload of the age file with `fileKey` and payload `nonce` (16 bytes). Chunks are
 * staged in and sealed into one reused pair of buffers: a new 64 KiB array per chunk would pile up until
 * the garbage collector runs (tens of MB for 50 MB).
 */
export async function startPayload(fileKey: Uint8Array, nonce: Uint8Array): Promise<PayloadWriter> {
  const key = hkdf(sha256, fileKey, nonce, new TextEncoder().encode("payload"), 32);
  const staged = new Uint8Array(CHUNK_BYTES);
  const sealed = new Uint8Array(CHUNK_BYTES + TAG_BYTES);
  const chunkNonce = new Uint8Array(12); // 11-byte big-endian counter || last-chunk flag
  let used = 0; // plaintext bytes staged for the next chunk
  let freed = false;

  const seal = (last: boolean, sink: (ciphertext: Uint8Array) => void): void => {
    chunkNonce[11] = last ? 1 : 0;
    sink(chacha20poly1305(key, chunkNonce).encrypt(staged.subarray(0, used), sealed.subarray(0, used + TAG_BYTES)));
    for (let i = 10; i >= 0; i--) {
      chunkNonce[i] = (chunkNonce[i]! + 1) & 0xff;
      if (chunkNonce[i] !== 0) break;
    }
    used = 0;
  };
  const dispose = (): void => {
    if (freed) return;
    freed = true;
    key.fill(0);
    staged.fill(0);
    sealed.fill(0);
  };
  return {
    write(plaintext, sink) {
      if (freed) throw new Error("The age file is already finished.");
      for (let at = 0; at < plaintext.length;) {
        // A full chunk is sealed only once more plaintext comes: the last chunk carries the flag.
        if (used === CHUNK_BYTES) seal(false, sink);
        const n = Math.min(CHUNK_BYTES - used, plaintext.length - at);
        staged.set(plaintext.subarray(at, at + n), used);
        used += n;
        at += n;
      }
    },
    end(sink) {
      if (freed) throw new Error("The age file is already finished.");
      try {
        seal(true, sink);
      } finally {
        dispose();
      }
    },
    dispose,
  };
}
