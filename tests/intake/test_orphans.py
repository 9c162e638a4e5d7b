"""Blobs left by a server killed before its commit are removed once old enough, and only those."""

import os
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from kua.db import migrate
from kua.db.engine import create_database_engine
from kua.db.models import Report
from kua.db.session import transaction
from kua.intake.orphans import unreferenced
from kua.storage.blobs import LEFTOVER_GRACE
from kua.storage.local import LocalBlobStore

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def _blob(store: LocalBlobStore, key: str, age_seconds: float) -> None:
    path = store.path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"age-encryption.org/v1\n...")
    stamp = time.time() - age_seconds
    os.utime(path, (stamp, stamp))


def _engine(database_url: str) -> Engine:
    migrate.upgrade(database_url, MIGRATIONS)
    return create_database_engine(database_url)


def test_only_old_unreferenced_report_blobs_are_orphans(database_url: str, tmp_path: Path) -> None:
    engine = _engine(database_url)
    store = LocalBlobStore(tmp_path / "blobs")
    kept_id = uuid.uuid4()
    old = LEFTOVER_GRACE.total_seconds() + 60
    _blob(store, f"reports/{kept_id}.a", old)  # referenced by a row: kept
    _blob(store, f"reports/{uuid.uuid4()}.b", old)  # a killed request's leftover: an orphan
    _blob(store, f"reports/{uuid.uuid4()}.c", 5)  # may still be in flight in another process: kept
    with transaction(engine) as session:
        session.add(
            Report(id=kept_id, sha256="0" * 64, size=1, received_at=datetime.now(UTC), blob_key=f"reports/{kept_id}.a")
        )
    orphans = unreferenced(engine, store.list("reports/"), datetime.now(UTC))
    engine.dispose()
    assert len(orphans) == 1 and orphans[0].endswith(".b")
