/**
 * How long one PUT of a sealed report or answer may take before the phone gives up and tries again.
 *
 * Shorter than the server's own limits for the small bodies reports are (408 once 30 s pass below 512 B/s:
 * backend/kua/api/request_body.py), so a request that sent its headers and then stalled (issue 22, on
 * WebKit) ends sooner; sized from the body at the slowest rate the server accepts
 * (KUA_BODY_MIN_BYTES_PER_SECOND, 512 B/s, slower than GPRS), so an honest slow upload is never cut.
 */
import { readStoredBytes, type StoredBytes } from "../store/storedBytes";

/** The server's minimum average rate: anything slower it refuses anyway. */
export const PESSIMISTIC_BYTES_PER_SECOND = 512;
/** Connection set-up, the server's work and the receipt's way back. */
export const DEADLINE_SLACK_MS = 15_000;

/** The deadline of one PUT of `bytes` bytes: 25 s for a 5 KB report, 68 min for the largest (2 MiB). */
export function putDeadlineMs(bytes: number): number {
  return DEADLINE_SLACK_MS + Math.ceil((Math.max(0, bytes) / PESSIMISTIC_BYTES_PER_SECOND) * 1000);
}

/**
 * A body of its own for each attempt: a copy of the bytes in memory, never the stored Blob itself. After a
 * PUT's connection was reset, WebKitGTK 2.50 sends an IndexedDB Blob body's headers and no byte of it, every
 * try; an in-memory copy goes whole (docs/reporter-app.md, "The WebKit stall").
 */
export async function freshBody(stored: StoredBytes): Promise<Uint8Array<ArrayBuffer>> {
  return stored instanceof Blob ? readStoredBytes(stored) : stored.slice();
}

/**
 * A signal that aborts at `ms` or when `outer` aborts, and its cleanup (by hand: AbortSignal.any and
 * AbortSignal.timeout are too new for some phones still in use).
 */
export function deadlineSignal(ms: number, outer?: AbortSignal): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  const timer = setTimeout(abort, ms);
  outer?.addEventListener("abort", abort);
  if (outer?.aborted) abort();
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      outer?.removeEventListener("abort", abort);
    },
  };
}
