/**
 * The shapes of the review API (docs/review.md, "API" and "Shapes"), as the server sends them: short
 * names for the types generated from its OpenAPI document (src/shared/api/schema.gen.ts; regenerate
 * with `make api-types`). Only what the server learned on arrival and the triage facts: every text
 * is ciphertext.
 */
import type { components } from "../shared/api/schema.gen";

type Schemas = components["schemas"];

export type Reviewer = Schemas["ReviewerPublic"];
export type Role = Reviewer["role"];
export type RecipientState = Reviewer["recipient_state"];
/** What `POST /session`, `GET /session` and an accepted invitation answer. */
export type SignedIn = Schemas["SignedInPublic"];
/** A new set of recovery codes, given once. */
export type RecoveryCodes = Schemas["RecoveryCodesPublic"];
export type Invitation = Schemas["InvitationPublic"];
export type TotpEnrollment = Schemas["TotpPublic"];

/** A report as the server knows it: arrival facts and triage, never its content. */
export type ReportMeta = Schemas["ReportPublic"];
export type AttachmentMeta = Schemas["AttachmentPublic"];
export type Status = ReportMeta["status"];
export type Priority = ReportMeta["priority"];
export type ReportPage = Schemas["ReportsPublic"];
/** The triage facts `PATCH /reports/{id}` changes (each optional). */
export type TriagePatch = Schemas["TriageRequest"];

/** Follow-up questions and answers of a report (docs/review.md, "Follow-up questions"). */
export type FollowupCounts = Schemas["FollowupCountsPublic"];
/** A follow-up question (a reviewer's) or answer (the family's): facts only, its age file fetched apart. */
export type Followup = Schemas["FollowupPublic"];

export type Note = Schemas["NotePublic"];
export type Case = Schemas["CasePublic"];
/** The newest version of a case's people map (version 0, ciphertext null, before the first save). */
export type PeopleMapMeta = Schemas["PeopleMapPublic"];
/** One saved version of a case's appeal draft, as `POST /cases/{id}/drafts` answers (no ciphertext). */
export type SavedDraftMeta = Schemas["DraftPublic"];
/** A saved version as `GET /cases/{id}/drafts` lists it: with its age file, standard base64. */
export type SavedDraft = Schemas["SealedDraftPublic"];
export type AuditEntry = Schemas["AuditEntryPublic"];
/** An extra age header of a report or attachment, wrapped for reviewers who joined later (base64). */
export type Grant = Schemas["GrantPublic"];
/** `GET /reports/{id}/grants`: the grants, and the recipients listed before the report arrived. */
export type ReportGrants = Schemas["ReportGrantsPublic"];
export type GrantRequest = Schemas["GrantRequest"];
export type AnswerGrantRequest = Schemas["AnswerGrantRequest"];
export type AttachmentGrantRequest = Schemas["AttachmentGrantRequest"];
/** `POST /reports/ciphertexts`: the age files of reports kept in their rows, standard base64. */
export type CiphertextsAnswer = Schemas["CiphertextsPublic"];
export type HeldAnswer = Schemas["HeldPublic"];

/** The priorities in their order, lowest first. */
export const PRIORITIES: readonly Priority[] = ["low", "normal", "high", "urgent"];

/** What the client makes of a `CiphertextsAnswer`. */
export interface CiphertextBatch {
  ciphertexts: Map<string, Uint8Array<ArrayBuffer>>;
  inBlobs: string[];
}
