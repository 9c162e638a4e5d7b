/**
 * Submitting a draft: build the report, seal it to the verified recipient list, and queue the
 * ciphertext in the outbox, in one transaction that also queues the upload of the draft's photos,
 * stores the report's own keys (reporter token, reply identity; encrypted under the lock key) and
 * deletes the draft. From here on only ciphertext (and later a receipt) stays on the phone, plus, until
 * the receipt, the report's plaintext at rest (like a draft) so it can be re-sealed to a newer list
 * (src/reporter/outbox/reseal.ts).
 */
import { v7 as uuidv7 } from "uuid";

import type { RecipientList } from "../../shared/crypto";
import { missingToSend, type ReportDraftV2 } from "../../shared/report/draftV2";
import { checkReportV2, REPORT_V2, type PhotoRef, type ReportV2 } from "../../shared/report/v2";
import { deleteAttachment } from "../store/attachmentPieces";
import type { AttachmentRole, DeclaredAttachment, KuaDb, OutboxRecord, ReportKeysRecord, SealedTo } from "../store/db";
import { sealReportKeys, type SealAtRest } from "../store/reportKeys";
import { isoWithOffset } from "./deviceTime";
import { sha256Hex } from "../../shared/crypto/digest";
import { SubmitError } from "./errors";
import { deviceFor } from "./provenance";
import { MEDIA_LIMITS, mediaAttachmentIds, photoAttachments } from "../../shared/report/media";
import { additionBasis } from "./addition";
import { labelOf } from "./label";
import { drawReportKeys, reporterTokenSha256 } from "./reportKeys";
import { sealedToOf } from "./reseal";
import { reportPlaintext, sealToList } from "./seal";
import type { AtRest } from "../store/ownerKey";
import { toStoredBytes } from "../store/storedBytes";

/** What each attachment of `report` is, for the outbox screen: photos (small copy, original), voice, PDFs. */
export function attachmentRoles(report: ReportV2): Map<string, AttachmentRole> {
  const roles = new Map<string, AttachmentRole>();
  const photo = (ref: PhotoRef): void => {
    if (ref.previewAttachmentId) {
      roles.set(ref.previewAttachmentId, "preview");
      roles.set(ref.attachmentId, "original");
    } else {
      for (const id of photoAttachments(ref)) roles.set(id, "photo");
    }
  };
  for (const injury of report.injuries ?? []) injury.photos.forEach(photo);
  (report.otherPhotos ?? []).forEach(photo);
  for (const voice of report.voice) roles.set(voice.attachmentId, "voice");
  for (const document of report.documents) {
    document.pages.forEach(photo);
    if (document.pdf) roles.set(document.pdf.attachmentId, "document");
  }
  return roles;
}

/** The v2 report a draft becomes: a fresh UUIDv7 report id, the phone's clock and where questions go. */
export function reportFromDraft(draft: ReportDraftV2, now: Date, replyRecipient: string | null = null): ReportV2 {
  const { draftId: _draftId, updatedAt: _updatedAt, step: _step, ...answers } = draft;
  return {
    ...answers,
    format: "kua.report",
    version: REPORT_V2,
    reportId: uuidv7(),
    deviceTime: isoWithOffset(now),
    reply: replyRecipient === null ? null : { recipient: replyRecipient },
  };
}

/**
 * A report sealed and ready to queue: what `queueSealed` writes in its one transaction. It holds only
 * ciphertext and secrets sealed at rest, never the report's plaintext or its keys in the clear.
 */
export interface SealedReport {
  readonly reportId: string;
  readonly draftId: string;
  /** The phone's clock when it was sealed (the report's `deviceTime`). */
  readonly sealedAt: number;
  readonly happeningNow: boolean;
  /** The report's attachments, once each, with what each is for the outbox screen. */
  readonly attachments: readonly { readonly attachmentId: string; readonly role: AttachmentRole }[];
  readonly ciphertext: Uint8Array<ArrayBuffer>;
  readonly sha256: string;
  readonly sealedTo: SealedTo;
  readonly tokenSha256: string;
  readonly plaintextAtRest: AtRest;
  readonly keysRecord: ReportKeysRecord;
}

/**
 * Builds the report `draft` becomes at `now`, draws its keys and seals it to `list`; nothing is stored.
 * `sealAtRest` keeps the report's token and reply identity at rest (under the lock key, or sealed to the
 * owner key when sent from the lock screen).
 */
export async function sealDraft(
  db: KuaDb,
  list: RecipientList,
  draft: ReportDraftV2,
  now: Date,
  sealAtRest: SealAtRest,
): Promise<SealedReport> {
  const missing = missingToSend(draft);
  if (missing.length > 0) {
    throw new SubmitError("incomplete", `The report cannot be sent yet; missing: ${missing.join(", ")}.`);
  }
  const { keys, replyRecipient } = await drawReportKeys(list.recipients.map((entry) => entry.recipient));
  const report = reportFromDraft(draft, now, replyRecipient);
  report.device = await deviceFor(db, report);
  // The form only builds valid reports: a report the format refuses is a bug, never sealed. The log
  // names where (JSON Pointers), never what the reporter wrote.
  const checked = checkReportV2(report);
  if (!checked.ok) {
    console.error("kua: the report fails the v2 check at", checked.problems.map((problem) => problem.path).join(", "));
    throw new SubmitError("invalid", `The report fails the v2 check in ${checked.problems.length} place(s).`);
  }
  const ids = [...new Set(mediaAttachmentIds(report))];
  const roles = attachmentRoles(report);
  if (ids.length > MEDIA_LIMITS.attachmentsPerReport) {
    throw new SubmitError(
      "too_many_attachments",
      `A report carries at most ${MEDIA_LIMITS.attachmentsPerReport} attachments; this one has ${ids.length}.`,
    );
  }
  const plaintext = reportPlaintext(report);
  let ciphertext: Uint8Array<ArrayBuffer>;
  let plaintextAtRest: AtRest;
  try {
    ciphertext = await sealToList(plaintext, list);
    plaintextAtRest = await sealAtRest(plaintext);
  } finally {
    plaintext.fill(0);
  }
  return {
    reportId: report.reportId,
    draftId: draft.draftId,
    sealedAt: now.getTime(),
    happeningNow: report.happeningNow,
    attachments: ids.map((attachmentId) => ({ attachmentId, role: roles.get(attachmentId) ?? "photo" })),
    ciphertext,
    sha256: await sha256Hex(ciphertext),
    sealedTo: await sealedToOf(list),
    tokenSha256: await reporterTokenSha256(keys.reporterToken),
    plaintextAtRest,
    keysRecord: await sealReportKeys(sealAtRest, report.reportId, {
      ...keys,
      label: labelOf(draft),
      addition: additionBasis(draft),
    }),
  };
}

/**
 * Queues `sealed` in one transaction: the outbox record (with the plaintext at rest for re-sealing),
 * the report's keys, the uploads of its attachments; the draft and the photos removed from it are
 * deleted. Returns the report id; the caller holds the drafts mutex.
 */
export async function queueSealed(db: KuaDb, sealed: SealedReport): Promise<string> {
  const { reportId, draftId, ciphertext } = sealed;
  const ids = sealed.attachments.map((attachment) => attachment.attachmentId);
  const tx = db.transaction(
    ["drafts", "attachments", "attachmentPieces", "uploads", "outbox", "reportKeys"],
    "readwrite",
  );
  const uploads = tx.objectStore("uploads");
  const ownPhotos = await tx.objectStore("attachments").index("byDraft").getAll(draftId);
  const submitted = await Promise.all(ownPhotos.map((photo) => uploads.count(photo.attachmentId)));
  const available = ownPhotos.filter((_, i) => submitted[i] === 0);
  const declared: DeclaredAttachment[] = [];
  for (const { attachmentId, role } of sealed.attachments) {
    const photo = available.find((candidate) => candidate.attachmentId === attachmentId);
    if (photo === undefined) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new SubmitError("photo_missing", "A photo of this report is no longer on the phone; remove it and retry.");
    }
    declared.push({ attachmentId, bytes: photo.bytes, role });
  }
  const record: OutboxRecord = {
    reportId,
    sealedAt: sealed.sealedAt,
    happeningNow: sealed.happeningNow,
    ciphertext: toStoredBytes(ciphertext),
    sha256: sealed.sha256,
    bytes: ciphertext.length,
    attachments: declared,
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    tokenSha256: sealed.tokenSha256,
    plaintextAtRest: sealed.plaintextAtRest,
    sealedTo: sealed.sealedTo,
  };
  await Promise.all([
    tx.objectStore("outbox").put(record),
    tx.objectStore("reportKeys").put(sealed.keysRecord),
    ...ids.map((id) => uploads.put({ attachmentId: id, reportId, uploadUrl: null, sentBytes: 0 })),
    // Photos taken for the draft and removed from it again are not sent.
    ...available
      .filter((photo) => !ids.includes(photo.attachmentId))
      .map((photo) => deleteAttachment(tx, photo.attachmentId)),
    tx.objectStore("drafts").delete(draftId),
    tx.done,
  ]);
  return reportId;
}

/** Seals `draft` to `list` and queues it (`sealDraft`, then `queueSealed`); returns the report id. */
export async function submitDraft(
  db: KuaDb,
  list: RecipientList,
  draft: ReportDraftV2,
  now: Date,
  sealAtRest: SealAtRest,
): Promise<string> {
  return queueSealed(db, await sealDraft(db, list, draft, now, sealAtRest));
}
