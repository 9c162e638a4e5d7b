/**
 * Follow-up questions and answers as the console reads and writes them: formats `kua.question` and
 * `kua.answer` version 1 (docs/review.md, "Follow-up questions"), UTF-8 JSON padded and sealed with
 * age. A question goes to the report's reply recipient (the report's `reply`, drawn by the phone);
 * an answer comes sealed to the recipient list.
 */
import { recipientType } from "../../shared/crypto";
import {
  ANSWER_FORMAT,
  FOLLOWUP_VERSION,
  QUESTION_FORMAT,
  type Answer,
  type Question,
} from "../../shared/report/followups";
import type { Report } from "../../shared/report/model";

// One definition of both formats, the phone's (src/shared/report/followups.ts).
export { ANSWER_FORMAT, FOLLOWUP_VERSION, QUESTION_FORMAT, type Answer, type Question };

/** The longest question the console lets a reviewer write (characters): far below 64 KiB sealed. */
export const MAX_QUESTION_CHARS = 4000;

/** The question a reviewer asks, ready to be sealed. */
export function buildQuestion(reportId: string, questionId: string, text: string, askedAt: Date): Question {
  return {
    format: QUESTION_FORMAT,
    version: FOLLOWUP_VERSION,
    reportId,
    questionId,
    text,
    askedAt: askedAt.toISOString(),
  };
}

const sameId = (a: unknown, b: string): boolean => typeof a === "string" && a.toLowerCase() === b.toLowerCase();
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/**
 * `value` as the question stored under `messageId` for `reportId`, or null: another format, or a
 * question of another report or id (the server must not be able to move texts around).
 */
export function asQuestion(value: unknown, reportId: string, messageId: string): Question | null {
  if (!isObject(value) || value.format !== QUESTION_FORMAT || value.version !== FOLLOWUP_VERSION) return null;
  if (typeof value.text !== "string" || typeof value.askedAt !== "string") return null;
  if (!sameId(value.reportId, reportId) || !sameId(value.questionId, messageId)) return null;
  return value as unknown as Question;
}

/** `value` as the answer stored under `messageId` for `reportId`, or null (as `asQuestion`). */
export function asAnswer(value: unknown, reportId: string, messageId: string): Answer | null {
  if (!isObject(value) || value.format !== ANSWER_FORMAT || value.version !== FOLLOWUP_VERSION) return null;
  if (typeof value.text !== "string" || typeof value.questionId !== "string" || typeof value.writtenAt !== "string")
    return null;
  if (!sameId(value.reportId, reportId) || !sameId(value.answerId, messageId)) return null;
  return value as unknown as Answer;
}

/**
 * The report's reply recipient, or null for a report whose phone cannot receive questions (an older
 * report without `reply`, or one naming something that is not an age recipient).
 */
export function replyRecipientOf(report: Report | null): string | null {
  const reply = (report as { reply?: unknown } | null)?.reply;
  if (!isObject(reply) || typeof reply.recipient !== "string") return null;
  try {
    recipientType(reply.recipient);
  } catch {
    return null;
  }
  return reply.recipient;
}
