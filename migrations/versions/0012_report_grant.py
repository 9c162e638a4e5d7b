"""Grants: extra age headers that open a report or attachment for reviewers who joined later.

A new table, `report_grant`, one row per header granted in a reviewer's browser (docs/crypto.md,
"Granting a report to a later reviewer"): the report it belongs to, the attachment it opens (NULL: the
report's own file), the header bytes, who granted it and when, and the recipients the console declared
(JSON, for audit only). The original ciphertext is never touched. The downgrade drops the table: the
older code cannot use the headers, and the reports still open for their original recipients.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_grant",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("attachment_id", sa.Uuid(), nullable=True),
        sa.Column("header", sa.LargeBinary(), nullable=False),
        sa.Column("granted_by", sa.Uuid(), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_report_grant_report_id_report"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["granted_by"], ["reviewer.id"], name=op.f("fk_report_grant_granted_by_reviewer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_grant")),
    )
    op.create_index(op.f("ix_report_grant_report_id"), "report_grant", ["report_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_report_grant_report_id"), table_name="report_grant")
    op.drop_table("report_grant")
