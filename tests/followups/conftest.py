"""A review console per test (fresh database on SQLite and PostgreSQL, fake clock), as in tests/review."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.review.console import Console, running_console


@pytest.fixture
def console(database_url: str, tmp_path: Path) -> Iterator[Console]:
    with running_console(tmp_path, database_url) as running:
        yield running
