"""Playwright with Debian's Chromium (never `playwright install`), as a phone would open the app."""

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserType

from tests.browser.phone import Phone
from tests.support.ci import require
from tests.support.fault_proxy import FaultProxy
from tests.support.server import REPO, RunningServer, run_kua

CHROMIUM = Path("/usr/bin/chromium")
# The browser itself must not phone home either: a test counts every request it sees.
QUIET_FLAGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    require(CHROMIUM.is_file(), f"{CHROMIUM} is missing: apt-get install chromium")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": QUIET_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A phone-sized screen with touch (about an iPhone 14 or a Pixel 7)."""
    return {
        **browser_context_args,
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 3,
        "is_mobile": True,
        "has_touch": True,
    }


# The reporter app's stories (test_reporter_*.py): the built app served by a `kua serve` that
# publishes the development recipient list, reached through a fault proxy, on a phone whose
# browser profile lives on disk.

DEV_ENV_FILE = REPO / "var" / "kua.dev.env"
RECIPIENT_LIST = REPO / "var" / "dev-keys" / "recipient-list.json"
ROOT_SETTINGS = ("KUA_ROOT_PUBLIC_KEYS", "KUA_ROOT_THRESHOLD")


def _env_file(path: Path) -> dict[str, str]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    pairs = [line.split("=", 1) for line in lines if line and not line.startswith("#") and "=" in line]
    return {name.strip(): value.strip() for name, value in pairs}


@pytest.fixture(scope="session")
def reporter_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """`kua serve` of frontend/dist with the development root keys, the development list published (as `make run`)."""
    require((REPO / "frontend" / "dist" / "sw.js").is_file(), "frontend/dist is not built: run `make frontend`")
    require(DEV_ENV_FILE.is_file() and RECIPIENT_LIST.is_file(), "no development keys: run `kua dev-setup`")
    root_settings = {name: value for name, value in _env_file(DEV_ENV_FILE).items() if name in ROOT_SETTINGS}
    # A copy of the build: a rebuild during the session (another terminal) must not change the app under test.
    app = shutil.copytree(REPO / "frontend" / "dist", tmp_path_factory.mktemp("reporter-app") / "dist")
    with RunningServer(
        tmp_path_factory.mktemp("reporter-server") / "data", KUA_FRONTEND_DIR=str(app), **root_settings
    ) as server:
        published = run_kua("recipients", "publish", str(RECIPIENT_LIST), env=server.env)
        assert published.returncode == 0, published.stdout + published.stderr
        yield server


@pytest.fixture
def proxy(reporter_server: RunningServer) -> Iterator[FaultProxy]:
    """The phone's network: passes everything through until a test breaks it."""
    with FaultProxy(reporter_server.port) as proxy:
        yield proxy


@pytest.fixture
def phone(
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
    browser_context_args: dict[str, Any],
    tmp_path: Path,
) -> Iterator[Phone]:
    """A phone with its own browser profile on disk (closed at the end if the test left it open)."""
    phone = Phone(browser_type, browser_type_launch_args, browser_context_args, tmp_path / "phone-profile")
    yield phone
    phone.close()
