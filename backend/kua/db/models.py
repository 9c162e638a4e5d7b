"""Table models. What the server stores about a report is deliberately little, and never a network address.

The review tables (reviewer and below) hold what reviewers decide in the clear (status, priority,
labels, who is assigned) and what they write sealed (note texts and case titles are age files).
"""

import uuid
from datetime import datetime

from sqlalchemy import CHAR, BigInteger, Boolean, CheckConstraint, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field

from kua.db.base import KuaTable
from kua.db.types import UTCDateTime


class RecipientList(KuaTable, table=True):
    """A signed recipient list (docs/crypto.md), kept byte for byte as published."""

    __tablename__ = "recipient_list"
    __table_args__ = (
        CheckConstraint("seq >= 1", name="seq_positive"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
    )

    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    document: bytes = Field(sa_type=LargeBinary)
    sha256: str = Field(sa_type=CHAR(64))
    published_at: datetime = Field(sa_type=UTCDateTime)


class Report(KuaTable, table=True):
    """An encrypted report as received: hash, padded size, arrival time, and where its ciphertext is.

    A small ciphertext (most reports) is kept in the row itself, so that the commit of the row is the
    one fsync that makes it durable; a larger one is in blob storage under `blob_key`. Exactly one of
    the two is set. Two facts come in the clear from the phone, each for one purpose: the SHA-256 of
    the reporter token (only that phone can ask for the report's status and questions, or answer)
    and whether something is happening now (the reviewers' push is sent with high urgency).
    """

    __tablename__ = "report"
    __table_args__ = (
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        CheckConstraint("size >= 0", name="size_not_negative"),
        CheckConstraint("(ciphertext IS NULL) <> (blob_key IS NULL)", name="stored_in_one_place"),
    )

    id: uuid.UUID = Field(primary_key=True)
    sha256: str = Field(sa_type=CHAR(64))
    size: int = Field(sa_type=BigInteger)
    received_at: datetime = Field(sa_type=UTCDateTime, index=True)
    blob_key: str | None = Field(default=None, sa_type=Text, unique=True)
    ciphertext: bytes | None = Field(default=None, sa_type=LargeBinary)
    reporter_token_sha256: str | None = Field(default=None, sa_type=CHAR(64))
    happening_now: bool = Field(default=False, sa_type=Boolean)


class ReportAttachment(KuaTable, table=True):
    """An attachment (upload id) that a report declared, in the order the report lists them."""

    __tablename__ = "report_attachment"
    __table_args__ = (CheckConstraint("position >= 0", name="position_not_negative"),)

    report_id: uuid.UUID = Field(foreign_key="report.id", primary_key=True, ondelete="CASCADE")
    attachment_id: uuid.UUID = Field(primary_key=True, index=True)
    position: int
    # When the reporter withdrew this original (its small copy stands for it): it will never arrive.
    withdrawn_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Upload(KuaTable, table=True):
    """An attachment arriving over tus: its declared length and SHA-256, and how many bytes are durable.

    `offset` counts bytes fsynced in the staging file; it only grows by a conditional update, so two
    server processes cannot both advance it. A completed upload is immutable and lives in blob storage.
    """

    __tablename__ = "upload"
    __table_args__ = (
        CheckConstraint("length > 0", name="length_positive"),
        CheckConstraint('"offset" >= 0', name="offset_not_negative"),
        CheckConstraint('"offset" <= length', name="offset_within_length"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        CheckConstraint("expires_at >= created_at", name="expires_after_creation"),
        CheckConstraint(
            "(completed_at IS NULL AND blob_key IS NULL)"
            ' OR (completed_at IS NOT NULL AND blob_key IS NOT NULL AND "offset" = length)',
            name="completed_means_whole",
        ),
    )

    id: uuid.UUID = Field(primary_key=True)
    length: int = Field(sa_type=BigInteger)
    offset: int = Field(default=0, sa_type=BigInteger)
    sha256: str = Field(sa_type=CHAR(64))
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    blob_key: str | None = Field(default=None, sa_type=Text, unique=True)
    # SHA-256 of the secret in the upload's tus address (kua.uploads.capability); None: made before 0008.
    secret_sha256: str | None = Field(default=None, sa_type=CHAR(64))


class Reviewer(KuaTable, table=True):
    """A member of the coalition who reads reports in the console: Argon2id password, TOTP, an age recipient.

    `totp_last_step` is the last TOTP time step accepted, so a code works once. `failed_logins` counts
    wrong codes typed after the right password since the last sign-in (the first at `failures_since`);
    from the third, `locked_until` is when the right password is checked again (kua.review.accounts).
    """

    __tablename__ = "reviewer"
    __table_args__ = (
        CheckConstraint("role IN ('triager', 'admin')", name="role_known"),
        CheckConstraint("state IN ('active', 'disabled')", name="state_known"),
        CheckConstraint("failed_logins >= 0", name="failed_logins_not_negative"),
    )

    id: uuid.UUID = Field(primary_key=True)
    name: str = Field(sa_type=Text, unique=True)
    role: str = Field(sa_type=Text)
    password_hash: str = Field(sa_type=Text)
    totp_secret: str = Field(sa_type=Text)
    totp_last_step: int | None = Field(default=None, sa_type=BigInteger)
    state: str = Field(default="active", sa_type=Text)
    recipient: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)
    last_login_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    failed_logins: int = Field(default=0)
    failures_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Invitation(KuaTable, table=True):
    """A one-time enrollment link; only the SHA-256 of its token is kept. The TOTP secret waits here until accepted.

    With `reviewer_id`, it recovers that reviewer (a new password and TOTP secret) instead of creating one.
    """

    __tablename__ = "invitation"
    __table_args__ = (
        CheckConstraint("role IN ('triager', 'admin')", name="role_known"),
        CheckConstraint("length(token_sha256) = 64", name="token_sha256_length"),
        CheckConstraint("expires_at > created_at", name="expires_after_creation"),
    )

    id: uuid.UUID = Field(primary_key=True)
    token_sha256: str = Field(sa_type=CHAR(64), unique=True)
    name: str = Field(sa_type=Text)
    role: str = Field(sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    pending_totp_secret: str | None = Field(default=None, sa_type=Text)
    reviewer_id: uuid.UUID | None = Field(default=None, foreign_key="reviewer.id", ondelete="CASCADE")


class ReviewSession(KuaTable, table=True):
    """A signed-in browser: the SHA-256 of its cookie's token, and the CSRF token it must echo."""

    __tablename__ = "review_session"
    __table_args__ = (CheckConstraint("length(token_sha256) = 64", name="token_sha256_length"),)

    token_sha256: str = Field(sa_type=CHAR(64), primary_key=True)
    reviewer_id: uuid.UUID = Field(foreign_key="reviewer.id", index=True, ondelete="CASCADE")
    csrf_token: str = Field(sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)
    last_seen_at: datetime = Field(sa_type=UTCDateTime)


class ReviewCase(KuaTable, table=True):
    """A case grouping reports; its title is an age file sealed in the browser to the recipient list."""

    __tablename__ = "review_case"

    id: uuid.UUID = Field(primary_key=True)
    title_ciphertext: bytes = Field(sa_type=LargeBinary)
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: uuid.UUID = Field(foreign_key="reviewer.id")


class CasePeopleMap(KuaTable, table=True):
    """One version of a case's people map: which person of one report is which of another, as reviewers
    decided, sealed in the browser (an age file). Versions are kept as they came; the newest is the map."""

    __tablename__ = "case_people_map"
    __table_args__ = (CheckConstraint("version >= 1", name="version_positive"),)

    case_id: uuid.UUID = Field(primary_key=True, foreign_key="review_case.id", ondelete="CASCADE")
    version: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    saved_at: datetime = Field(sa_type=UTCDateTime)
    saved_by: uuid.UUID = Field(foreign_key="reviewer.id")
    ciphertext: bytes = Field(sa_type=LargeBinary)


class RecoveryCode(KuaTable, table=True):
    """A one-time code a reviewer signs in with instead of a TOTP code (kua.review.recovery): its SHA-256
    only; `used_at` once spent. A new set replaces the unused codes of the old one."""

    __tablename__ = "recovery_code"

    id: uuid.UUID = Field(primary_key=True)
    reviewer_id: uuid.UUID = Field(foreign_key="reviewer.id", ondelete="CASCADE", index=True)
    code_sha256: str = Field(sa_type=Text, unique=True)
    issued_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class CaseDraft(KuaTable, table=True):
    """One saved version of an appeal draft of a case, sealed in the browser (an age file). Versions count
    1, 2, 3... per case, whichever draft they hold: which one (addressee, language) is sealed inside."""

    __tablename__ = "case_draft"
    __table_args__ = (
        UniqueConstraint("case_id", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: uuid.UUID = Field(primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="review_case.id", ondelete="CASCADE")
    version: int
    author_id: uuid.UUID = Field(foreign_key="reviewer.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    ciphertext: bytes = Field(sa_type=LargeBinary)


class ReportTriage(KuaTable, table=True):
    """What reviewers decided about a report. A report without a row is `new`, priority `normal`."""

    __tablename__ = "report_triage"
    __table_args__ = (
        CheckConstraint(
            "status IN ('new', 'in_review', 'verified', 'escalated', 'closed', 'rejected', 'duplicate')",
            name="status_known",
        ),
        CheckConstraint("priority IN ('low', 'normal', 'high', 'urgent')", name="priority_known"),
        CheckConstraint("(status = 'duplicate') = (duplicate_of IS NOT NULL)", name="duplicate_names_original"),
        CheckConstraint("duplicate_of <> report_id", name="not_duplicate_of_itself"),
    )

    report_id: uuid.UUID = Field(foreign_key="report.id", primary_key=True, ondelete="CASCADE")
    status: str = Field(default="new", sa_type=Text)
    duplicate_of: uuid.UUID | None = Field(default=None, foreign_key="report.id")
    priority: str = Field(default="normal", sa_type=Text)
    assignee_id: uuid.UUID | None = Field(default=None, foreign_key="reviewer.id")
    labels: str = Field(default="[]", sa_type=Text)  # a JSON list of strings
    case_id: uuid.UUID | None = Field(default=None, foreign_key="review_case.id", index=True)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ReviewNote(KuaTable, table=True):
    """A reviewer's note on a report, sealed in the browser (an age file)."""

    __tablename__ = "review_note"

    id: uuid.UUID = Field(primary_key=True)
    report_id: uuid.UUID = Field(foreign_key="report.id", index=True, ondelete="CASCADE")
    author_id: uuid.UUID = Field(foreign_key="reviewer.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    ciphertext: bytes = Field(sa_type=LargeBinary)


class ReportGrant(KuaTable, table=True):
    """An extra age header for a report's file or one of its attachments (docs/crypto.md, "Granting a
    report to a later reviewer"): the same file key wrapped in a reviewer's browser for reviewers who
    joined later. With the original payload it opens for them; the phone's bytes never change.
    `attachment_id` is None for the report's own file; `followup_id` names the family's answer the header
    (or the attachment it names) belongs to, None for the report and its own attachments. `recipients`
    is what the granting console declared (JSON: name and recipient of each), kept for audit only: the
    server cannot check it."""

    __tablename__ = "report_grant"

    id: uuid.UUID = Field(primary_key=True)
    report_id: uuid.UUID = Field(foreign_key="report.id", index=True, ondelete="CASCADE")
    attachment_id: uuid.UUID | None = Field(default=None)
    followup_id: uuid.UUID | None = Field(default=None, foreign_key="followup.id", ondelete="CASCADE")
    header: bytes = Field(sa_type=LargeBinary)
    granted_by: uuid.UUID = Field(foreign_key="reviewer.id")
    granted_at: datetime = Field(sa_type=UTCDateTime)
    recipients: str = Field(sa_type=Text)


class AuditEntry(KuaTable, table=True):
    """One reviewer action, chained to the entry before it by `hash` (kua.review.audit). Never updated."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        CheckConstraint("seq >= 1", name="seq_positive"),
        CheckConstraint("length(hash) = 64", name="hash_length"),
    )

    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    at: datetime = Field(sa_type=UTCDateTime)
    actor_id: uuid.UUID | None = Field(default=None, foreign_key="reviewer.id")
    action: str = Field(sa_type=Text)
    subject: str = Field(sa_type=Text)
    details: str = Field(default="{}", sa_type=Text)  # a JSON object
    hash: str = Field(sa_type=CHAR(64))


class Followup(KuaTable, table=True):
    """A follow-up about a report: a reviewer's question (sealed to the report's reply
    recipient) or the reporter's answer (sealed to the recipient list). Ids come from the sender,
    so a retry stores nothing twice."""

    __tablename__ = "followup"
    __table_args__ = (
        CheckConstraint("kind IN ('question', 'answer')", name="kind_known"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        CheckConstraint("(kind = 'question') = (author_id IS NOT NULL)", name="questions_have_an_author"),
    )

    id: uuid.UUID = Field(primary_key=True)
    report_id: uuid.UUID = Field(foreign_key="report.id", index=True, ondelete="CASCADE")
    kind: str = Field(sa_type=Text)
    author_id: uuid.UUID | None = Field(default=None, foreign_key="reviewer.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    sha256: str = Field(sa_type=CHAR(64))
    ciphertext: bytes = Field(sa_type=LargeBinary)


class PushSubscription(KuaTable, table=True):
    """A browser's Web Push subscription: a reviewer's console, or a reporter's phone (then the
    reports it follows are in push_subscription_report). The endpoint is the push service's URL."""

    __tablename__ = "push_subscription"

    id: uuid.UUID = Field(primary_key=True)
    endpoint: str = Field(sa_type=Text, unique=True)
    p256dh: str = Field(sa_type=Text)
    auth: str = Field(sa_type=Text)
    reviewer_id: uuid.UUID | None = Field(default=None, foreign_key="reviewer.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(sa_type=UTCDateTime)


class PushSubscriptionReport(KuaTable, table=True):
    """A report whose status changes a reporter's phone asked to hear about."""

    __tablename__ = "push_subscription_report"

    subscription_id: uuid.UUID = Field(foreign_key="push_subscription.id", primary_key=True, ondelete="CASCADE")
    report_id: uuid.UUID = Field(foreign_key="report.id", primary_key=True, index=True, ondelete="CASCADE")


class PushMessage(KuaTable, table=True):
    """A push waiting to be sent (it survives a restart); deleted once the push service took it."""

    __tablename__ = "push_message"
    __table_args__ = (
        CheckConstraint("urgency IN ('very-low', 'low', 'normal', 'high')", name="urgency_known"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
    )

    id: uuid.UUID = Field(primary_key=True)
    subscription_id: uuid.UUID = Field(foreign_key="push_subscription.id", index=True, ondelete="CASCADE")
    urgency: str = Field(sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(sa_type=UTCDateTime, index=True)


class PushState(KuaTable, table=True):
    """Named marks of the push sender, e.g. the arrival time of the last report reviewers were told of."""

    __tablename__ = "push_state"

    name: str = Field(sa_type=Text, primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime)
