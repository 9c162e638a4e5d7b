"""One real `kua serve` (SQLite) for the hostile-input tests, and a signed-in admin reviewer of it."""

from collections.abc import Iterator

import pytest

from tests.hostile.stored import Reviewer, an_admin_of
from tests.support.server import RunningServer


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A server per module: what one module's attacks leave behind never meets another's checks."""
    # Fuzzed push subscriptions must never name a real push service: nothing may leave this machine.
    settings = {"KUA_PUSH_SERVICE_HOSTS": "push.kua.invalid"}
    with RunningServer(tmp_path_factory.mktemp("hostile") / "data", **settings) as server:
        yield server


@pytest.fixture(scope="module")
def admin(hostile_server: RunningServer) -> Reviewer:
    return an_admin_of(hostile_server)
