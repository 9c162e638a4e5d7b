"""The service worker's precache: what the app needs offline before it activates, the rest right after.

src/reporter/sw.ts installs everything but the other languages' catalogs, the bold fonts and the
home-screen icons (about 60 KB, 2 s on 2G), activates, then caches those too. A phone that opened the
app once must end up with every file of the build in its precache, whichever stage brought it.
"""

import re

import httpx
import pytest
from playwright.sync_api import Page

from tests.browser.phone import Phone
from tests.support.fault_proxy import FaultProxy
from tests.support.polling import wait_until
from tests.support.server import RunningServer

pytestmark = pytest.mark.browser

PRECACHE_URL = re.compile(r"""["']?url["']?\s*:\s*["']([^"']+)["']""")
# Paths (no query: revisioned files are stored under `?__WB_REVISION__=...`) of every cached entry.
CACHED_PATHS_JS = """async () => {
  const paths = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
  }
  return paths;
}"""


def cached_paths(page: Page) -> set[str]:
    return set(page.evaluate(CACHED_PATHS_JS))


def test_what_the_app_needs_offline_is_precached_before_activation_and_the_rest_right_after(
    phone: Phone, proxy: FaultProxy, reporter_server: RunningServer
) -> None:
    worker = httpx.get(proxy.url("/sw.js")).text
    manifest = {"/" + url.lstrip("/") for url in PRECACHE_URL.findall(worker)}
    later = {path for path in manifest if "/catalog-" in path or "-700-normal-" in path or "/icon-" in path}
    assert any("/catalog-kk-" in path for path in later), sorted(manifest)  # the split finds what it should
    # Given a phone that opens the app for the first time
    page = phone.open(proxy.base_url)
    # When its service worker is active
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    # Then everything but the later files is precached already (the install stored it)
    assert manifest - later <= cached_paths(page), sorted(manifest - later - cached_paths(page))
    # And the later files follow, so that the whole build is precached
    wait_until(lambda: manifest <= cached_paths(page), timeout=60, what="the later files in the precache")
