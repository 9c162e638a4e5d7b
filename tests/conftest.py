"""Fixtures shared by every test: fresh databases (SQLite and PostgreSQL) and a running server."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import figures as figures_module
from tests.support.databases import fresh_postgres_database, sqlite_url
from tests.support.server import RunningServer


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, no schema: tests build it with the migrations, never with create_all."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture(scope="session")
def kua_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """One `kua serve` for the whole session (SQLite, development settings, the built frontend)."""
    with RunningServer(tmp_path_factory.mktemp("kua-server") / "data") as server:
        yield server


@pytest.fixture
def figures() -> figures_module.Figures:
    """Record a line for the closing summary (conformance counts, interop, memory figures)."""
    return figures_module.Figures()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if figures_module.LINES:
        terminalreporter.section("what the tests measured")
        for line in figures_module.LINES:
            terminalreporter.write_line(line)
