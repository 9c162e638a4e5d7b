/**
 * The shapes of the review API (docs/review.md, "API" and "Shapes"), as the server sends them.
 * Only what the server learned on arrival and the triage facts: every text is ciphertext.
 */

export type Role = "triager" | "admin";
export type RecipientState = "none" | "pending" | "listed";
export type Status = "new" | "in_review" | "verified" | "escalated" | "closed" | "rejected" | "duplicate";
export type Priority = "low" | "normal" | "high" | "urgent";

export const PRIORITIES: readonly Priority[] = ["low", "normal", "high", "urgent"];

export interface Reviewer {
  id: string;
  name: string;
  role: Role;
  /** The server adds it (docs/review.md, "Server"): a disabled reviewer cannot be assigned. */
  state?: "active" | "disabled";
  recipient: string | null;
  recipient_state: RecipientState;
}

/** What `POST /session`, `GET /session` and an accepted invitation answer. */
export interface SignedIn {
  reviewer: Reviewer;
  csrf_token: string;
}

export interface Invitation {
  name: string;
  role: Role;
  expires_at: string;
}

export interface TotpEnrollment {
  secret: string;
  otpauth_uri: string;
}

export interface AttachmentMeta {
  attachment_id: string;
  /** Whether its upload completed (only then is its ciphertext served). */
  received: boolean;
}

/** A report as the server knows it: arrival facts and triage, never its content. */
export interface ReportMeta {
  report_id: string;
  received_at: string;
  size: number;
  sha256: string;
  attachments: AttachmentMeta[];
  status: Status;
  duplicate_of: string | null;
  priority: Priority;
  assignee_id: string | null;
  labels: string[];
  case_id: string | null;
  updated_at: string;
  /** Follow-up questions and answers (docs/review.md, "Follow-up questions"); absent from older servers. */
  messages?: MessageCounts;
}

export interface MessageCounts {
  questions: number;
  answers: number;
  /** When the family's last answer arrived; null if none. */
  last_answer_at: string | null;
}

/** A follow-up question (a reviewer's) or answer (the family's): facts only, its age file fetched apart. */
export interface ReportMessage {
  message_id: string;
  report_id: string;
  kind: "question" | "answer";
  /** The reviewer who asked; null for an answer. */
  author_id: string | null;
  created_at: string;
  sha256: string;
  size: number;
}

export interface ReportPage {
  reports: ReportMeta[];
  next_before: string | null;
}

/** The triage facts `PATCH /reports/{id}` changes (each optional). */
export interface TriagePatch {
  priority?: Priority;
  assignee_id?: string | null;
  labels?: string[];
}

export interface Note {
  note_id: string;
  report_id: string;
  author_id: string;
  created_at: string;
  /** The age file, standard base64. */
  ciphertext: string;
}

export interface Case {
  case_id: string;
  /** The sealed title (age file), standard base64. */
  title_ciphertext: string;
  created_at: string;
  created_by: string;
  report_ids: string[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  subject: string | null;
  details: Record<string, unknown> | null;
  hash: string;
}

/** `POST /reports/ciphertexts`: the age files of reports kept in their rows, standard base64. */
export interface CiphertextsAnswer {
  reports: { report_id: string; ciphertext: string }[];
  in_blobs: string[];
}

/** What the client makes of it. */
export interface CiphertextBatch {
  ciphertexts: Map<string, Uint8Array<ArrayBuffer>>;
  inBlobs: string[];
}
