"""The review console: reviewers, invitations, sessions, triage, cases, notes and the audit log.

Reports are untouched: a report without a `report_triage` row is `new`. The downgrade drops these
tables and so forgets every reviewer, note, case and audit entry (reports stay as they are).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = "('new', 'in_review', 'verified', 'escalated', 'closed', 'rejected', 'duplicate')"


def upgrade() -> None:
    op.create_table(
        "reviewer",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("totp_secret", sa.Text(), nullable=False),
        sa.Column("totp_last_step", sa.BigInteger(), nullable=True),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("recipient", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("failures_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("role IN ('triager', 'admin')", name=op.f("ck_reviewer_role_known")),
        sa.CheckConstraint("state IN ('active', 'disabled')", name=op.f("ck_reviewer_state_known")),
        sa.CheckConstraint("failed_logins >= 0", name=op.f("ck_reviewer_failed_logins_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviewer")),
        sa.UniqueConstraint("name", name=op.f("uq_reviewer_name")),
    )
    op.create_table(
        "invitation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("token_sha256", sa.CHAR(64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pending_totp_secret", sa.Text(), nullable=True),
        sa.CheckConstraint("role IN ('triager', 'admin')", name=op.f("ck_invitation_role_known")),
        sa.CheckConstraint("length(token_sha256) = 64", name=op.f("ck_invitation_token_sha256_length")),
        sa.CheckConstraint("expires_at > created_at", name=op.f("ck_invitation_expires_after_creation")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_invitation_token_sha256")),
    )
    op.create_table(
        "review_session",
        sa.Column("token_sha256", sa.CHAR(64), nullable=False),
        sa.Column("reviewer_id", sa.Uuid(), nullable=False),
        sa.Column("csrf_token", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("length(token_sha256) = 64", name=op.f("ck_review_session_token_sha256_length")),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["reviewer.id"], name=op.f("fk_review_session_reviewer_id_reviewer"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("token_sha256", name=op.f("pk_review_session")),
    )
    op.create_index(op.f("ix_review_session_reviewer_id"), "review_session", ["reviewer_id"])
    op.create_table(
        "review_case",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title_ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["reviewer.id"], name=op.f("fk_review_case_created_by_reviewer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_case")),
    )
    op.create_table(
        "report_triage",
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("duplicate_of", sa.Uuid(), nullable=True),
        sa.Column("priority", sa.Text(), nullable=False),
        sa.Column("assignee_id", sa.Uuid(), nullable=True),
        sa.Column("labels", sa.Text(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(f"status IN {STATUSES}", name=op.f("ck_report_triage_status_known")),
        sa.CheckConstraint(
            "priority IN ('low', 'normal', 'high', 'urgent')", name=op.f("ck_report_triage_priority_known")
        ),
        sa.CheckConstraint(
            "(status = 'duplicate') = (duplicate_of IS NOT NULL)",
            name=op.f("ck_report_triage_duplicate_names_original"),
        ),
        sa.CheckConstraint("duplicate_of <> report_id", name=op.f("ck_report_triage_not_duplicate_of_itself")),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_report_triage_report_id_report"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["duplicate_of"], ["report.id"], name=op.f("fk_report_triage_duplicate_of_report")),
        sa.ForeignKeyConstraint(["assignee_id"], ["reviewer.id"], name=op.f("fk_report_triage_assignee_id_reviewer")),
        sa.ForeignKeyConstraint(["case_id"], ["review_case.id"], name=op.f("fk_report_triage_case_id_review_case")),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_report_triage")),
    )
    op.create_index(op.f("ix_report_triage_case_id"), "report_triage", ["case_id"])
    op.create_table(
        "review_note",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_review_note_report_id_report"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["author_id"], ["reviewer.id"], name=op.f("fk_review_note_author_id_reviewer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_note")),
    )
    op.create_index(op.f("ix_review_note_report_id"), "review_note", ["report_id"])
    op.create_table(
        "audit_entry",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("hash", sa.CHAR(64), nullable=False),
        sa.CheckConstraint("seq >= 1", name=op.f("ck_audit_entry_seq_positive")),
        sa.CheckConstraint("length(hash) = 64", name=op.f("ck_audit_entry_hash_length")),
        sa.ForeignKeyConstraint(["actor_id"], ["reviewer.id"], name=op.f("fk_audit_entry_actor_id_reviewer")),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_entry")),
    )


def downgrade() -> None:
    op.drop_table("audit_entry")
    op.drop_index(op.f("ix_review_note_report_id"), table_name="review_note")
    op.drop_table("review_note")
    op.drop_index(op.f("ix_report_triage_case_id"), table_name="report_triage")
    op.drop_table("report_triage")
    op.drop_table("review_case")
    op.drop_index(op.f("ix_review_session_reviewer_id"), table_name="review_session")
    op.drop_table("review_session")
    op.drop_table("invitation")
    op.drop_table("reviewer")
