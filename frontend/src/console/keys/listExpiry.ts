/**
 * How long the verified recipient list has left: admins are warned 14 days ahead (as
 * `kua recipients status` and the server log are), time enough to gather the root-key holders for
 * a ceremony (docs/operations.md) before phones stop sealing reports.
 */
export const EXPIRY_WARNING_DAYS = 14;

const DAY_MS = 86_400_000;

/** Whole days until `notAfter` (0 on its last day, negative once passed), as the server counts them. */
export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
}

/** The days left to show in a warning, or null when the list is valid for longer than the warning period. */
export function expiryWarning(notAfter: Date, now: Date): number | null {
  const days = daysLeft(notAfter, now);
  return days < EXPIRY_WARNING_DAYS ? days : null;
}
