/**
 * Asking the server what became of the phone's reports: `POST /api/v1/reports/updates` with each
 * report's id and reporter token (at most 100 per request) answers each proven report's coarse
 * status and its follow-up questions, still sealed to the report's reply identity. Reports the
 * server cannot prove (no token, another token, not stored) are simply left out.
 */
import type { QuestionPublic, ReportUpdatePublic, Untrusted, UpdatesPublic, UpdatesRequest } from "./wire";

/** The coarse states a family sees (never the coalition's internal steps). */
export type ReportStatus = ReportUpdatePublic["status"];
const STATUSES: readonly string[] = ["received", "in_review", "acted_on", "closed"] satisfies ReportStatus[];

/** One question as the server holds it: ciphertext only. */
export interface SealedQuestion {
  questionId: string;
  askedAt: string;
  /** Standard base64 of an age file sealed to the report's reply recipient. */
  ciphertext: string;
}

/** What the server says of one report. */
export interface ReportUpdate {
  reportId: string;
  status: ReportStatus;
  questions: SealedQuestion[];
}

/** A report the phone asks about. */
export interface UpdateClaim {
  reportId: string;
  reporterToken: string;
}

/** The most reports one request may name (the server's limit). */
export const UPDATES_BATCH = 100;

function parseQuestion(value: unknown): SealedQuestion | null {
  if (typeof value !== "object" || value === null) return null;
  const { question_id: questionId, asked_at: askedAt, ciphertext } = value as Untrusted<QuestionPublic>;
  if (typeof questionId !== "string" || typeof askedAt !== "string" || typeof ciphertext !== "string") return null;
  return { questionId, askedAt, ciphertext };
}

/** The updates in `body` for reports the phone asked about; anything malformed is dropped. */
export function parseUpdates(body: unknown, asked: ReadonlySet<string>): ReportUpdate[] {
  const reports = (body as Untrusted<UpdatesPublic> | null)?.reports;
  if (!Array.isArray(reports)) throw new TypeError("The updates answer has no reports list.");
  const updates: ReportUpdate[] = [];
  for (const entry of reports as unknown[]) {
    if (typeof entry !== "object" || entry === null) continue;
    const { report_id: reportId, status, questions } = entry as Untrusted<ReportUpdatePublic>;
    if (typeof reportId !== "string" || !asked.has(reportId.toLowerCase())) continue;
    if (typeof status !== "string" || !STATUSES.includes(status)) continue;
    const sealed = Array.isArray(questions)
      ? questions.map(parseQuestion).filter((q): q is SealedQuestion => q !== null)
      : [];
    updates.push({ reportId: reportId.toLowerCase(), status: status as ReportStatus, questions: sealed });
  }
  return updates;
}

/** Fetches the updates of `claims` in batches; rejects on no network or an unexpected answer. */
export async function fetchUpdates(
  fetcher: typeof fetch,
  apiBase: string,
  claims: readonly UpdateClaim[],
): Promise<ReportUpdate[]> {
  const url = new URL("/api/v1/reports/updates", apiBase);
  const updates: ReportUpdate[] = [];
  for (let start = 0; start < claims.length; start += UPDATES_BATCH) {
    const batch = claims.slice(start, start + UPDATES_BATCH);
    const response = await fetcher(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        reports: batch.map((c) => ({ report_id: c.reportId, reporter_token: c.reporterToken })),
      } satisfies UpdatesRequest),
      cache: "no-store",
      credentials: "omit",
    });
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`The updates request answered ${response.status}.`);
    }
    updates.push(...parseUpdates(await response.json(), new Set(batch.map((c) => c.reportId.toLowerCase()))));
  }
  return updates;
}
