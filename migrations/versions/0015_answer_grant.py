"""Grants may open the family's answers too: `report_grant.followup_id`.

A reviewer who grants a report also re-wraps the family's answers to it and the attachments those
answers name (docs/crypto.md, "Granting a report to a later reviewer"). The row of such a header names
the answer it belongs to; rows made before name none: they open the report and its own attachments, as
before. The downgrade drops the answers' grants (the older code would try them on the report's own
file), then the column.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("report_grant") as batch:
        batch.add_column(sa.Column("followup_id", sa.Uuid(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_report_grant_followup_id_followup"), "followup", ["followup_id"], ["id"], ondelete="CASCADE"
        )


def downgrade() -> None:
    op.execute("DELETE FROM report_grant WHERE followup_id IS NOT NULL")
    with op.batch_alter_table("report_grant") as batch:
        batch.drop_constraint(op.f("fk_report_grant_followup_id_followup"), type_="foreignkey")
        batch.drop_column("followup_id")
