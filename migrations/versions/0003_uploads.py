"""Attachment uploads over tus: declared length and SHA-256, durable offset, expiry, blob once complete.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "upload",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("length", sa.BigInteger(), nullable=False),
        sa.Column("offset", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.CHAR(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("blob_key", sa.Text(), nullable=True),
        sa.CheckConstraint("length > 0", name=op.f("ck_upload_length_positive")),
        sa.CheckConstraint('"offset" >= 0', name=op.f("ck_upload_offset_not_negative")),
        sa.CheckConstraint('"offset" <= length', name=op.f("ck_upload_offset_within_length")),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_upload_sha256_length")),
        sa.CheckConstraint("expires_at >= created_at", name=op.f("ck_upload_expires_after_creation")),
        sa.CheckConstraint(
            "(completed_at IS NULL AND blob_key IS NULL)"
            ' OR (completed_at IS NOT NULL AND blob_key IS NOT NULL AND "offset" = length)',
            name=op.f("ck_upload_completed_means_whole"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_upload")),
        sa.UniqueConstraint("blob_key", name=op.f("uq_upload_blob_key")),
    )
    op.create_index(op.f("ix_upload_expires_at"), "upload", ["expires_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_upload_expires_at"), table_name="upload")
    op.drop_table("upload")
