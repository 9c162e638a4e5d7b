/**
 * Ciphertext as IndexedDB keeps it: bytes, never a Blob, because WebKit refuses Blobs in IndexedDB in
 * private browsing (iPhone Safari's private tabs: "Error preparing Blob/File data to be stored in object
 * store", issue 22). Records written by earlier versions of the app hold a Blob: every reader takes both,
 * so no database upgrade is needed and a report queued before the update is still sent.
 */

/** An age file (or any ciphertext) at rest: bytes, or a Blob in records written before bytes. */
export type StoredBytes = Uint8Array<ArrayBuffer> | Blob;

/**
 * `ciphertext` as a record stores it: the same bytes, copied when they are a view into a larger buffer
 * (IndexedDB would store the whole buffer behind a view).
 */
export function toStoredBytes(ciphertext: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const whole = ciphertext.byteOffset === 0 && ciphertext.byteLength === ciphertext.buffer.byteLength;
  return whole ? ciphertext : ciphertext.slice();
}

/** How many bytes `stored` holds. */
export function storedSize(stored: StoredBytes): number {
  return stored instanceof Blob ? stored.size : stored.byteLength;
}

/** The bytes of `stored`, whichever form it was written in. */
export async function readStoredBytes(stored: StoredBytes): Promise<Uint8Array<ArrayBuffer>> {
  return stored instanceof Blob ? new Uint8Array(await stored.arrayBuffer()) : stored;
}

/** Bytes [start, end) of `stored` as a Blob (what fetch and tus-js-client send). */
export function storedSlice(stored: StoredBytes, start: number, end: number): Blob {
  const part = stored instanceof Blob ? stored.slice(start, end) : stored.subarray(start, end);
  return new Blob([part], { type: "application/octet-stream" });
}
