/**
 * The family's answers in a grant (docs/crypto.md, "Granting a report to a later reviewer"): each
 * answer is its own age file, sealed to the list of its day, and names its photos, recordings and
 * documents only inside. A grant re-wraps every answer the granter can open and every attachment it
 * names that the server holds; a later reviewer opens an answer with the grant made for it.
 */
import { base64 } from "@scure/base";

import { grantHeader, openableFile } from "../../shared/crypto/grant";
import { mediaAttachmentIds } from "../../shared/report/media";
import { ApiError, type ReviewApi } from "../api";
import type { AnswerGrantRequest, AttachmentGrantRequest, Followup, Grant } from "../apiTypes";
import { answerMedia } from "../followups/answerMedia";
import { asAnswer } from "../followups/format";
import { openMessage } from "../followups/seal";

export type AnswerGrantsApi = Pick<ReviewApi, "followups" | "followupCiphertext" | "attachmentCiphertext">;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The grant headers of one answer's own file (not of the attachments it names). */
export function answerHeadersOf(grants: readonly Grant[], followupId: string): Uint8Array<ArrayBuffer>[] {
  return grants
    .filter((grant) => grant.followup_id === followupId && (grant.attachment_id ?? null) === null)
    .map((grant) => new Uint8Array(base64.decode(grant.header)));
}

/**
 * A follow-up's age file as this identity can open it: an answer with a grant header made for this
 * reviewer when its own header does not open (the report's grants are fetched only then).
 */
export async function openableFollowup(
  api: Pick<ReviewApi, "followupCiphertext" | "reportGrants">,
  identity: string,
  followup: Pick<Followup, "followup_id" | "report_id" | "kind">,
): Promise<Uint8Array> {
  const ciphertext = await api.followupCiphertext(followup.followup_id);
  if (followup.kind !== "answer") return ciphertext;
  return openableFile(ciphertext, [identity], async () =>
    answerHeadersOf((await api.reportGrants(followup.report_id)).grants, followup.followup_id),
  );
}

/** The attachment's age file, or null when the server holds no complete upload under this id (yet). */
async function heldAttachment(api: AnswerGrantsApi, attachmentId: string): Promise<Uint8Array | null> {
  try {
    return await api.attachmentCiphertext(attachmentId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/**
 * Headers for `recipients` of every answer to the report that `identity` opens (with the report's
 * `grants` if need be), and of every attachment those answers name that the server holds. An answer
 * the granter cannot open is left out: it cannot be re-wrapped.
 */
export async function answerGrants(
  api: AnswerGrantsApi,
  identity: string,
  reportId: string,
  grants: readonly Grant[],
  recipients: readonly string[],
): Promise<{ answers: AnswerGrantRequest[]; attachments: AttachmentGrantRequest[] }> {
  const answers: AnswerGrantRequest[] = [];
  const attachments: AttachmentGrantRequest[] = [];
  const seen = new Set<string>(); // an attachment two answers name is granted once
  const answersOf = (await api.followups(reportId)).filter((followup) => followup.kind === "answer");
  for (const followup of answersOf) {
    const file = await openableFile(await api.followupCiphertext(followup.followup_id), [identity], async () =>
      answerHeadersOf(grants, followup.followup_id),
    );
    let header: Uint8Array, value: unknown;
    try {
      header = await grantHeader(file, [identity], recipients);
      value = await openMessage(file, identity);
    } catch {
      continue;
    }
    answers.push({ followup_id: followup.followup_id, header: base64.encode(header) });
    const answer = asAnswer(value, reportId, followup.followup_id);
    const named = mediaAttachmentIds(answerMedia(answer)).map((id) => id.toLowerCase());
    for (const attachmentId of named.filter((id) => UUID.test(id) && !seen.has(id))) {
      seen.add(attachmentId);
      const held = await heldAttachment(api, attachmentId);
      if (held === null) continue;
      const opened = await openableFile(held, [identity], async () =>
        grants
          .filter((grant) => grant.attachment_id === attachmentId)
          .map((grant) => new Uint8Array(base64.decode(grant.header))),
      );
      const attachmentHeader = await grantHeader(opened, [identity], recipients);
      attachments.push({
        attachment_id: attachmentId,
        followup_id: followup.followup_id,
        header: base64.encode(attachmentHeader),
      });
    }
  }
  return { answers, attachments };
}
