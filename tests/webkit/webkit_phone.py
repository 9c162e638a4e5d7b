"""A relative's iPhone, as near as Linux gets: WebKitGTK driven through WebDriver (Selenium, WebKitWebDriver).

Two kinds of phone:
- on disk (`private=False`): tests/webkit/phone_browser.py keeps IndexedDB, Cache Storage and the service
  worker in a profile folder, so closing the browser and opening it again keeps them, as a phone does;
- private (`private=True`): MiniBrowser's automation session, ephemeral like a Safari private tab (WebKit
  refuses Blobs in IndexedDB there).

Playwright's WebKit is its own build, downloaded by `playwright install`: not usable here.
"""

import os
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

from tests.webkit.screen import Screen

WEBKIT_WEBDRIVER = Path("/usr/bin/WebKitWebDriver")
MINIBROWSER = Path(f"/usr/lib/{os.uname().machine}-linux-gnu/webkit2gtk-4.1/MiniBrowser")
PHONE_BROWSER = Path(__file__).with_name("phone_browser.py")
# phone_browser.py answers `--version` with this name: WebKitWebDriver matches it against browserName.
PHONE_BROWSER_NAME = "KuaPhone"
# A page load or a script may take this long on a shared, slow machine (a first load took over 30 s
# at a load average of 9).
TIMEOUT_SECONDS = 60
DRIVER_LOG = "webkitwebdriver.log"
# About an iPhone 14's screen in CSS pixels, as the Chromium phone (tests/browser/conftest.py).
PHONE_SCREEN = (390, 844)


class WebKitPhone:
    """One WebKit phone; `open` starts the browser on a URL, `close` quits it (the profile stays on disk)."""

    def __init__(self, display: str, workdir: Path, *, private: bool) -> None:
        self.display = display
        self.workdir = workdir
        self.private = private
        self.profile = workdir / "phone-profile"
        self._driver: webdriver.WebKitGTK | None = None

    @property
    def driver(self) -> webdriver.WebKitGTK:
        assert self._driver is not None, "the browser is closed"
        return self._driver

    def _options(self) -> Options:
        options = Options()
        if self.private:
            options.binary_location = str(MINIBROWSER)
            options.add_argument("--automation")
        else:
            options.binary_location = str(PHONE_BROWSER)
            options.set_capability("browserName", PHONE_BROWSER_NAME)
            options.add_argument("--automation")
            options.add_argument(f"--profile={self.profile}")
        return options

    def open(self, url: str) -> Screen:
        """Start the browser and open `url` until the app is drawn."""
        env = {**os.environ, "DISPLAY": self.display}
        service = Service(executable_path=str(WEBKIT_WEBDRIVER), log_output=str(self.workdir / DRIVER_LOG), env=env)
        self._driver = webdriver.WebKitGTK(options=self._options(), service=service)
        self._driver.file_detector = UselessFileDetector()
        self._driver.set_page_load_timeout(TIMEOUT_SECONDS)
        self._driver.set_script_timeout(TIMEOUT_SECONDS)
        # phone_browser.py opens its windows at this size itself; MiniBrowser's toolbar keeps its page
        # about 450 px wide at least, still a phone's layout.
        if self.private:
            self._driver.set_window_size(*PHONE_SCREEN)
        screen = Screen(self._driver)
        screen.go(url)
        return screen

    def close(self) -> None:
        if self._driver is not None:
            self._driver.quit()
            self._driver = None

    def wait_for_service_worker(self, screen: Screen) -> None:
        """Until the service worker is active (the app shell precached), then reload so that it controls the page."""
        screen.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
        screen.reload()
        assert screen.evaluate("() => navigator.serviceWorker.controller !== null"), (
            "the service worker does not control the page"
        )
