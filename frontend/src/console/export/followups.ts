/**
 * A report's follow-ups for `followups.json`, opened as the report screen opens them
 * (followups/thread.ts): each question with the family's answers under it, each answer's media named
 * with the SHA-256 the answer vouches for. A list that cannot be had, or a question or answer that
 * cannot be opened, is listed with its problem, never dropped.
 */
import type { ReviewApi } from "../api";
import type { Followup, Reviewer } from "../apiTypes";
import { reviewerName } from "../context";
import { openMessage } from "../followups/seal";
import { threadOf, type FollowUpItem, type Opened } from "../followups/thread";
import { openableFollowup } from "../grants/answers";
import type { KeyRing } from "../keys/keyring";
import type { Answer } from "../../shared/report/followups";
import type { ExportAnswer, ExportAnswerMedia, ExportFollowup } from "./manifest";

export interface FollowupSources {
  api: Pick<ReviewApi, "followups" | "followupCiphertext" | "reportGrants">;
  keyring: Pick<KeyRing, "identity">;
  reviewers: ReadonlyMap<string, Reviewer>;
}

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const objects = (value: unknown): Fields[] => (Array.isArray(value) ? value.filter(isObject) : []);
/** A ref's id or hash as given; "" when it is not a string (then listed as `invalid_id` or flagged, not dropped). */
const given = (value: unknown): string => (typeof value === "string" ? value : "");

/**
 * Every attachment an answer names (photos, documents' pages and PDFs, recordings), read from the
 * answer as sent: unlike the report screen, a malformed ref is kept, so the manifest can say so.
 */
export function answerAttachments(answer: Answer): ExportAnswerMedia[] {
  const media: Fields = isObject(answer.media) ? answer.media : {};
  const photo = (kind: "photo" | "page") => (ref: Fields) => ({
    attachment_id: given(ref.attachmentId),
    kind,
    sha256: given(ref.sealedSha256),
  });
  return [
    ...objects(media.photos).map(photo("photo")),
    ...objects(media.documents).flatMap((document) => [
      ...objects(document.pages).map(photo("page")),
      ...(isObject(document.pdf)
        ? [
            {
              attachment_id: given(document.pdf.attachmentId),
              kind: "pdf" as const,
              sha256: given(document.pdf.sha256),
            },
          ]
        : []),
    ]),
    ...objects(media.voice).map((ref) => ({
      attachment_id: given(ref.attachmentId),
      kind: "voice" as const,
      sha256: given(ref.sha256),
    })),
  ];
}

async function openOne(sources: FollowupSources, followup: Followup): Promise<Opened> {
  let ciphertext: Uint8Array;
  try {
    ciphertext = await openableFollowup(sources.api, sources.keyring.identity(), followup);
  } catch {
    return { problem: "fetch_failed" };
  }
  try {
    return { value: await openMessage(ciphertext, sources.keyring.identity()) };
  } catch (error) {
    return { problem: error instanceof SyntaxError ? "malformed" : "not_for_this_key" };
  }
}

const exportedAnswer = (item: FollowUpItem): ExportAnswer => ({
  answer_id: item.followup.followup_id,
  received_at: item.followup.created_at,
  written_at: item.answer?.writtenAt ?? null,
  text: item.text,
  media: item.answer === null ? [] : answerAttachments(item.answer),
  problem: item.problem,
});

/** The report's questions, each with its answers, then the answers naming no listed question. */
export async function followupsOf(sources: FollowupSources, reportId: string): Promise<ExportFollowup[]> {
  const none = { report_id: reportId, question_id: null, asked_at: null, asked_by: null, text: null, answers: [] };
  let listed: Followup[];
  try {
    listed = await sources.api.followups(reportId);
  } catch {
    return [{ ...none, problem: "fetch_failed" }];
  }
  const opened = new Map<string, Opened>();
  for (const followup of listed) opened.set(followup.followup_id, await openOne(sources, followup));

  const questions: ExportFollowup[] = [];
  const unmatched: ExportAnswer[] = [];
  for (const item of threadOf(reportId, listed, opened)) {
    const { followup } = item;
    if (followup.kind === "question") {
      questions.push({
        report_id: reportId,
        question_id: followup.followup_id,
        asked_at: followup.created_at,
        asked_by:
          followup.author_id === null
            ? null
            : { id: followup.author_id, name: reviewerName(sources.reviewers, followup.author_id) },
        text: item.text,
        answers: [],
        problem: item.problem,
      });
    } else if (item.answersQuestion === null) {
      unmatched.push(exportedAnswer(item));
    } else {
      const question = questions.find((entry) => entry.question_id?.toLowerCase() === item.answersQuestion);
      question?.answers.push(exportedAnswer(item));
    }
  }
  return unmatched.length === 0 ? questions : [...questions, { ...none, answers: unmatched, problem: null }];
}
