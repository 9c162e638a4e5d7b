/**
 * Padmé padding of every plaintext before it is sealed (docs/crypto.md, "Padding (Padmé)").
 *
 *   padded = content || 0x80 || 0x00 ... 0x00
 *   len(padded) = padme(max(len(content) + 1, 1024))
 *
 * Arithmetic stays in safe integers (no 32-bit bit operations), so sizes beyond 2^31 are exact.
 */

/** Smallest padded length: even an empty report is sealed as 1024 bytes. */
export const MIN_PADDED_LENGTH = 1024;

const MARKER = 0x80;

/** Raised when padded bytes do not end with 0x80 followed by zeros only. */
export class PaddingError extends Error {
  override readonly name = "PaddingError";
}

/** Index of the highest set bit of a positive safe integer (floor(log2 n)), computed exactly. */
function floorLog2(n: number): number {
  let exponent = 0;
  let power = 1;
  while (power * 2 <= n) {
    power *= 2;
    exponent += 1;
  }
  return exponent;
}

/** Rounds `length` up so that only its top floor(log2(floor(log2 L))) + 1 bits may be non-zero. */
export function padme(length: number): number {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new RangeError(`padme needs a non-negative safe integer, got ${String(length)}.`);
  }
  if (length < 2) {
    return length;
  }
  const exponent = floorLog2(length);
  const significantBits = floorLog2(exponent) + 1;
  const step = 2 ** (exponent - significantBits);
  const padded = Math.ceil(length / step) * step;
  if (!Number.isSafeInteger(padded)) {
    throw new RangeError(`padme(${length}) is beyond the safe integer range.`);
  }
  return padded;
}

/** Length of the padded form of `contentLength` bytes of content. */
export function paddedLength(contentLength: number): number {
  return padme(Math.max(contentLength + 1, MIN_PADDED_LENGTH));
}

/** Appends 0x80 and zeros so the result is `padme(max(len + 1, 1024))` bytes long. */
export function pad(content: Uint8Array): Uint8Array {
  const padded = new Uint8Array(paddedLength(content.length));
  padded.set(content);
  padded[content.length] = MARKER;
  return padded;
}

/** Strips trailing zeros and one 0x80 (returns a view, no copy); throws `PaddingError` otherwise. */
export function unpad(padded: Uint8Array): Uint8Array {
  let end = padded.length;
  while (end > 0 && padded[end - 1] === 0x00) {
    end -= 1;
  }
  if (end === 0 || padded[end - 1] !== MARKER) {
    throw new PaddingError("The plaintext does not end with Padmé padding (0x80 then zeros).");
  }
  return padded.subarray(0, end - 1);
}

/** Zeros handed out for the padding tail; never written to, so one buffer serves every file. */
const ZEROS = new Uint8Array(64 * 1024);

/**
 * The padding that follows `contentLength` bytes of content, for content sealed as it is read (a
 * Blob, whose size is known up front): 0x80, then zeros up to `paddedLength`, in views of at most
 * 64 KiB of one shared buffer that the caller must not write to.
 */
export function* paddingOf(contentLength: number): Generator<Uint8Array, void, undefined> {
  yield Uint8Array.of(MARKER);
  for (let zeros = paddedLength(contentLength) - contentLength - 1; zeros > 0; zeros -= ZEROS.length) {
    yield ZEROS.subarray(0, Math.min(zeros, ZEROS.length));
  }
}
