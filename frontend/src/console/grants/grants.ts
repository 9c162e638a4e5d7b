/**
 * Granting past reports to reviewers who joined later (docs/crypto.md, "Granting a report to a later
 * reviewer"; docs/review.md, "Granting past reports"), and opening what was granted to this reviewer.
 *
 * A grant re-wraps a report's file key (and each attachment's) into a new age header for recipients of
 * the current verified list only; the server keeps the headers beside the untouched ciphertext.
 */
import { base64 } from "@scure/base";

import { open, type RecipientList, type RecipientListEntry } from "../../shared/crypto";
import { grantHeader, headerOpens, openableFile } from "../../shared/crypto/grant";
import { readSealed } from "../../shared/report/read";
import type { ReviewApi } from "../api";
import type { AttachmentMeta, Grant, ReportGrants } from "../apiTypes";
import { answerGrants, type AnswerGrantsApi } from "./answers";

export type GrantsApi = AnswerGrantsApi &
  Pick<ReviewApi, "reportCiphertext" | "attachmentCiphertext" | "reportGrants" | "attachmentGrants" | "grantReport">;

/**
 * The grant headers of the report's own file (`attachmentId` null) or of one attachment; an answer's
 * own headers are not the report's (grants/answers.ts).
 */
export function headersOf(grants: readonly Grant[], attachmentId: string | null): Uint8Array<ArrayBuffer>[] {
  return grants
    .filter((grant) => (grant.attachment_id ?? null) === attachmentId)
    .filter((grant) => attachmentId !== null || (grant.followup_id ?? null) === null)
    .map((grant) => new Uint8Array(base64.decode(grant.header)));
}

/**
 * Recipients of the current verified list who cannot open the report yet: not listed before it
 * arrived (the phone sealed to an earlier list), not this reviewer, not granted it already.
 */
export function joinedLater(
  list: RecipientList,
  ownRecipient: string | null,
  grants: ReportGrants,
): RecipientListEntry[] {
  const earlier = new Set(grants.earlier_recipients);
  const granted = new Set(
    grants.grants.filter((grant) => grant.attachment_id == null).flatMap((g) => g.recipients.map((r) => r.recipient)),
  );
  return list.recipients.filter(
    (entry) => entry.recipient !== ownRecipient && !earlier.has(entry.recipient) && !granted.has(entry.recipient),
  );
}

/**
 * An attachment's age file as `identities` can open it (with a grant header if need be; one sealed to
 * its report's attachment identity needs none: `KeyRing.identitiesFor`).
 */
export async function openableAttachment(
  api: Pick<ReviewApi, "attachmentCiphertext" | "attachmentGrants">,
  identities: readonly string[],
  attachmentId: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const ciphertext = await api.attachmentCiphertext(attachmentId);
  return openableFile(ciphertext, identities, async () =>
    headersOf(await api.attachmentGrants(attachmentId), attachmentId),
  );
}

/** The report's attachment identity (docs/crypto.md, "One recipient per report"), or null. */
async function attachmentIdentityOf(report: Uint8Array, identity: string): Promise<string | null> {
  try {
    return readSealed(await open(report, [identity])).report.attachmentIdentity ?? null;
  } catch {
    return null; // not a report this version reads: its attachments are granted as before
  }
}

/**
 * Grants the report, its received attachments, the family's answers and the attachments those name
 * to `recipients` (entries of the current verified list): every header is re-wrapped here with
 * `identity`, then sent in one request (one audit entry). An attachment sealed to the report's own
 * attachment identity gets no grant: the granted report carries that identity.
 */
export async function grantReport(
  api: GrantsApi,
  identity: string,
  reportId: string,
  attachments: readonly AttachmentMeta[],
  recipients: readonly RecipientListEntry[],
): Promise<void> {
  const grants = await api.reportGrants(reportId);
  const keys = recipients.map((entry) => entry.recipient);
  const report = await openableFile(await api.reportCiphertext(reportId), [identity], async () =>
    headersOf(grants.grants, null),
  );
  const header = await grantHeader(report, [identity], keys);
  const reportIdentity = await attachmentIdentityOf(report, identity);
  const attachmentGrants = [];
  for (const attachment of attachments.filter((a) => a.received)) {
    const ciphertext = await api.attachmentCiphertext(attachment.attachment_id);
    if (reportIdentity !== null && (await headerOpens(ciphertext, [reportIdentity]))) continue;
    const file = await openableFile(ciphertext, [identity], async () =>
      headersOf(grants.grants, attachment.attachment_id),
    );
    const attachmentHeader = await grantHeader(file, [identity], keys);
    attachmentGrants.push({ attachment_id: attachment.attachment_id, header: base64.encode(attachmentHeader) });
  }
  const answers = await answerGrants(api, identity, reportId, grants.grants, keys);
  await api.grantReport(reportId, {
    header: base64.encode(header),
    recipients: recipients.map(({ name, recipient }) => ({ name, recipient })),
    attachments: [...attachmentGrants, ...answers.attachments],
    answers: answers.answers,
  });
}

/** How far "everything I can read" has come: reports looked at, of all, and how many were granted. */
export interface GrantProgress {
  readonly done: number;
  readonly total: number;
  readonly granted: number;
  readonly failed: number;
}

/**
 * Grants every report this reviewer can read to the recipients of `list` who joined after it arrived,
 * one report at a time (each re-wrap is a post-quantum decapsulation and a few encapsulations).
 */
export async function grantEverything(
  api: GrantsApi,
  identity: () => string,
  ownRecipient: string | null,
  list: RecipientList,
  reports: readonly { reportId: string; attachments: readonly AttachmentMeta[] }[],
  onProgress: (progress: GrantProgress) => void,
): Promise<GrantProgress> {
  let progress: GrantProgress = { done: 0, total: reports.length, granted: 0, failed: 0 };
  onProgress(progress);
  for (const { reportId, attachments } of reports) {
    let granted = 0;
    let failed = 0;
    try {
      const missing = joinedLater(list, ownRecipient, await api.reportGrants(reportId));
      if (missing.length > 0) {
        await grantReport(api, identity(), reportId, attachments, missing);
        granted = 1;
      }
    } catch {
      failed = 1;
    }
    progress = {
      ...progress,
      done: progress.done + 1,
      granted: progress.granted + granted,
      failed: progress.failed + failed,
    };
    onProgress(progress);
  }
  return progress;
}
