"""The reporter app on WebKit (the engine of every iPhone browser): Debian's WebKitGTK through WebKitWebDriver,
under a virtual display. Skipped on a developer's machine without them (`make webkit` installs them), a
failure when CI=true. The server and the fault proxy are the Chromium stories' (tests/browser/app_server.py).
"""

import importlib.util
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.app_server import own_server as own_server
from tests.browser.app_server import proxy as proxy  # fixtures shared with tests/browser
from tests.browser.app_server import reporter_server as reporter_server
from tests.support.ci import require
from tests.webkit.webkit_phone import MINIBROWSER, PHONE_BROWSER, WEBKIT_WEBDRIVER, WebKitPhone
from tests.webkit.xvfb import XVFB, virtual_display


def _phone_browser_runs() -> bool:
    """Debian's python3 has PyGObject and WebKit2 4.1 (python3-gi, gir1.2-webkit2-4.1) for phone_browser.py."""
    try:
        answer = subprocess.run([str(PHONE_BROWSER), "--version"], capture_output=True, text=True, timeout=30)
    except OSError:
        return False
    return answer.returncode == 0


@pytest.fixture(scope="session")
def webkit_display() -> Iterator[str]:
    """A virtual X display shared by every WebKit phone of the run (`DISPLAY`)."""
    require(importlib.util.find_spec("selenium") is not None, "selenium is missing: pip install -e '.[test]'")
    for part in (WEBKIT_WEBDRIVER, MINIBROWSER):
        require(part.is_file(), f"{part} is missing: make webkit")
    require(shutil.which(XVFB) is not None, "Xvfb is missing: make webkit")
    require(_phone_browser_runs(), f"{PHONE_BROWSER.name} cannot start WebKitGTK: make webkit")
    with virtual_display() as display:
        yield display


@pytest.fixture
def webkit_phone(webkit_display: str, tmp_path: Path) -> Iterator[WebKitPhone]:
    """A WebKit phone whose profile lives on disk (closed at the end if the test left it open)."""
    phone = WebKitPhone(webkit_display, tmp_path, private=False)
    yield phone
    phone.close()


@pytest.fixture
def private_webkit_phone(webkit_display: str, tmp_path: Path) -> Iterator[WebKitPhone]:
    """A WebKit phone in a private session: nothing kept after it closes, and IndexedDB refuses Blobs."""
    phone = WebKitPhone(webkit_display, tmp_path, private=True)
    yield phone
    phone.close()
