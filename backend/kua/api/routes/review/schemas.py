"""The JSON shapes of the review API (docs/review.md, "Shapes"). Ciphertexts in JSON are base64."""

import base64
import json
import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from kua.db.models import AuditEntry, CaseDraft, ReportGrant, Reviewer, ReviewNote
from kua.review import audit, ciphertexts, grants, keys
from kua.review.accounts import MAX_NAME_LENGTH
from kua.review.cases import CaseView
from kua.review.keys import RecipientState
from kua.review.passwords import MAX_PASSWORD_LENGTH
from kua.review.people_map import PeopleMapView
from kua.review.queue import ReportView
from kua.review.roles import Role
from kua.review.triage import Priority, Status

# A post-quantum recipient is about 1,950 characters; anything far longer is not one.
MAX_RECIPIENT_LENGTH = 4096


def b64(ciphertext: bytes) -> str:
    return base64.b64encode(ciphertext).decode("ascii")


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReviewerPublic(BaseModel):
    id: uuid.UUID
    name: str
    role: Role
    state: str = Field(description="active or disabled.")
    recipient: str | None
    recipient_state: RecipientState = Field(description="none, pending, or listed (in the newest published list).")

    @classmethod
    def of(cls, reviewer: Reviewer, listed: frozenset[str]) -> "ReviewerPublic":
        return cls(
            id=reviewer.id,
            name=reviewer.name,
            role=reviewer.role,
            state=reviewer.state,
            recipient=reviewer.recipient,
            recipient_state=keys.recipient_state(reviewer.recipient, listed),
        )


class SignedInPublic(BaseModel):
    reviewer: ReviewerPublic
    csrf_token: str = Field(description="Send it as X-Kua-CSRF with every POST, PUT, PATCH and DELETE.")
    recovery_codes: list[str] = Field(
        default_factory=list,
        description="One-time codes to sign in with instead of a TOTP code: given once, when an invitation is"
        " accepted or a new set is asked for; empty otherwise.",
    )
    recovery_codes_left: int | None = Field(
        default=None,
        description="How many unused recovery codes are left, when this sign-in spent one; absent otherwise.",
    )


class RecoveryCodesPublic(BaseModel):
    recovery_codes: list[str] = Field(description="The new set, given this once; the unused old codes stop working.")


class ReviewersPublic(BaseModel):
    reviewers: list[ReviewerPublic]


class InvitationPublic(BaseModel):
    name: str
    role: Role
    expires_at: datetime
    recovers: bool = Field(
        default=False, description="True when the link sets a new password and authenticator for an existing account."
    )


class TotpPublic(BaseModel):
    secret: str = Field(description="Base32, for typing into an authenticator app.")
    otpauth_uri: str = Field(description="The same secret as an otpauth:// URI, for a QR code.")


class AcceptRequest(Request):
    password: str = Field(max_length=MAX_PASSWORD_LENGTH)
    totp_code: str = Field(max_length=16)


class SignInRequest(Request):
    name: str = Field(max_length=MAX_NAME_LENGTH)
    password: str = Field(max_length=MAX_PASSWORD_LENGTH)
    totp_code: str = Field(max_length=32, description="A TOTP code, or an unused recovery code.")


class RecipientRequest(Request):
    recipient: str = Field(max_length=MAX_RECIPIENT_LENGTH)


class AttachmentPublic(BaseModel):
    attachment_id: uuid.UUID
    received: bool = Field(description="Whether its upload is complete.")
    withdrawn: bool = Field(
        default=False,
        description="The reporter withdrew it: an original whose small copy stands for it; it never comes.",
    )


class FollowupCountsPublic(BaseModel):
    questions: int
    answers: int
    last_answer_at: datetime | None = Field(description="When the family's last answer arrived; null if none.")


class ReportPublic(BaseModel):
    report_id: uuid.UUID
    received_at: datetime
    size: int
    sha256: str
    attachments: list[AttachmentPublic]
    status: Status
    duplicate_of: uuid.UUID | None
    priority: Priority
    assignee_id: uuid.UUID | None
    labels: list[str]
    case_id: uuid.UUID | None
    updated_at: datetime = Field(description="When a reviewer last changed its triage (if never, received_at).")
    followups: FollowupCountsPublic = Field(description="Follow-up questions and answers about the report.")

    @classmethod
    def of(cls, view: ReportView) -> "ReportPublic":
        followups = FollowupCountsPublic(
            questions=view.followups.questions,
            answers=view.followups.answers,
            last_answer_at=view.followups.last_answer_at,
        )
        return cls(
            report_id=view.report_id,
            received_at=view.received_at,
            size=view.size,
            sha256=view.sha256,
            attachments=[
                AttachmentPublic(attachment_id=a.attachment_id, received=a.received, withdrawn=a.withdrawn)
                for a in view.attachments
            ],
            status=view.status,
            duplicate_of=view.duplicate_of,
            priority=view.priority,
            assignee_id=view.assignee_id,
            labels=view.labels or [],
            case_id=view.case_id,
            updated_at=view.updated_at,
            followups=followups,
        )


class ReportsPublic(BaseModel):
    reports: list[ReportPublic]
    next_before: uuid.UUID | None = Field(description="Pass as `before` for the next page; null on the last page.")


class CiphertextsRequest(Request):
    report_ids: list[uuid.UUID] = Field(min_length=1, max_length=ciphertexts.MAX_BATCH)


class HeldRequest(Request):
    attachment_ids: list[uuid.UUID] = Field(min_length=1, max_length=ciphertexts.MAX_BATCH)


class HeldPublic(BaseModel):
    held: list[uuid.UUID] = Field(description="The ids asked that the server holds complete, in the order asked.")


class CiphertextPublic(BaseModel):
    report_id: uuid.UUID
    ciphertext: str = Field(description="The report's age file, base64.")


class CiphertextsPublic(BaseModel):
    reports: list[CiphertextPublic]
    in_blobs: list[uuid.UUID] = Field(description="Larger reports: fetch each from /reports/{id}/ciphertext.")

    @classmethod
    def of(cls, in_hand: dict[uuid.UUID, bytes], in_blobs: list[uuid.UUID]) -> "CiphertextsPublic":
        reports = [
            CiphertextPublic(report_id=report_id, ciphertext=b64(ciphertext))
            for report_id, ciphertext in in_hand.items()
        ]
        return cls(reports=reports, in_blobs=in_blobs)


class StatusRequest(Request):
    status: Status
    duplicate_of: uuid.UUID | None = None


class TriageRequest(Request):
    """Only the fields sent change; `assignee_id: null` unassigns."""

    priority: Priority | None = None
    assignee_id: uuid.UUID | None = None
    labels: list[str] | None = None


class CaseLinkRequest(Request):
    case_id: uuid.UUID | None


class NotePublic(BaseModel):
    note_id: uuid.UUID
    report_id: uuid.UUID
    author_id: uuid.UUID
    created_at: datetime
    ciphertext: str = Field(description="The sealed note (an age file), base64.")

    @classmethod
    def of(cls, note: ReviewNote) -> "NotePublic":
        return cls(
            note_id=note.id,
            report_id=note.report_id,
            author_id=note.author_id,
            created_at=note.created_at,
            ciphertext=b64(note.ciphertext),
        )


class NotesPublic(BaseModel):
    notes: list[NotePublic]


class CasePublic(BaseModel):
    case_id: uuid.UUID
    title_ciphertext: str = Field(description="The sealed title (an age file), base64.")
    created_at: datetime
    created_by: uuid.UUID
    report_ids: list[uuid.UUID]

    @classmethod
    def of(cls, case: CaseView) -> "CasePublic":
        return cls(
            case_id=case.case_id,
            title_ciphertext=b64(case.title_ciphertext),
            created_at=case.created_at,
            created_by=case.created_by,
            report_ids=case.report_ids,
        )


class CasesPublic(BaseModel):
    cases: list[CasePublic]


class PeopleMapPublic(BaseModel):
    case_id: uuid.UUID
    version: int = Field(description="The newest saved version; 0 when none was saved yet.")
    ciphertext: str | None = Field(description="The sealed map (an age file), base64; null at version 0.")
    saved_at: datetime | None
    saved_by: uuid.UUID | None

    @classmethod
    def of(cls, people_map: PeopleMapView) -> "PeopleMapPublic":
        ciphertext = None if people_map.ciphertext is None else b64(people_map.ciphertext)
        return cls(
            case_id=people_map.case_id,
            version=people_map.version,
            ciphertext=ciphertext,
            saved_at=people_map.saved_at,
            saved_by=people_map.saved_by,
        )


class DraftPublic(BaseModel):
    """One saved version of a case's appeal draft; which draft it is, and its text, are sealed inside."""

    draft_id: uuid.UUID
    case_id: uuid.UUID
    version: int = Field(description="1, 2, 3... per case, across all of its drafts.")
    author_id: uuid.UUID
    created_at: datetime
    size: int = Field(description="The sealed draft's size in bytes.")

    @classmethod
    def of(cls, draft: CaseDraft) -> "DraftPublic":
        return cls(
            draft_id=draft.id,
            case_id=draft.case_id,
            version=draft.version,
            author_id=draft.author_id,
            created_at=draft.created_at,
            size=len(draft.ciphertext),
        )


class SealedDraftPublic(DraftPublic):
    ciphertext: str = Field(description="The sealed draft (an age file of a `kua.draft` document), base64.")

    @classmethod
    def of(cls, draft: CaseDraft) -> "SealedDraftPublic":
        return cls(**DraftPublic.of(draft).model_dump(), ciphertext=b64(draft.ciphertext))


class DraftsPublic(BaseModel):
    drafts: list[SealedDraftPublic] = Field(description="Every saved version, oldest first.")


class AuditEntryPublic(BaseModel):
    seq: int
    at: str = Field(description="ISO 8601 UTC with microseconds, exactly as hashed.")
    actor_id: uuid.UUID | None
    action: str
    subject: str
    details: dict[str, Any]
    hash: str

    @classmethod
    def of(cls, entry: AuditEntry) -> "AuditEntryPublic":
        return cls(
            seq=entry.seq,
            at=audit.timestamp(entry.at),
            actor_id=entry.actor_id,
            action=entry.action,
            subject=entry.subject,
            details=json.loads(entry.details),
            hash=entry.hash,
        )


class AuditPublic(BaseModel):
    entries: list[AuditEntryPublic]


class GrantRecipientPublic(BaseModel):
    name: str = Field(min_length=1, max_length=MAX_NAME_LENGTH, description="The name the recipient list gives.")
    recipient: str = Field(min_length=1, max_length=MAX_RECIPIENT_LENGTH, description="age1pq1... or age1...")


# A header of MAX_HEADER_BYTES in base64, with room for nothing else.
_MAX_HEADER_BASE64 = (grants.MAX_HEADER_BYTES + 2) // 3 * 4


class AttachmentGrantRequest(Request):
    attachment_id: uuid.UUID
    header: str = Field(max_length=_MAX_HEADER_BASE64, description="The attachment's new age header, base64.")
    followup_id: uuid.UUID | None = Field(
        default=None, description="The family's answer that names the attachment; None: the report names it."
    )


class AnswerGrantRequest(Request):
    followup_id: uuid.UUID = Field(description="An answer (followup of kind answer) to this report.")
    header: str = Field(max_length=_MAX_HEADER_BASE64, description="The answer's new age header, base64.")


class GrantRequest(Request):
    header: str = Field(max_length=_MAX_HEADER_BASE64, description="The report's new age header, base64.")
    recipients: list[GrantRecipientPublic] = Field(min_length=1, max_length=grants.MAX_RECIPIENTS)
    attachments: list[AttachmentGrantRequest] = Field(default=[], max_length=grants.MAX_ATTACHMENTS)
    answers: list[AnswerGrantRequest] = Field(default=[], max_length=grants.MAX_ANSWERS)


class GrantPublic(BaseModel):
    grant_id: uuid.UUID
    report_id: uuid.UUID
    attachment_id: uuid.UUID | None = Field(description="None: the header opens the report's own file.")
    followup_id: uuid.UUID | None = Field(
        description="The family's answer the header (or the attachment it names) belongs to; None: the report."
    )
    granted_by: uuid.UUID
    granted_at: datetime
    recipients: list[GrantRecipientPublic] = Field(description="As the granting console declared them.")
    header: str = Field(description="The age header (stanzas and MAC), base64: put it before the original payload.")

    @classmethod
    def of(cls, grant: ReportGrant) -> "GrantPublic":
        return cls(
            grant_id=grant.id,
            report_id=grant.report_id,
            attachment_id=grant.attachment_id,
            followup_id=grant.followup_id,
            granted_by=grant.granted_by,
            granted_at=grant.granted_at,
            recipients=[GrantRecipientPublic.model_validate(r) for r in json.loads(grant.recipients)],
            header=b64(grant.header),
        )


class GrantsPublic(BaseModel):
    grants: list[GrantPublic]


class ReportGrantsPublic(GrantsPublic):
    earlier_recipients: list[str] = Field(
        description="Recipients of the lists published before the report arrived: those joined later are not here."
    )
