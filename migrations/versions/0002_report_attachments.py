"""Report attachments as rows: which uploads a report declared, so the server can count them.

Replaces the JSON text column `report.attachment_ids` with the table `report_attachment`, which
joins cleanly with uploads ("2 of 3 photos received") and with orphan clean-up.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import json
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_report = sa.table("report", sa.column("id", sa.Uuid()), sa.column("attachment_ids", sa.Text()))
_report_attachment = sa.table(
    "report_attachment",
    sa.column("report_id", sa.Uuid()),
    sa.column("attachment_id", sa.Uuid()),
    sa.column("position", sa.Integer()),
)


def upgrade() -> None:
    op.create_table(
        "report_attachment",
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("attachment_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("position >= 0", name=op.f("ck_report_attachment_position_not_negative")),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_report_attachment_report_id_report"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("report_id", "attachment_id", name=op.f("pk_report_attachment")),
    )
    op.create_index(op.f("ix_report_attachment_attachment_id"), "report_attachment", ["attachment_id"])
    connection = op.get_bind()
    rows = connection.execute(sa.select(_report.c.id, _report.c.attachment_ids)).all()
    for report_id, attachment_ids in rows:
        for position, attachment_id in enumerate(json.loads(attachment_ids or "[]")):
            connection.execute(
                sa.insert(_report_attachment).values(
                    report_id=report_id, attachment_id=uuid.UUID(attachment_id), position=position
                )
            )
    with op.batch_alter_table("report") as batch:
        batch.drop_column("attachment_ids")


def downgrade() -> None:
    with op.batch_alter_table("report") as batch:
        batch.add_column(sa.Column("attachment_ids", sa.Text(), nullable=True))
    connection = op.get_bind()
    declared: dict[uuid.UUID, list[str]] = {}
    ordered = sa.select(_report_attachment).order_by(_report_attachment.c.report_id, _report_attachment.c.position)
    for row in connection.execute(ordered):
        declared.setdefault(row.report_id, []).append(str(row.attachment_id))
    for report_id, attachment_ids in declared.items():
        connection.execute(
            sa.update(_report).where(_report.c.id == report_id).values(attachment_ids=json.dumps(attachment_ids))
        )
    op.drop_index(op.f("ix_report_attachment_attachment_id"), table_name="report_attachment")
    op.drop_table("report_attachment")
