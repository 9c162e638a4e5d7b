/**
 * Follow-up questions and answers, formats `kua.question` and `kua.answer` version 1 (docs/intake.md,
 * "Follow-up questions"). A reviewer's question is padded JSON sealed to the report's reply
 * recipient (src/shared/report/model.ts `reply`), so only the phone that sent the report reads it; the
 * family's answer is padded JSON sealed to the verified recipient list, like a report.
 */

import type { DeviceKey, DocumentRef, PhotoRef, VoiceRef } from "./v2.gen";

export const QUESTION_FORMAT = "kua.question";
export const ANSWER_FORMAT = "kua.answer";
export const FOLLOWUP_VERSION = 1;

/** What a reviewer asked, as the phone opens it. */
export interface Question {
  format: typeof QUESTION_FORMAT;
  version: typeof FOLLOWUP_VERSION;
  reportId: string;
  questionId: string;
  text: string;
  /** ISO 8601 UTC. */
  askedAt: string;
}

/** What the family answered to one question. */
export interface Answer {
  format: typeof ANSWER_FORMAT;
  version: typeof FOLLOWUP_VERSION;
  reportId: string;
  questionId: string;
  answerId: string;
  text: string;
  /** The phone's clock when sealed (ISO 8601 with offset). */
  writtenAt: string;
  /**
   * Photos, voice and documents sent with the answer (docs/media.md), each an attachment upload like
   * a report's; absent in answers written before media v1.
   */
  media?: AnswerMedia;
  /** The phone's device key, which signed the media refs (as in a report); absent or null when none. */
  device?: DeviceKey | null;
}

/** What an answer may carry besides its text. */
export interface AnswerMedia {
  photos: PhotoRef[];
  voice: VoiceRef[];
  documents: DocumentRef[];
}

export const NO_MEDIA: AnswerMedia = { photos: [], voice: [], documents: [] };

/** The longest answer the screen accepts (characters); a sealed answer stays far below 64 KiB. */
export const MAX_ANSWER_CHARS = 4000;

/**
 * `value` as a question for `reportId` / `questionId`, or null when it is anything else (another
 * format, another report's question: a server must not be able to move a question between reports).
 */
export function asQuestion(value: unknown, reportId: string, questionId: string): Question | null {
  if (typeof value !== "object" || value === null) return null;
  const q = value as Record<string, unknown>;
  if (q.format !== QUESTION_FORMAT || q.version !== FOLLOWUP_VERSION) return null;
  if (typeof q.text !== "string" || typeof q.askedAt !== "string") return null;
  if (typeof q.reportId !== "string" || q.reportId.toLowerCase() !== reportId.toLowerCase()) return null;
  if (typeof q.questionId !== "string" || q.questionId.toLowerCase() !== questionId.toLowerCase()) return null;
  return value as Question;
}
