"""Playwright with Debian's Chromium (never `playwright install`), as a phone would open the app."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserType

from tests.browser.app_server import own_server as own_server
from tests.browser.app_server import proxy as proxy  # fixtures shared with tests/webkit
from tests.browser.app_server import reporter_server as reporter_server
from tests.browser.phone import Phone
from tests.support.ci import require

CHROMIUM = Path("/usr/bin/chromium")
# The browser itself must not phone home either: a test counts every request it sees.
QUIET_FLAGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # A microphone that plays a tone, allowed without a prompt: voice recordings (docs/media.md).
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
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
