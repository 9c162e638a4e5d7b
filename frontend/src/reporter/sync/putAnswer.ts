/**
 * Sending one sealed answer: `PUT /api/v1/reports/{report_id}/answers/{answer_id}` with the age file
 * and the report's reporter token, then checking the receipt. As for reports, only a receipt naming
 * this answer, this report and the SHA-256 of the exact bytes sent counts; a retry of the same bytes
 * answers 200 with the original receipt.
 */
import type { AnswerRecord } from "../store/db";
import { deadlineSignal, freshBody, putDeadlineMs } from "./deadline";
import type { StoredBytes } from "../store/storedBytes";
import { codeForStatus, type SyncErrorCode } from "./errors";
import type { AnswerReceiptPublic, Untrusted } from "./wire";

/** A checked answer receipt, or why there is none. */
export type PutAnswerOutcome = { ok: true; receivedAt: number } | { ok: false; error: SyncErrorCode };

/** The receipt's time if `body` is the receipt of `sent`, else null. */
export function checkAnswerReceipt(
  body: unknown,
  sent: Pick<AnswerRecord, "answerId" | "reportId" | "sha256" | "bytes">,
): number | null {
  if (typeof body !== "object" || body === null) return null;
  const r = body as Untrusted<AnswerReceiptPublic>;
  if (typeof r.answer_id !== "string" || r.answer_id.toLowerCase() !== sent.answerId.toLowerCase()) return null;
  if (typeof r.report_id !== "string" || r.report_id.toLowerCase() !== sent.reportId.toLowerCase()) return null;
  if (typeof r.sha256 !== "string" || r.sha256.toLowerCase() !== sent.sha256) return null;
  if (r.size !== undefined && r.size !== sent.bytes) return null;
  const time = typeof r.received_at === "string" ? Date.parse(r.received_at) : Number.NaN;
  return Number.isNaN(time) ? null : time;
}

/** PUTs the answer and checks the receipt; never throws for network or server trouble. */
export async function putAnswer(
  fetcher: typeof fetch,
  apiBase: string,
  answer: AnswerRecord & { ciphertext: StoredBytes },
  reporterToken: string,
  signal?: AbortSignal,
): Promise<PutAnswerOutcome> {
  const path = `/api/v1/reports/${encodeURIComponent(answer.reportId)}/answers/${encodeURIComponent(answer.answerId)}`;
  const deadline = deadlineSignal(putDeadlineMs(answer.bytes), signal);
  try {
    const response = await fetcher(new URL(path, apiBase), {
      method: "PUT",
      headers: { "Content-Type": "application/octet-stream", "Kua-Reporter-Token": reporterToken },
      body: await freshBody(answer.ciphertext),
      cache: "no-store",
      credentials: "omit",
      signal: deadline.signal,
    }).catch(() => null);
    if (response === null) return { ok: false, error: "offline" };
    if (response.status !== 200 && response.status !== 201) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, error: codeForStatus(response.status) };
    }
    const body: unknown = await response.json().catch(() => null);
    const receivedAt = checkAnswerReceipt(body, answer);
    return receivedAt === null ? { ok: false, error: "server" } : { ok: true, receivedAt };
  } finally {
    deadline.done();
  }
}
