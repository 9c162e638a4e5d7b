"""Follow-ups: the table `report_message` is renamed `followup`, with its index and named constraints.

The glossary's word (docs/architecture.md, "Glossary"); columns and rows are unchanged. PostgreSQL
renames in place. SQLite cannot rename a constraint, so there the table is copied into one built
with the new names and the old one dropped (nothing refers to it). The downgrade does the reverse.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("id", "report_id", "kind", "author_id", "created_at", "sha256", "ciphertext")
# Named as kua.db.base.NAMING_CONVENTION names them, after the table.
CHECKS = ("kind_known", "sha256_length", "questions_have_an_author")
FOREIGN_KEYS = (("report_id", "report"), ("author_id", "reviewer"))


def upgrade() -> None:
    _rename("report_message", "followup")


def downgrade() -> None:
    _rename("followup", "report_message")


def _rename(old: str, new: str) -> None:
    if op.get_context().dialect.name == "postgresql":
        _rename_in_place(old, new)
    else:
        _copy_into_renamed(old, new)


def _rename_in_place(old: str, new: str) -> None:
    op.rename_table(old, new)
    op.execute(f"ALTER INDEX ix_{old}_report_id RENAME TO ix_{new}_report_id")
    constraints = [
        "pk_{}",
        *(f"ck_{{}}_{check}" for check in CHECKS),
        *(f"fk_{{}}_{column}_{table}" for column, table in FOREIGN_KEYS),
    ]
    for name in constraints:
        op.execute(f"ALTER TABLE {new} RENAME CONSTRAINT {name.format(old)} TO {name.format(new)}")


def _copy_into_renamed(old: str, new: str) -> None:
    op.create_table(
        new,
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sha256", sa.CHAR(64), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint("kind IN ('question', 'answer')", name=op.f(f"ck_{new}_kind_known")),
        sa.CheckConstraint("length(sha256) = 64", name=op.f(f"ck_{new}_sha256_length")),
        sa.CheckConstraint(
            "(kind = 'question') = (author_id IS NOT NULL)", name=op.f(f"ck_{new}_questions_have_an_author")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f(f"fk_{new}_report_id_report"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["author_id"], ["reviewer.id"], name=op.f(f"fk_{new}_author_id_reviewer")),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{new}")),
    )
    columns = ", ".join(COLUMNS)
    op.execute(f"INSERT INTO {new} ({columns}) SELECT {columns} FROM {old}")  # noqa: S608 (names are constants)
    op.drop_index(op.f(f"ix_{old}_report_id"), table_name=old)
    op.drop_table(old)
    op.create_index(op.f(f"ix_{new}_report_id"), new, ["report_id"])
