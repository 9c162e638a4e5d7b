/**
 * Withdrawing stopped originals: `PUT /api/v1/reports/{report_id}/attachments/{attachment_id}/withdrawal`
 * with the report's reporter token, so the reviewers see that the original will not come (issue 21).
 * The relative's stop marks the outbox item's attachment `withdrawalPending` (src/reporter/sync/drain.ts);
 * the flag goes only when the server acknowledged, and the report counts as delivered after that.
 */
import type { DeclaredAttachment, KuaDb } from "../store/db";
import { readReportKeys } from "../store/reportKeys";
import { deadlineSignal, DEADLINE_SLACK_MS } from "./deadline";
import { codeForStatus, type SyncErrorCode } from "./errors";

/** What sending withdrawals needs from the drain. */
export interface WithdrawalDeps {
  readonly db: KuaDb;
  readonly fetch: typeof fetch;
  readonly apiBase: string;
  /** The lock key (the token is stored under it), or null while the PIN is not entered. */
  readonly lockKey: () => CryptoKey | null;
}

/** Whether an outbox item still owes the server a withdrawal. */
export function owesWithdrawal(attachments: readonly DeclaredAttachment[]): boolean {
  return attachments.some((attachment) => attachment.withdrawalPending === true);
}

/** Acknowledged (recorded, or the original had arrived whole before), or why not. */
export async function putWithdrawal(
  fetcher: typeof fetch,
  apiBase: string,
  reportId: string,
  attachmentId: string,
  reporterToken: string,
  signal?: AbortSignal,
): Promise<SyncErrorCode | null> {
  const path = `/api/v1/reports/${encodeURIComponent(reportId)}/attachments/${encodeURIComponent(attachmentId)}/withdrawal`;
  const deadline = deadlineSignal(DEADLINE_SLACK_MS, signal);
  try {
    const response = await fetcher(new URL(path, apiBase), {
      method: "PUT",
      headers: { "Kua-Reporter-Token": reporterToken },
      cache: "no-store",
      credentials: "omit",
      signal: deadline.signal,
    }).catch(() => null);
    if (response === null) return "offline";
    if (response.status === 204 || response.status === 200) return null;
    const body: unknown = await response.json().catch(() => null);
    // The original arrived whole before the stop reached the server: nothing left to withdraw.
    if (response.status === 409 && errorCode(body) === "attachment_arrived") return null;
    return response.status === 409 ? "server" : codeForStatus(response.status);
  } finally {
    deadline.done();
  }
}

function errorCode(body: unknown): unknown {
  if (typeof body !== "object" || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}

/**
 * Sends the report's pending withdrawals (its receipt is in: the server knows the report); null when none
 * is left. Waits without error while the PIN is not entered: the token needs the lock key.
 */
export async function sendWithdrawals(
  deps: WithdrawalDeps,
  reportId: string,
  signal: AbortSignal,
): Promise<SyncErrorCode | null> {
  const item = await deps.db.get("outbox", reportId);
  if (item === undefined || item.ciphertext !== null || !owesWithdrawal(item.attachments)) return null;
  const key = deps.lockKey();
  if (key === null) return null;
  const keys = await readReportKeys(deps.db, key, reportId);
  if (keys === null) return "refused"; // cannot happen through the app: every sealed report keeps its keys
  for (const { attachmentId, withdrawalPending } of item.attachments) {
    if (withdrawalPending !== true) continue;
    const error = await putWithdrawal(deps.fetch, deps.apiBase, reportId, attachmentId, keys.reporterToken, signal);
    if (error !== null) return error;
    await acknowledge(deps.db, reportId, attachmentId);
  }
  return null;
}

async function acknowledge(db: KuaDb, reportId: string, attachmentId: string): Promise<void> {
  const tx = db.transaction("outbox", "readwrite");
  const current = await tx.store.get(reportId);
  if (current !== undefined) {
    const attachments = current.attachments.map((a) => {
      if (a.attachmentId !== attachmentId) return a;
      const { withdrawalPending: _sent, ...rest } = a;
      return rest;
    });
    await tx.store.put({ ...current, attachments, attempts: 0, nextAttemptAt: null, lastError: null });
  }
  await tx.done;
}
