"""Foundation: published recipient lists and received reports.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "recipient_list",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("document", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.CHAR(64), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("seq >= 1", name=op.f("ck_recipient_list_seq_positive")),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_recipient_list_sha256_length")),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_recipient_list")),
    )
    op.create_table(
        "report",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("sha256", sa.CHAR(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blob_key", sa.Text(), nullable=False),
        sa.Column("attachment_ids", sa.Text(), nullable=True),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_report_sha256_length")),
        sa.CheckConstraint("size >= 0", name=op.f("ck_report_size_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report")),
        sa.UniqueConstraint("blob_key", name=op.f("uq_report_blob_key")),
    )
    op.create_index(op.f("ix_report_received_at"), "report", ["received_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_report_received_at"), table_name="report")
    op.drop_table("report")
    op.drop_table("recipient_list")
