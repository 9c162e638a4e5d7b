"""Cases' people maps: which person of one report is which of another, sealed in the browser.

A new table, `case_people_map`, one row per saved version of a case's map (an age file, like note texts
and case titles); the newest version is the map. The primary key (case, version) is what makes a save
that lost a race fail rather than overwrite (kua.review.people_map). The downgrade drops the table:
the older code has nowhere to keep the maps.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_people_map",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("saved_by", sa.Uuid(), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("version >= 1", name=op.f("ck_case_people_map_version_positive")),
        sa.ForeignKeyConstraint(
            ["case_id"], ["review_case.id"], name=op.f("fk_case_people_map_case_id_review_case"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["saved_by"], ["reviewer.id"], name=op.f("fk_case_people_map_saved_by_reviewer")),
        sa.PrimaryKeyConstraint("case_id", "version", name=op.f("pk_case_people_map")),
    )


def downgrade() -> None:
    op.drop_table("case_people_map")
