"""Servers that may push to a stub on 127.0.0.1: a real `kua serve` per test and database kind, or the
review console in-process with its hand-moved clock (for stories with reviewers changing statuses)."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kua.api.services import services_of
from kua.db.engine import create_database_engine
from tests.push.push_service import PushServiceStub
from tests.review.console import Console
from tests.support.app import migrated_app
from tests.support.clock import FakeClock
from tests.support.databases import fresh_postgres_database, sqlite_url
from tests.support.server import RunningServer
from tests.support.threaded_server import serving

# http://127.0.0.1 endpoints (the stub), and a push service that hangs gives up after a second.
PUSH_SETTINGS = {"KUA_PUSH_ALLOW_LOOPBACK": "1", "KUA_PUSH_TIMEOUT_SECONDS": "1"}


@pytest.fixture
def push_service() -> Iterator[PushServiceStub]:
    with PushServiceStub() as service:
        yield service


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "data")
        return
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def server(database_url: str, tmp_path: Path) -> Iterator[RunningServer]:
    """A real `kua serve` that pushes to loopback endpoints."""
    with RunningServer(tmp_path / "data", KUA_DATABASE_URL=database_url, **PUSH_SETTINGS) as running:
        yield running


@pytest.fixture
def console(database_url: str, tmp_path: Path) -> Iterator[Console]:
    """The server in-process (fake clock), pushing to loopback endpoints."""
    app = migrated_app(
        tmp_path,
        database_url=database_url,
        rate_limit_per_minute=60_000,
        rate_limit_burst=10_000,
        push_allow_loopback=True,
        push_timeout_seconds=1,
    )
    clock = FakeClock(datetime.now(UTC).replace(microsecond=0))
    services_of(app).clock.set(clock)
    engine = create_database_engine(database_url)
    try:
        with serving(app) as running:
            yield Console(running, app, engine, clock, database_url)
    finally:
        engine.dispose()
