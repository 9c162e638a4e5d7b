/**
 * Sending one sealed report: `PUT /api/v1/reports/{id}` with the age file, then checking the receipt.
 *
 * Only a JSON receipt naming this report id and the SHA-256 of the exact bytes sent counts (a bare
 * 200 may come from a captive portal or a proxy). The same id and bytes again answer with the
 * original receipt, so a lost response is recovered by sending again.
 */
import type { OutboxRecord } from "../store/db";
import { deadlineSignal, freshBody, putDeadlineMs } from "./deadline";
import type { StoredBytes } from "../store/storedBytes";
import { codeForStatus, type SyncErrorCode } from "./errors";
import type { ReceiptPublic, Untrusted } from "./wire";

/** The server's proof that it durably stored the report. */
export interface CheckedReceipt {
  receivedAt: number;
  sha256: string;
}

/** A checked receipt, or why there is none. */
export type PutOutcome = { ok: true; receipt: CheckedReceipt } | { ok: false; error: SyncErrorCode };

/** The receipt in `body` if it matches what was sent, else null. */
export function checkReceipt(
  body: unknown,
  sent: Pick<OutboxRecord, "reportId" | "sha256" | "bytes">,
): CheckedReceipt | null {
  if (typeof body !== "object" || body === null) return null;
  const { report_id: reportId, sha256, size, received_at: receivedAt } = body as Untrusted<ReceiptPublic>;
  if (typeof reportId !== "string" || reportId.toLowerCase() !== sent.reportId.toLowerCase()) return null;
  if (typeof sha256 !== "string" || sha256.toLowerCase() !== sent.sha256) return null;
  if (size !== undefined && size !== sent.bytes) return null;
  const time = typeof receivedAt === "string" ? Date.parse(receivedAt) : Number.NaN;
  if (Number.isNaN(time)) return null;
  return { receivedAt: time, sha256: sent.sha256 };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** PUTs `record`'s ciphertext and checks the answer; never throws for network or server trouble. */
export async function putReport(
  fetcher: typeof fetch,
  apiBase: string,
  record: OutboxRecord & { ciphertext: StoredBytes },
  signal?: AbortSignal,
): Promise<PutOutcome> {
  const url = new URL(`/api/v1/reports/${encodeURIComponent(record.reportId)}`, apiBase);
  const headers: Record<string, string> = { "Content-Type": "application/octet-stream" };
  if (record.attachments.length > 0) {
    headers["Kua-Attachment-Ids"] = record.attachments.map((attachment) => attachment.attachmentId).join(",");
  }
  // The digest only: the token itself proves, later, that this phone sent the report.
  if (record.tokenSha256 !== undefined) headers["Kua-Reporter-Token-Sha256"] = record.tokenSha256;
  if (record.happeningNow) headers["Kua-Happening-Now"] = "1";
  const deadline = deadlineSignal(putDeadlineMs(record.bytes), signal);
  try {
    const init: RequestInit = {
      method: "PUT",
      headers,
      body: await freshBody(record.ciphertext),
      cache: "no-store",
      credentials: "omit",
    };
    const response = await fetcher(url, { ...init, signal: deadline.signal }).catch(() => null);
    if (response === null) return { ok: false, error: "offline" };
    if (response.status !== 200 && response.status !== 201) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, error: codeForStatus(response.status) };
    }
    const receipt = checkReceipt(await readJson(response), record);
    return receipt === null ? { ok: false, error: "server" } : { ok: true, receipt };
  } finally {
    deadline.done();
  }
}
