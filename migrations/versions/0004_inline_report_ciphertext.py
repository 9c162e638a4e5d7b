"""Small report ciphertexts in the report's row: one commit, one fsync, makes a report durable.

Adds `report.ciphertext` and lets `report.blob_key` be empty: exactly one of them holds the report.
The downgrade first moves every ciphertext kept in a row into blob storage (a durable object, then the
row points to it), so no report is lost; it needs the blob store, which `kua db downgrade` passes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

from kua.storage.blobs import BlobStore

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_report = sa.table(
    "report", sa.column("id", sa.Uuid()), sa.column("blob_key", sa.Text()), sa.column("ciphertext", sa.LargeBinary())
)


def upgrade() -> None:
    with op.batch_alter_table("report") as batch:
        batch.add_column(sa.Column("ciphertext", sa.LargeBinary(), nullable=True))
        batch.alter_column("blob_key", existing_type=sa.Text(), nullable=True)
        batch.create_check_constraint(
            op.f("ck_report_stored_in_one_place"), "(ciphertext IS NULL) <> (blob_key IS NULL)"
        )


def downgrade() -> None:
    connection = op.get_bind()
    in_rows = sa.select(_report.c.id, _report.c.ciphertext).where(_report.c.ciphertext.is_not(None))
    for report_id, ciphertext in connection.execute(in_rows).all():
        key = f"reports/{report_id}.{uuid.uuid4().hex}"  # the same form of key as kua.intake.reports gives
        _blob_store().put_bytes(key, ciphertext)
        connection.execute(sa.update(_report).where(_report.c.id == report_id).values(blob_key=key, ciphertext=None))
    with op.batch_alter_table("report") as batch:
        batch.drop_constraint(op.f("ck_report_stored_in_one_place"), type_="check")
        batch.drop_column("ciphertext")
        batch.alter_column("blob_key", existing_type=sa.Text(), nullable=False)


def _blob_store() -> BlobStore:
    blobs: BlobStore | None = context.config.attributes.get("blobs")
    if blobs is None:
        raise RuntimeError(
            "Reports stored in the database must move to blob storage before this downgrade, and the blob"
            " store is not known: run it with `kua db downgrade`."
        )
    return blobs
