/**
 * The review API client (docs/review.md): JSON over `fetch` with the session cookie, the CSRF
 * header on every state-changing request, and one error type carrying the server's stable code.
 *
 * A `401` anywhere but at sign-in means the session is gone: the client forgets its CSRF token and
 * tells the console (`onSignedOut`), which goes back to the sign-in screen.
 */
import { base64 } from "@scure/base";

import type {
  AuditEntry,
  Case,
  CiphertextBatch,
  CiphertextsAnswer,
  HeldAnswer,
  Invitation,
  Note,
  PeopleMapMeta,
  RecoveryCodes,
  ReportMeta,
  Followup,
  Grant,
  GrantRequest,
  ReportGrants,
  ReportPage,
  Reviewer,
  SavedDraft,
  SavedDraftMeta,
  SignedIn,
  Status,
  TotpEnrollment,
  TriagePatch,
} from "./apiTypes";

export const API_BASE = "/api/v1/review";
export const CSRF_HEADER = "X-Kua-CSRF";

/** Codes the contract and the server name, plus `network` (no answer) and `bad_answer` (not the promised shape). */
export type ApiErrorCode =
  | "not_signed_in"
  | "forbidden"
  | "csrf_failed"
  | "invitation_not_found"
  | "invitation_used"
  | "invitation_expired"
  | "login_failed"
  | "rate_limited"
  | "invalid_recipient"
  | "transition_refused"
  | "totp_not_started"
  | "invalid_totp_code"
  | "password_too_short"
  | "password_blank"
  | "password_repeated"
  | "password_common"
  | "name_taken"
  | "invalid_duplicate_of"
  | "invalid_labels"
  | "invalid_assignee"
  | "invalid_case"
  | "case_not_found"
  | "stale_people_map"
  | "report_not_found"
  | "attachment_not_found"
  | "answer_not_found"
  | "invalid_grant_header"
  | "grant_recipient_not_listed"
  | "not_age_encrypted"
  | "too_large"
  | "message_conflict"
  | "message_not_found"
  | "reporter_unreachable"
  | "invalid_request"
  | "not_found"
  | "network"
  | "bad_answer"
  | (string & {});

/** A refusal by the server (its `{error: {code, message}}`), or no usable answer at all. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A saved appeal draft with its age file (the generated `SealedDraftPublic`). */
export type { SavedDraft };

export interface ApiOptions {
  readonly fetch?: typeof fetch;
  /** Prefix of every path ("/api/v1/review"); tests give an absolute URL. */
  readonly base?: string;
  /** Called once per lost session (a 401 outside sign-in). */
  readonly onSignedOut?: () => void;
}

type Body = { json: unknown } | { bytes: Uint8Array<ArrayBuffer> } | null;
type Expect = "json" | "bytes" | "none";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Reads `{error: {code, message}}`; anything else becomes `http_<status>`. */
async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = body.error ?? {};
    if (typeof code === "string") {
      return new ApiError(response.status, code, typeof message === "string" ? message : code);
    }
  } catch {
    // Not JSON (a proxy's page): fall through.
  }
  const code = response.status === 404 ? "not_found" : `http_${response.status}`;
  return new ApiError(response.status, code, `The server answered ${response.status}.`);
}

export class ReviewApi {
  /** The CSRF token of the current session; null when signed out. */
  csrfToken: string | null = null;
  private readonly fetcher: typeof fetch;
  private readonly base: string;
  private readonly onSignedOut: () => void;

  constructor(options: ApiOptions = {}) {
    this.fetcher = options.fetch ?? ((input, init) => fetch(input, init));
    this.base = options.base ?? API_BASE;
    this.onSignedOut = options.onSignedOut ?? (() => undefined);
  }

  /** One request; `signingIn` marks the calls whose 401 is an answer, not a lost session. */
  private async request<T>(method: string, path: string, body: Body, expect: Expect, signingIn = false): Promise<T> {
    const headers = new Headers({ Accept: expect === "bytes" ? "application/octet-stream" : "application/json" });
    let payload: BodyInit | undefined;
    if (body && "json" in body) {
      headers.set("Content-Type", "application/json");
      payload = JSON.stringify(body.json);
    } else if (body) {
      headers.set("Content-Type", "application/octet-stream");
      payload = new Blob([body.bytes]);
    }
    if (UNSAFE.has(method) && this.csrfToken !== null) headers.set(CSRF_HEADER, this.csrfToken);
    let response: Response;
    try {
      response = await this.fetcher(`${this.base}${path}`, {
        method,
        headers,
        body: payload ?? null,
        credentials: "same-origin",
        cache: "no-store",
        redirect: "error",
      });
    } catch {
      throw new ApiError(0, "network", "The server could not be reached.");
    }
    if (!response.ok) {
      const error = await errorOf(response);
      if (response.status === 401 && !signingIn) {
        this.csrfToken = null;
        this.onSignedOut();
      }
      throw error;
    }
    if (expect === "none") return undefined as T;
    if (expect === "bytes") return new Uint8Array(await response.arrayBuffer()) as T;
    try {
      return (await response.json()) as T;
    } catch {
      throw new ApiError(response.status, "bad_answer", "The server's answer is not JSON.");
    }
  }

  private remember(answer: SignedIn): SignedIn {
    this.csrfToken = answer.csrf_token;
    return answer;
  }

  // ---- accounts ----

  /** The invitation behind a link's token: who it is for. */
  invitation(token: string): Promise<Invitation> {
    return this.request("GET", `/invitations/${encodeURIComponent(token)}`, null, "json", true);
  }

  /** A new pending TOTP secret for the invited reviewer. */
  invitationTotp(token: string): Promise<TotpEnrollment> {
    return this.request("POST", `/invitations/${encodeURIComponent(token)}/totp`, null, "json", true);
  }

  /** Sets the password, confirms the TOTP secret with a code, and signs in. */
  async acceptInvitation(token: string, password: string, totpCode: string): Promise<SignedIn> {
    const body = { json: { password, totp_code: totpCode } };
    return this.remember(
      await this.request("POST", `/invitations/${encodeURIComponent(token)}/accept`, body, "json", true),
    );
  }

  async signIn(name: string, password: string, totpCode: string): Promise<SignedIn> {
    const body = { json: { name, password, totp_code: totpCode } };
    return this.remember(await this.request("POST", "/session", body, "json", true));
  }

  /** A new set of ten recovery codes (shown once); the unused old ones stop working. */
  async newRecoveryCodes(): Promise<string[]> {
    const answer: RecoveryCodes = await this.request("POST", "/me/recovery-codes", null, "json");
    return answer.recovery_codes;
  }

  /** The current session (after a reload); a 401 means signed out. */
  async session(): Promise<SignedIn> {
    return this.remember(await this.request("GET", "/session", null, "json"));
  }

  async signOut(): Promise<void> {
    try {
      await this.request("DELETE", "/session", null, "none", true);
    } finally {
      this.csrfToken = null;
    }
  }

  me(): Promise<Reviewer> {
    return this.request("GET", "/me", null, "json");
  }

  setRecipient(recipient: string): Promise<Reviewer> {
    return this.request("PUT", "/me/recipient", { json: { recipient } }, "json");
  }

  async reviewers(): Promise<Reviewer[]> {
    return (await this.request<{ reviewers: Reviewer[] }>("GET", "/reviewers", null, "json")).reviewers;
  }

  // ---- reports ----

  /** One page of reports, newest first; `before` is the previous page's `next_before`. */
  reports(options: { limit?: number; before?: string | null } = {}): Promise<ReportPage> {
    const query = new URLSearchParams();
    if (options.limit !== undefined) query.set("limit", String(options.limit));
    if (options.before) query.set("before", options.before);
    const suffix = query.toString() === "" ? "" : `?${query.toString()}`;
    return this.request("GET", `/reports${suffix}`, null, "json");
  }

  report(reportId: string): Promise<ReportMeta> {
    return this.request("GET", `/reports/${encodeURIComponent(reportId)}`, null, "json");
  }

  reportCiphertext(reportId: string): Promise<Uint8Array<ArrayBuffer>> {
    return this.request("GET", `/reports/${encodeURIComponent(reportId)}/ciphertext`, null, "bytes");
  }

  /**
   * Up to 200 reports' age files in one request (one audit entry on the server). Larger reports,
   * kept in blob storage, are named in `inBlobs` for `reportCiphertext`; unknown ids are left out.
   */
  async reportCiphertexts(reportIds: readonly string[]): Promise<CiphertextBatch> {
    const answer: CiphertextsAnswer = await this.request(
      "POST",
      "/reports/ciphertexts",
      { json: { report_ids: reportIds } },
      "json",
    );
    const ciphertexts = new Map<string, Uint8Array<ArrayBuffer>>();
    for (const report of answer.reports)
      ciphertexts.set(report.report_id, new Uint8Array(base64.decode(report.ciphertext)));
    return { ciphertexts, inBlobs: answer.in_blobs };
  }

  /** Which of `attachmentIds` the server holds complete: asked, not downloaded (answers' media). */
  async attachmentsHeld(attachmentIds: readonly string[]): Promise<string[]> {
    const answer: HeldAnswer = await this.request(
      "POST",
      "/attachments/held",
      { json: { attachment_ids: attachmentIds } },
      "json",
    );
    return answer.held;
  }

  attachmentCiphertext(attachmentId: string): Promise<Uint8Array<ArrayBuffer>> {
    return this.request("GET", `/attachments/${encodeURIComponent(attachmentId)}/ciphertext`, null, "bytes");
  }

  /** The report's grant headers (its own, its attachments' and its answers'), and who was listed before it. */
  reportGrants(reportId: string): Promise<ReportGrants> {
    return this.request("GET", `/reports/${encodeURIComponent(reportId)}/grants`, null, "json");
  }

  async attachmentGrants(attachmentId: string): Promise<Grant[]> {
    const path = `/attachments/${encodeURIComponent(attachmentId)}/grants`;
    return (await this.request<{ grants: Grant[] }>("GET", path, null, "json")).grants;
  }

  /** Keeps grant headers for a report and its attachments (docs/crypto.md, "Granting a report"). */
  async grantReport(reportId: string, grant: GrantRequest): Promise<Grant[]> {
    const path = `/reports/${encodeURIComponent(reportId)}/grants`;
    return (await this.request<{ grants: Grant[] }>("POST", path, { json: grant }, "json")).grants;
  }

  setStatus(reportId: string, status: Status, duplicateOf: string | null = null): Promise<ReportMeta> {
    const json = duplicateOf === null ? { status } : { status, duplicate_of: duplicateOf };
    return this.request("POST", `/reports/${encodeURIComponent(reportId)}/status`, { json }, "json");
  }

  updateTriage(reportId: string, patch: TriagePatch): Promise<ReportMeta> {
    return this.request("PATCH", `/reports/${encodeURIComponent(reportId)}`, { json: patch }, "json");
  }

  // ---- notes and cases ----

  async notes(reportId: string): Promise<Note[]> {
    return (
      await this.request<{ notes: Note[] }>("GET", `/reports/${encodeURIComponent(reportId)}/notes`, null, "json")
    ).notes;
  }

  /** Adds a note: the age file sealed in the browser. */
  addNote(reportId: string, ciphertext: Uint8Array<ArrayBuffer>): Promise<Note> {
    return this.request("POST", `/reports/${encodeURIComponent(reportId)}/notes`, { bytes: ciphertext }, "json");
  }

  async cases(): Promise<Case[]> {
    return (await this.request<{ cases: Case[] }>("GET", "/cases", null, "json")).cases;
  }

  /** Creates a case from its sealed title (an age file). */
  createCase(titleCiphertext: Uint8Array<ArrayBuffer>): Promise<Case> {
    return this.request("POST", "/cases", { bytes: titleCiphertext }, "json");
  }

  linkCase(reportId: string, caseId: string | null): Promise<ReportMeta> {
    return this.request("PUT", `/reports/${encodeURIComponent(reportId)}/case`, { json: { case_id: caseId } }, "json");
  }

  /** The newest version of the case's sealed people map. */
  peopleMap(caseId: string): Promise<PeopleMapMeta> {
    return this.request("GET", `/cases/${encodeURIComponent(caseId)}/people-map`, null, "json");
  }

  /** Saves the sealed people map as the version after `expectedVersion` (409 stale_people_map if not the newest). */
  savePeopleMap(caseId: string, expectedVersion: number, ciphertext: Uint8Array<ArrayBuffer>): Promise<PeopleMapMeta> {
    const path = `/cases/${encodeURIComponent(caseId)}/people-map?expected_version=${expectedVersion}`;
    return this.request("PUT", path, { bytes: ciphertext }, "json");
  }

  /** Every saved version of the case's appeal drafts, oldest first, each with its age file (base64). */
  async caseDrafts(caseId: string): Promise<SavedDraft[]> {
    const path = `/cases/${encodeURIComponent(caseId)}/drafts`;
    return (await this.request<{ drafts: SavedDraft[] }>("GET", path, null, "json")).drafts;
  }

  /** Saves a sealed appeal draft (a `kua.draft` age file) as the case's next version. */
  saveCaseDraft(caseId: string, ciphertext: Uint8Array<ArrayBuffer>): Promise<SavedDraftMeta> {
    return this.request("POST", `/cases/${encodeURIComponent(caseId)}/drafts`, { bytes: ciphertext }, "json");
  }

  // ---- follow-up questions ----

  /** The report's questions and answers, oldest first (facts only). */
  async followups(reportId: string): Promise<Followup[]> {
    const path = `/reports/${encodeURIComponent(reportId)}/followups`;
    return (await this.request<{ followups: Followup[] }>("GET", path, null, "json")).followups;
  }

  /** A question's or answer's age file (each fetch is in the audit log). */
  followupCiphertext(followupId: string): Promise<Uint8Array<ArrayBuffer>> {
    return this.request("GET", `/followups/${encodeURIComponent(followupId)}/ciphertext`, null, "bytes");
  }

  /** Asks the family: the question sealed in the browser, under an id chosen here (a retry is harmless). */
  askQuestion(reportId: string, questionId: string, ciphertext: Uint8Array<ArrayBuffer>): Promise<Followup> {
    const path = `/reports/${encodeURIComponent(reportId)}/questions/${encodeURIComponent(questionId)}`;
    return this.request("PUT", path, { bytes: ciphertext }, "json");
  }

  // ---- audit (admins) ----

  async audit(options: { after?: number; limit?: number } = {}): Promise<AuditEntry[]> {
    const query = new URLSearchParams();
    if (options.after !== undefined) query.set("after", String(options.after));
    if (options.limit !== undefined) query.set("limit", String(options.limit));
    const suffix = query.toString() === "" ? "" : `?${query.toString()}`;
    return (await this.request<{ entries: AuditEntry[] }>("GET", `/audit${suffix}`, null, "json")).entries;
  }
}
