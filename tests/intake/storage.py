"""What a server holds of reports, read straight from its database and its blob folder, not through the API.

A small report's ciphertext is in its row; a large one is in the blob file its row names. Blob files
that no row names are orphans (a request killed between the blob's fsync and the commit).
"""

import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import sqlalchemy as sa

import kua.db.models  # noqa: F401  (registers the tables on the metadata)
from kua.db.base import metadata
from tests.support.server import RunningServer

# The tables as the models (and the migrations, tests/db) define them.
report = metadata.tables["report"]
report_attachment = metadata.tables["report_attachment"]
upload = metadata.tables["upload"]


def database_url(server: RunningServer) -> str:
    return server.env.get("KUA_DATABASE_URL") or f"sqlite:///{server.data_dir / 'kua.sqlite3'}"


@contextmanager
def database_at(url: str) -> Iterator[sa.Connection]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def database(server: RunningServer) -> AbstractContextManager[sa.Connection]:
    return database_at(database_url(server))


def report_blobs(server: RunningServer) -> list[Path]:
    folder = server.data_dir / "blobs" / "reports"
    return sorted(p for p in folder.glob("*") if p.is_file())


def stored_reports(server: RunningServer) -> dict[uuid.UUID, bytes]:
    """Every report's ciphertext as stored: from its row, or from the blob file its row names."""
    with database(server) as connection:
        rows = connection.execute(sa.select(report.c.id, report.c.ciphertext, report.c.blob_key)).all()
    return {
        report_id: ciphertext if ciphertext is not None else (server.data_dir / "blobs" / blob_key).read_bytes()
        for report_id, ciphertext, blob_key in rows
    }


def orphan_blobs(server: RunningServer) -> list[Path]:
    """Report blob files that no row names."""
    with database(server) as connection:
        named = set(connection.execute(sa.select(report.c.blob_key)).scalars())
    return [path for path in report_blobs(server) if f"reports/{path.name}" not in named]


def stored_copies(server: RunningServer, report_id: uuid.UUID) -> list[bytes]:
    """Every copy of one report's ciphertext the server holds: in its row, and in any blob file of its id."""
    with database(server) as connection:
        query = sa.select(report.c.ciphertext).where(report.c.id == report_id, report.c.ciphertext.is_not(None))
        in_row = list(connection.execute(query).scalars())
    return in_row + [path.read_bytes() for path in report_blobs(server) if path.name.startswith(f"{report_id}.")]


def is_stored_in_its_row(server: RunningServer, report_id: uuid.UUID) -> bool:
    with database(server) as connection:
        query = sa.select(report.c.ciphertext.is_not(None)).where(report.c.id == report_id)
        return bool(connection.execute(query).scalar_one())
