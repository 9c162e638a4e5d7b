/**
 * The drain's second part: answers to follow-up questions (src/reporter/store/db.ts AnswerRecord). Each
 * queued answer is PUT with its report's reporter token and stays until a receipt naming it with the
 * SHA-256 of the bytes sent arrives; then only that receipt stays. The token is encrypted under the
 * lock key: while a PIN is set and not entered, answers wait ("locked") and go after the unlock.
 * After the receipt, the answer's photos, recordings and documents upload with tus like a report's
 * (src/reporter/outbox/answerMedia.ts); the drain's `uploadAttachment` resumes and deletes them.
 */
import type { AnswerRecord, KuaDb } from "../store/db";
import { readReportKeys } from "../store/reportKeys";
import { answerUploadKey } from "../outbox/answerMedia";
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
  /** Uploads one attachment (resuming), deleting it once the server holds it all; null when done. */
  readonly uploadAttachment: (attachmentId: string) => Promise<SyncErrorCode | null>;
}

/** Answers with something left to send (the sealed answer, or attachments), oldest first. */
async function queued(db: KuaDb): Promise<AnswerRecord[]> {
  const answers = await db.getAll("answers");
  const pending = await Promise.all(
    answers.map((answer) =>
      answer.ciphertext !== null || (answer.attachments ?? []).length === 0
        ? Promise.resolve(0)
        : db.countFromIndex("uploads", "byReport", answerUploadKey(answer.answerId)),
    ),
  );
  return answers
    .filter((answer, i) => answer.ciphertext !== null || pending[i]! > 0)
    .sort((a, b) => a.writtenAt - b.writtenAt);
}

/** Sends every queued answer once; `offline` skips the network (a report already found none). */
export async function sendAnswers(deps: AnswerSenderDeps, offline: boolean, signal: AbortSignal): Promise<void> {
  const answers = await queued(deps.db);
  for (const answer of answers) {
    if (signal.aborted) return;
    if (answer.ciphertext === null) {
      // Received: only attachments are left, and uploading them needs no token.
      if (offline) await record(deps, answer.answerId, { error: "offline" });
      else offline = (await uploadAll(deps, answer)) === "offline";
      continue;
    }
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
    const outcome = await putAnswer(
      deps.fetch,
      deps.apiBase,
      { ...answer, ciphertext: answer.ciphertext },
      keys.reporterToken,
      signal,
    );
    if (outcome.ok) {
      await record(deps, answer.answerId, { receivedAt: outcome.receivedAt });
      offline = (await uploadAll(deps, answer)) === "offline";
    } else {
      offline ||= outcome.error === "offline";
      await record(deps, answer.answerId, { error: outcome.error });
    }
  }
}

/** Uploads the answer's attachments in declared order; stops at the first failure, recording it. */
async function uploadAll(deps: AnswerSenderDeps, answer: AnswerRecord): Promise<AnswerErrorCode | null> {
  if ((answer.attachments ?? []).length === 0) return null;
  for (const { attachmentId } of answer.attachments ?? []) {
    const error = await deps.uploadAttachment(attachmentId);
    if (error !== null) {
      await record(deps, answer.answerId, { error });
      return error;
    }
  }
  await record(deps, answer.answerId, { uploaded: true });
  return null;
}

/** The receipt (the ciphertext goes), or a failure with the next attempt's time. */
async function record(
  deps: AnswerSenderDeps,
  answerId: string,
  change: { receivedAt: number } | { uploaded: true } | { error: AnswerErrorCode },
): Promise<void> {
  const tx = deps.db.transaction("answers", "readwrite");
  const current = await tx.store.get(answerId);
  if (current !== undefined) {
    if ("uploaded" in change) {
      await tx.store.put({ ...current, attempts: 0, nextAttemptAt: null, lastError: null });
    } else if ("receivedAt" in change) {
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
