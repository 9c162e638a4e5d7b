"""The quota gauge: one request re-reads the stored total when it is stale, the others use the last one."""

from pathlib import Path

import pytest

from kua.config import Settings
from kua.db import migrate
from kua.db.engine import create_database_engine
from kua.intake import quota
from kua.intake.errors import StorageFullError
from kua.intake.quota import QuotaGauge
from tests.support.databases import sqlite_url


def test_only_one_caller_reads_a_stale_total_and_the_others_check_the_last_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(_env_file=None, env="development", data_dir=tmp_path, storage_quota_bytes=1000)  # type: ignore[call-arg]
    migrate.upgrade(sqlite_url(tmp_path), settings.migrations_dir)
    gauge = QuotaGauge(create_database_engine(sqlite_url(tmp_path)), settings)
    assert gauge.claim_reading() and gauge.claim_reading()  # never read: nobody can check without reading
    gauge.read()
    assert not gauge.claim_reading()  # fresh
    gauge.add(900)
    with pytest.raises(StorageFullError):
        gauge.ensure_room(101)
    gauge.ensure_room(100)
    monkeypatch.setattr(quota, "REFRESH_SECONDS", -1.0)  # every total is stale as soon as it is read: no waiting
    assert [gauge.claim_reading() for _ in range(5)] == [True, False, False, False, False]
    gauge.read()  # the database holds nothing: the 900 counted in memory are gone
    gauge.ensure_room(1000)
    assert gauge.claim_reading()  # the reading finished: the next stale check claims again
