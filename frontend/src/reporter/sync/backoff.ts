/**
 * When to try again after a failed attempt: exponential backoff with jitter, capped at 15 minutes.
 * Jitter spreads retries so phones that lost the network together do not return together.
 */

const BASE_MS = 5_000;
/** The longest wait between two automatic attempts. */
export const MAX_BACKOFF_MS = 15 * 60_000;

/** Delay before attempt `attempts + 1` ("equal jitter": half fixed, half random). */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
