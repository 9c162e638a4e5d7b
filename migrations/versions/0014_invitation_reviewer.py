"""An invitation may recover an existing reviewer: `invitation.reviewer_id`.

`kua reviewers recover NAME` invites a reviewer who lost a password or the authenticator to set both
again; the invitation names the account it recovers, so that accepting it changes that account (its
recipient and role kept) instead of creating one. Invitations made before have none: they create a new
reviewer, as before. The downgrade drops the recovery invitations not yet used, then the column (the
older code would take them for invitations of a new reviewer with a name already taken).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("invitation") as batch:
        batch.add_column(sa.Column("reviewer_id", sa.Uuid(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_invitation_reviewer_id_reviewer"), "reviewer", ["reviewer_id"], ["id"], ondelete="CASCADE"
        )


def downgrade() -> None:
    op.execute("DELETE FROM invitation WHERE reviewer_id IS NOT NULL AND used_at IS NULL")
    with op.batch_alter_table("invitation") as batch:
        batch.drop_constraint(op.f("fk_invitation_reviewer_id_reviewer"), type_="foreignkey")
        batch.drop_column("reviewer_id")
