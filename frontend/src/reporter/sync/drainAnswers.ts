/**
 * The drain's second part: answers to follow-up questions (src/reporter/store/db.ts AnswerRecord). Each
 * queued answer is PUT with its report's reporter token and stays until a receipt naming it with the
 * SHA-256 of the bytes sent arrives; then only that receipt stays. The token is encrypted under the
 * lock key: while a PIN is set and not entered, answers wait ("locked") and go after the unlock.
 */
import type { AnswerRecord, KuaDb } from "../store/db";
import { readReportKeys } from "../store/reportKeys";
import { backoffDelay } from "./backoff";
import type { SyncErrorCode } from "./errors";
import { putAnswer } from "./putAnswer";

/** Why an answer is still on the phone: a sync code, or "locked" (the token needs the PIN). */
export type AnswerErrorCode = SyncErrorCode | "locked";

/** What sending answers needs from the drain. */
export interface AnswerSenderDeps {
  readonly db: KuaDb;
  readonly fetch: typeof fetch;
  readonly apiBase: string;
  readonly now: () => number;
  readonly random: () => number;
  /** The lock key, or null while the PIN is not entered. */
  readonly lockKey: () => CryptoKey | null;
  readonly onChange: () => void;
}

/** Oldest first. */
function queued(answers: AnswerRecord[]): (AnswerRecord & { ciphertext: Blob })[] {
  return answers
    .filter((answer): answer is AnswerRecord & { ciphertext: Blob } => answer.ciphertext !== null)
    .sort((a, b) => a.writtenAt - b.writtenAt);
}

/** Sends every queued answer once; `offline` skips the network (a report already found none). */
export async function sendAnswers(deps: AnswerSenderDeps, offline: boolean, signal: AbortSignal): Promise<void> {
  const answers = queued(await deps.db.getAll("answers"));
  for (const answer of answers) {
    if (signal.aborted) return;
    const key = deps.lockKey();
    if (key === null) {
      await record(deps, answer.answerId, { error: "locked" });
      continue;
    }
    if (offline) {
      await record(deps, answer.answerId, { error: "offline" });
      continue;
    }
    const keys = await readReportKeys(deps.db, key, answer.reportId);
    if (keys === null) {
      // Cannot happen through the app (an answer needs a question, a question needs the keys).
      await record(deps, answer.answerId, { error: "refused" });
      continue;
    }
    const outcome = await putAnswer(deps.fetch, deps.apiBase, answer, keys.reporterToken, signal);
    if (outcome.ok) await record(deps, answer.answerId, { receivedAt: outcome.receivedAt });
    else {
      offline ||= outcome.error === "offline";
      await record(deps, answer.answerId, { error: outcome.error });
    }
  }
}

/** The receipt (the ciphertext goes), or a failure with the next attempt's time. */
async function record(
  deps: AnswerSenderDeps,
  answerId: string,
  change: { receivedAt: number } | { error: AnswerErrorCode },
): Promise<void> {
  const tx = deps.db.transaction("answers", "readwrite");
  const current = await tx.store.get(answerId);
  if (current !== undefined) {
    if ("receivedAt" in change) {
      await tx.store.put({
        ...current,
        ciphertext: null,
        receivedAt: change.receivedAt,
        nextAttemptAt: null,
        lastError: null,
      });
    } else {
      // Waiting for the PIN or a refusal does not change by itself: no timer (a wake-up still tries).
      const retry = change.error !== "locked" && change.error !== "refused";
      const attempts = change.error === "locked" ? current.attempts : current.attempts + 1;
      const nextAttemptAt = retry ? deps.now() + backoffDelay(attempts, deps.random) : null;
      await tx.store.put({ ...current, attempts, nextAttemptAt, lastError: change.error });
    }
  }
  await tx.done;
  deps.onChange();
}
