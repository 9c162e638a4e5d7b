"""Cases' saved appeal drafts: each save a new version, sealed in the browser.

A new table, `case_draft`, one row per saved version of one of a case's appeal drafts (an age file, like
note texts and people maps); which draft it is (addressee, language) is sealed inside. Versions count
1, 2, 3... per case; the unique (case, version) is what gives the second of two saves racing for the same
number a retry rather than a duplicate (kua.review.drafts). The downgrade drops the table: the older code
has nowhere to keep the drafts.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_draft",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("version >= 1", name=op.f("ck_case_draft_version_positive")),
        sa.ForeignKeyConstraint(
            ["case_id"], ["review_case.id"], name=op.f("fk_case_draft_case_id_review_case"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["author_id"], ["reviewer.id"], name=op.f("fk_case_draft_author_id_reviewer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_draft")),
        sa.UniqueConstraint("case_id", "version", name=op.f("uq_case_draft_case_id_version")),
    )


def downgrade() -> None:
    op.drop_table("case_draft")
