/**
 * Photos, voice and documents sent with an answer to a follow-up question (docs/media.md, "In
 * follow-up answers"). They are captured like a draft's, into the attachments store under the draft id
 * `answer-<questionId>`; sealing the answer declares them in its AnswerRecord and queues their uploads
 * under `answer:<answerId>`, a key no report id can take, so the drain's "report done when none of its
 * uploads is left" (the uploads `byReport` index) never counts an answer's. They upload only after the
 * answer's receipt checked out (src/reporter/sync/drainAnswers.ts).
 */
import { MEDIA_LIMITS, mediaAttachmentIds } from "../../shared/report/media";
import type { AnswerMedia } from "../../shared/report/followups";
import { deleteAttachment } from "../store/attachmentPieces";
import type { AnswerRecord, DeclaredAttachment, KuaDb } from "../store/db";
import { SubmitError } from "./errors";

/** The largest sealed answer the server stores (`kua.review.sealed.MAX_SEALED_BYTES`); a larger one is refused. */
export const MAX_SEALED_ANSWER_BYTES = 64 * 1024;

/** Refuses a sealed answer the server would refuse for its size (only many refs can make it so large). */
export function checkSealedSize(ciphertext: Uint8Array): void {
  if (ciphertext.length > MAX_SEALED_ANSWER_BYTES) {
    throw new SubmitError(
      "too_many_attachments",
      `The sealed answer has ${ciphertext.length} bytes; the server stores at most ${MAX_SEALED_ANSWER_BYTES}.`,
    );
  }
}

/** The draft id an answer's captures are stored under (one answer box per question). */
export const answerDraftId = (questionId: string): string => `answer-${questionId}`;

/** The uploads' `reportId` for an answer's attachments. */
export const answerUploadKey = (answerId: string): string => `answer:${answerId}`;

/** Whether the answer carries anything besides text. */
export const hasMedia = (media: AnswerMedia): boolean =>
  media.photos.length + media.voice.length + media.documents.length > 0;

/** The attachment ids to declare, in sending order; refuses more than one answer may carry. */
export function answerAttachmentIds(media: AnswerMedia): string[] {
  const ids = [...new Set(mediaAttachmentIds(media))];
  if (ids.length > MEDIA_LIMITS.attachmentsPerReport) {
    throw new SubmitError(
      "too_many_attachments",
      `An answer carries at most ${MEDIA_LIMITS.attachmentsPerReport} attachments; this one has ${ids.length}.`,
    );
  }
  return ids;
}

/**
 * Stores the sealed answer with its declared attachments and queues their uploads, in one
 * transaction; captures for this question that the answer no longer names are deleted.
 */
export async function queueAnswer(
  db: KuaDb,
  record: Omit<AnswerRecord, "attachments">,
  ids: readonly string[],
): Promise<AnswerRecord> {
  const tx = db.transaction(["attachments", "attachmentPieces", "uploads", "answers"], "readwrite");
  const uploads = tx.objectStore("uploads");
  const captured = await tx.objectStore("attachments").index("byDraft").getAll(answerDraftId(record.questionId));
  const queued = await Promise.all(captured.map((attachment) => uploads.count(attachment.attachmentId)));
  const available = captured.filter((_, i) => queued[i] === 0);
  const attachments: DeclaredAttachment[] = [];
  for (const id of ids) {
    const attachment = available.find((candidate) => candidate.attachmentId === id);
    if (attachment === undefined) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new SubmitError("photo_missing", "A photo of this answer is no longer on the phone; remove it and retry.");
    }
    attachments.push({ attachmentId: id, bytes: attachment.bytes });
  }
  const full: AnswerRecord = { ...record, attachments };
  const key = answerUploadKey(record.answerId);
  await Promise.all([
    tx.objectStore("answers").put(full),
    ...ids.map((id) => uploads.put({ attachmentId: id, reportId: key, uploadUrl: null, sentBytes: 0 })),
    ...available
      .filter((attachment) => !ids.includes(attachment.attachmentId))
      .map((attachment) => deleteAttachment(tx, attachment.attachmentId)),
    tx.done,
  ]);
  return full;
}

/**
 * Deletes answer captures that no answer box holds any more (the app was closed with a photo taken
 * and not sent): run once as "My reports" loads, before any answer box exists. Queued ones stay, and
 * so do `keep` (recordings finished after a killed page, which the answer box picks up).
 */
export async function sweepAnswerCaptures(db: KuaDb, keep: ReadonlySet<string> = new Set()): Promise<void> {
  const tx = db.transaction(["attachments", "attachmentPieces", "uploads"], "readwrite");
  const byDraft = tx.objectStore("attachments").index("byDraft");
  const ids = await byDraft.getAllKeys(IDBKeyRange.bound("answer-", "answer-\uffff"));
  const queued = await Promise.all(ids.map((id) => tx.objectStore("uploads").count(id)));
  await Promise.all([
    ...ids.filter((id, i) => queued[i] === 0 && !keep.has(id)).map((id) => deleteAttachment(tx, id)),
    tx.done,
  ]);
}
