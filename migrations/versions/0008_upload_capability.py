"""Upload capability: each upload keeps the SHA-256 of the secret its tus address carries.

Only the holder of the address (`/api/v1/uploads/{id}.{secret}`) may ask for an upload's offset, send
its bytes or delete it (issue 16). Uploads created before this revision have no secret: their old
address answers 404, and the phone creates the upload again (same id, length and SHA-256), which gives
it an address with a secret and keeps the bytes already received.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("upload", sa.Column("secret_sha256", sa.CHAR(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("upload") as batch:
        batch.drop_column("secret_sha256")
