"""A running `kua serve` per database kind for the tus tests, with a small attachment limit."""

from collections.abc import Iterator

import pytest

from tests.support.databases import fresh_postgres_database
from tests.support.server import RunningServer

MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def uploads_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """One server per module and database kind; tests use fresh upload ids, so they do not collide."""
    data_dir = tmp_path_factory.mktemp(f"uploads-{request.param}") / "data"
    settings = {"KUA_MAX_ATTACHMENT_BYTES": str(MAX_ATTACHMENT_BYTES)}
    if request.param == "sqlite":
        with RunningServer(data_dir, **settings) as server:
            yield server
        return
    with fresh_postgres_database() as url, RunningServer(data_dir, KUA_DATABASE_URL=url, **settings) as server:
        yield server
