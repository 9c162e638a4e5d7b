"""A running `kua serve` per database kind, for the intake tests (reports and the recipient list)."""

from collections.abc import Iterator

import pytest

from tests.support.databases import fresh_postgres_database
from tests.support.server import RunningServer


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def intake_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """One server per module and database kind; tests use fresh report ids, so they do not collide."""
    data_dir = tmp_path_factory.mktemp(f"intake-{request.param}") / "data"
    settings = {"KUA_MAX_REPORT_BYTES": str(256 * 1024)}
    if request.param == "sqlite":
        with RunningServer(data_dir, **settings) as server:
            yield server
        return
    with fresh_postgres_database() as url, RunningServer(data_dir, KUA_DATABASE_URL=url, **settings) as server:
        yield server
