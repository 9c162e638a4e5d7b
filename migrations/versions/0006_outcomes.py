"""Outcomes: follow-up messages, Web Push subscriptions and their queue, and two report facts.

`report` gains `reporter_token_sha256` (the phone proves it sent the report by showing the token)
and `happening_now` (the reviewers' push goes with high urgency). Existing reports have neither.
The downgrade drops the new tables and columns: queued pushes, subscriptions and follow-up
messages are forgotten (reports stay).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("report") as batch:
        batch.add_column(sa.Column("reporter_token_sha256", sa.CHAR(64), nullable=True))
        batch.add_column(sa.Column("happening_now", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "report_message",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sha256", sa.CHAR(64), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("kind IN ('question', 'answer')", name=op.f("ck_report_message_kind_known")),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_report_message_sha256_length")),
        sa.CheckConstraint(
            "(kind = 'question') = (author_id IS NOT NULL)", name=op.f("ck_report_message_questions_have_an_author")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_report_message_report_id_report"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["author_id"], ["reviewer.id"], name=op.f("fk_report_message_author_id_reviewer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_message")),
    )
    op.create_index(op.f("ix_report_message_report_id"), "report_message", ["report_id"])
    op.create_table(
        "push_subscription",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("endpoint", sa.Text(), nullable=False),
        sa.Column("p256dh", sa.Text(), nullable=False),
        sa.Column("auth", sa.Text(), nullable=False),
        sa.Column("reviewer_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["reviewer.id"], name=op.f("fk_push_subscription_reviewer_id_reviewer"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_subscription")),
        sa.UniqueConstraint("endpoint", name=op.f("uq_push_subscription_endpoint")),
    )
    op.create_index(op.f("ix_push_subscription_reviewer_id"), "push_subscription", ["reviewer_id"])
    op.create_table(
        "push_subscription_report",
        sa.Column("subscription_id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["push_subscription.id"],
            name=op.f("fk_push_subscription_report_subscription_id_push_subscription"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_push_subscription_report_report_id_report"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("subscription_id", "report_id", name=op.f("pk_push_subscription_report")),
    )
    op.create_index(op.f("ix_push_subscription_report_report_id"), "push_subscription_report", ["report_id"])
    op.create_table(
        "push_message",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("subscription_id", sa.Uuid(), nullable=False),
        sa.Column("urgency", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "urgency IN ('very-low', 'low', 'normal', 'high')", name=op.f("ck_push_message_urgency_known")
        ),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_push_message_attempts_not_negative")),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["push_subscription.id"],
            name=op.f("fk_push_message_subscription_id_push_subscription"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_message")),
    )
    op.create_index(op.f("ix_push_message_subscription_id"), "push_message", ["subscription_id"])
    op.create_index(op.f("ix_push_message_next_attempt_at"), "push_message", ["next_attempt_at"])
    op.create_table(
        "push_state",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_push_state")),
    )


def downgrade() -> None:
    op.drop_table("push_state")
    op.drop_index(op.f("ix_push_message_next_attempt_at"), table_name="push_message")
    op.drop_index(op.f("ix_push_message_subscription_id"), table_name="push_message")
    op.drop_table("push_message")
    op.drop_index(op.f("ix_push_subscription_report_report_id"), table_name="push_subscription_report")
    op.drop_table("push_subscription_report")
    op.drop_index(op.f("ix_push_subscription_reviewer_id"), table_name="push_subscription")
    op.drop_table("push_subscription")
    op.drop_index(op.f("ix_report_message_report_id"), table_name="report_message")
    op.drop_table("report_message")
    with op.batch_alter_table("report") as batch:
        batch.drop_column("happening_now")
        batch.drop_column("reporter_token_sha256")
