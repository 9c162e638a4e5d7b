"""The built reporter app served as `make run` serves it: development root keys, the development list published."""

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.ci import require
from tests.support.fault_proxy import FaultProxy
from tests.support.server import REPO, RunningServer, run_kua

DEV_ENV_FILE = REPO / "var" / "kua.dev.env"
RECIPIENT_LIST = REPO / "var" / "dev-keys" / "recipient-list.json"
ROOT_SETTINGS = ("KUA_ROOT_PUBLIC_KEYS", "KUA_ROOT_THRESHOLD")


def _env_file(path: Path) -> dict[str, str]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    pairs = [line.split("=", 1) for line in lines if line and not line.startswith("#") and "=" in line]
    return {name.strip(): value.strip() for name, value in pairs}


@contextmanager
def serving_the_app(workdir: Path, **settings: str) -> Iterator[RunningServer]:
    """`kua serve` of a copy of frontend/dist (in `workdir / "dist"`), data in `workdir / "data"`.

    A copy, so that a rebuild during the session does not change the app under test, and so that a
    test may change its copy (a new version of the app). `settings`: KUA_* variables on top of the tests' own.
    """
    require((REPO / "frontend" / "dist" / "sw.js").is_file(), "frontend/dist is not built: run `make frontend`")
    require(DEV_ENV_FILE.is_file() and RECIPIENT_LIST.is_file(), "no development keys: run `kua dev-setup`")
    root_settings = {name: value for name, value in _env_file(DEV_ENV_FILE).items() if name in ROOT_SETTINGS}
    app = shutil.copytree(REPO / "frontend" / "dist", workdir / "dist")
    with RunningServer(workdir / "data", KUA_FRONTEND_DIR=str(app), **root_settings, **settings) as server:
        published = run_kua("recipients", "publish", str(RECIPIENT_LIST), env=server.env)
        assert published.returncode == 0, published.stdout + published.stderr
        yield server


# Fixtures of the reporter app's stories, in Chromium (tests/browser) and WebKit (tests/webkit).


@pytest.fixture(scope="session")
def reporter_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """`kua serve` of frontend/dist with the development root keys, the development list published (as `make run`)."""
    with serving_the_app(tmp_path_factory.mktemp("reporter")) as server:
        yield server


@pytest.fixture
def proxy(reporter_server: RunningServer) -> Iterator[FaultProxy]:
    """The phone's network: passes everything through until a test breaks it."""
    with FaultProxy(reporter_server.port) as proxy:
        yield proxy


# A server down this long while a report waits, and how soon after its return the report must arrive
# (issue 22), counted from the moment the restarted server answers its health check.
OUTAGE_SECONDS = 30
DELIVERED_WITHIN_SECONDS = 10


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[RunningServer]:
    """A server of the app this test may kill (the session's shared one must stay up for the other stories)."""
    with serving_the_app(tmp_path / "outage") as server:
        yield server
