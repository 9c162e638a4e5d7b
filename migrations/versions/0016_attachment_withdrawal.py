"""A reporter may withdraw a declared original: `report_attachment.withdrawn_at`.

The relative who stops a photo's original on the phone (its small copy went instead) tells the
server, so the console says the original will not come rather than wait for it (kua.intake.withdrawals).
Rows made before were never withdrawn. The downgrade drops the column: the older code shows such an
original as not arrived yet, as it did before.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-08
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("report_attachment", sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("report_attachment") as batch:
        batch.drop_column("withdrawn_at")
