"""A review console per test (fresh database, fake clock), or one per module and database kind."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.review.console import Console, running_console
from tests.support.databases import fresh_postgres_database, sqlite_url


@pytest.fixture
def console(database_url: str, tmp_path: Path) -> Iterator[Console]:
    with running_console(tmp_path, database_url) as running:
        yield running


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared_console(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    """For tests that never move the clock: they share a server and use reports of their own."""
    tmp_path = tmp_path_factory.mktemp(f"review-{request.param}")
    if request.param == "sqlite":
        with running_console(tmp_path, sqlite_url(tmp_path)) as running:
            yield running
        return
    with fresh_postgres_database() as url, running_console(tmp_path, url) as running:
        yield running
