"""Reviewers' one-time recovery codes, for signing in when the authenticator is lost.

A new table, `recovery_code`: the SHA-256 of each code (the codes are 80 random bits, so a plain hash
is as good as a slow one and lets a sign-in check ten of them at once), when it was issued and when it
was used. A new set replaces the unused codes of the old one (kua.review.recovery). The downgrade drops
the table: the older code signs in with TOTP only.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "recovery_code",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("reviewer_id", sa.Uuid(), nullable=False),
        sa.Column("code_sha256", sa.Text(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["reviewer.id"], name=op.f("fk_recovery_code_reviewer_id_reviewer"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_code")),
        sa.UniqueConstraint("code_sha256", name=op.f("uq_recovery_code_code_sha256")),
    )
    op.create_index(op.f("ix_recovery_code_reviewer_id"), "recovery_code", ["reviewer_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_recovery_code_reviewer_id"), table_name="recovery_code")
    op.drop_table("recovery_code")
