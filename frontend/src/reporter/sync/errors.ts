/** Why sending failed, as stable codes the UI translates (src/reporter/engine/engine.ts OutboxItemView.lastError). */

/**
 * - `offline`: no answer at all (no network, DNS, timeout);
 * - `server`: an answer that is not what the API promises (5xx, 429, a captive portal's page, a
 *   receipt that does not match what was sent): worth retrying;
 * - `refused`: the server refused this report or photo for good (409: another report holds the id;
 *   other 4xx); the ciphertext is kept;
 * - `list`: no verified recipient list to seal to.
 */
export type SyncErrorCode = "offline" | "server" | "refused" | "list";

/** The code for an HTTP status that is not success: transient statuses are "server", the rest "refused". */
export function codeForStatus(status: number): SyncErrorCode {
  if (status >= 500 || status === 408 || status === 425 || status === 429) return "server";
  if (status >= 400) return "refused";
  return "server";
}
