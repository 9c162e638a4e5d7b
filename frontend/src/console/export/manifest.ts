/**
 * The export bundle's manifest, format `kua.export` version 1 (docs/review.md, "Export bundle"):
 * what a bundle holds, each report's server facts, and what went wrong (a report this key cannot
 * open, a photo whose hash the report does not vouch for) so nothing is silently left out; and the
 * shapes of the fixed JSON entries beside it (cases, notes, follow-ups, drafts).
 * `kua export open` (backend/kua/export/manifest.py) reads it; change both sides together.
 */
import type { ReportMeta } from "../apiTypes";
import type { Report } from "../../shared/report/model";
import type { ReportV2 } from "../../shared/report/v2";

export const EXPORT_FORMAT = "kua.export";
export const EXPORT_VERSION = 1;

export type ExportScope = "case" | "archive";

/** Why a photo is not in the bundle, or is there but flagged. */
export type AttachmentProblem =
  "hash_mismatch" | "not_received" | "withdrawn" | "invalid_id" | "fetch_failed" | "cannot_open";

export interface ManifestReport {
  report_id: string;
  received_at: string;
  /** SHA-256 and size of the age file the server received (what its receipt named). */
  sha256: string;
  size: number;
  status: string;
  case_id: string | null;
  /** Why the console could not open it ("not_for_this_key"...); null when `file` holds it. */
  problem: string | null;
  file: string | null;
}

export interface ManifestAttachment {
  attachment_id: string;
  report_id: string;
  /** The family's answer that named it; absent for the report's own (an optional key: version 1 still). */
  answer_id?: string;
  /** SHA-256 (hex) of the decrypted bytes in `file`; null when there is no file. */
  sha256: string | null;
  /** What the report says the phone sealed. */
  sealed_sha256: string;
  problem: AttachmentProblem | null;
  file: string | null;
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  created_at: string;
  scope: ExportScope;
  case?: { case_id: string; title: string | null };
  exported_by: { reviewer_id: string; name: string };
  /** Who can open the bundle: the exporting reviewer, and the listed reviewers when asked. */
  sealed_to: { name: string; recipient: string }[];
  reports: ManifestReport[];
  attachments: ManifestAttachment[];
}

/** A case as `cases.json` lists it (its title opened in the browser; null when this key cannot). */
export interface ExportCase {
  case_id: string;
  title: string | null;
  created_at: string;
  created_by: string;
  report_ids: string[];
}

/** A note as `notes.json` lists it; `text` null when this key cannot open it. */
export interface ExportNote {
  note_id: string | null;
  report_id: string;
  author_id: string | null;
  author_name: string | null;
  created_at: string | null;
  text: string | null;
  problem: string | null;
}

/** What an answer's media ref names: the attachment, its kind, and the SHA-256 the answer vouches for. */
export interface ExportAnswerMedia {
  attachment_id: string;
  kind: "photo" | "page" | "pdf" | "voice";
  sha256: string;
}

/** A family's answer as `followups.json` lists it; `text` null (and `problem` set) when it was not opened. */
export interface ExportAnswer {
  answer_id: string;
  /** When the server stored it. */
  received_at: string;
  /** The phone's clock when the family sealed it; null when not opened. */
  written_at: string | null;
  text: string | null;
  media: ExportAnswerMedia[];
  problem: string | null;
}

/**
 * A question and its answers as `followups.json` lists them, in the console's reading order. Answers
 * naming no listed question (or not opened, so naming none that can be known) come last under
 * `question_id` null; a report whose follow-ups could not be listed has one such entry with a problem.
 */
export interface ExportFollowup {
  report_id: string;
  question_id: string | null;
  /** When the server stored the question. */
  asked_at: string | null;
  asked_by: { id: string; name: string } | null;
  text: string | null;
  answers: ExportAnswer[];
  /** Why the question (or the list) could not be opened: "not_for_this_key", "malformed", "fetch_failed". */
  problem: string | null;
}

/** A saved version of an appeal draft as `drafts.json` lists it (docs/review.md, "Saved drafts"). */
export interface ExportDraft {
  case_id: string;
  draft_id: string | null;
  version: number | null;
  author: { id: string; name: string } | null;
  created_at: string | null;
  addressee: string | null;
  language: string | null;
  variant: string | null;
  text: string | null;
  problem: string | null;
}

export interface ExportedReport {
  meta: ReportMeta;
  /** The report's JSON as the phone sealed it (v1 or v2); null with `problem` when it could not be opened. */
  report: Report | ReportV2 | null;
  problem: string | null;
}

export interface ExportedPhoto {
  attachmentId: string;
  reportId: string;
  /** Set for an attachment a family's answer named. */
  answerId?: string;
  sealedSha256: string;
  /** The decrypted photo; null with `problem` when it could not be had. */
  bytes: Uint8Array | null;
  sha256: string | null;
  problem: AttachmentProblem | null;
}

/** Everything gathered for one bundle. */
export interface ExportContent {
  createdAt: Date;
  scope: ExportScope;
  case: { case_id: string; title: string | null } | null;
  exportedBy: { reviewer_id: string; name: string };
  sealedTo: { name: string; recipient: string }[];
  reports: ExportedReport[];
  photos: ExportedPhoto[];
  cases: ExportCase[];
  notes: ExportNote[];
  followups: ExportFollowup[];
  drafts: ExportDraft[];
}

export const reportFile = (reportId: string): string => `reports/${reportId}.json`;
export const attachmentFile = (attachmentId: string): string => `attachments/${attachmentId}`;

/** The manifest of `content`: every report and photo listed, with a file or with its problem. */
export function buildManifest(content: ExportContent): ExportManifest {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    created_at: content.createdAt.toISOString(),
    scope: content.scope,
    ...(content.case ? { case: content.case } : {}),
    exported_by: content.exportedBy,
    sealed_to: content.sealedTo,
    reports: content.reports.map(({ meta, report, problem }) => ({
      report_id: meta.report_id,
      received_at: meta.received_at,
      sha256: meta.sha256,
      size: meta.size,
      status: meta.status,
      case_id: meta.case_id,
      problem: report === null ? (problem ?? "cannot_open") : null,
      file: report === null ? null : reportFile(meta.report_id),
    })),
    attachments: content.photos.map((photo) => ({
      attachment_id: photo.attachmentId,
      report_id: photo.reportId,
      ...(photo.answerId === undefined ? {} : { answer_id: photo.answerId }),
      sha256: photo.bytes === null ? null : photo.sha256,
      sealed_sha256: photo.sealedSha256,
      problem: photo.problem,
      file: photo.bytes === null ? null : attachmentFile(photo.attachmentId),
    })),
  };
}
