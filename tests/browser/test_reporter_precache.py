"""The service worker's precache in two stages: what a text report needs offline, then the rest.

src/reporter/sw.ts installs stage 1 (everything a report written offline needs, in the language the app
opened in) before it activates; stage 2 follows activation: the other languages' catalogs, "My reports"
and follow-up answers, the upload code (`later-` chunks, vite.config.ts), the webfonts, the icons and the
web app manifest (docs/reporter-app.md#working-offline). A phone whose network breaks right after stage 1
writes, seals and queues a report offline; once the network is back, it precaches every file of the build.
"""

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.app_scripts import CACHED_PATHS_JS, precache_manifest
from tests.browser.phone import UI_TIMEOUT, Phone, fill, outbox_item, send_report, write_a_search_report
from tests.support.fault_proxy import Fault, FaultProxy, SeenRequest
from tests.support.polling import wait_until
from tests.support.server import RunningServer

pytestmark = pytest.mark.browser

STAGE_TWO = re.compile(r"/assets/(catalog|later)-|\.woff2$|/icon(-\d+\.png|\.svg)$|/manifest\.webmanifest$")


def cached_paths(page: Page) -> set[str]:
    return set(page.evaluate(CACHED_PATHS_JS))


def test_a_report_is_queued_offline_with_stage_one_alone_and_the_rest_follows_online(
    phone: Phone, proxy: FaultProxy, reporter_server: RunningServer
) -> None:
    worker = httpx.get(proxy.url("/sw.js")).text
    manifest = precache_manifest(worker)
    later = {path for path in manifest if STAGE_TWO.search(path)}
    # The split finds what it should: another language, "My reports", the upload code, the in-memory database
    # (a browser that keeps nothing), the webfonts
    stage_two = ("catalog-kk-", "later-MyReports-", "later-browser-", "later-memoryIndexedDb-")
    for part in (*(f"/assets/{name}" for name in stage_two), "-400-normal-"):
        assert any(part in path for path in later), (part, sorted(later))

    # Given a phone that opens the app for the first time on a network that never delivers stage 2
    def no_stage_two(request: SeenRequest) -> Fault:
        return Fault.bad_gateway() if request.path in later else Fault.pass_through()

    proxy.choose(no_stage_two)
    page = phone.open(proxy.base_url)
    # When its service worker is active, then stage 1 is precached, and nothing of stage 2
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    assert manifest - later <= cached_paths(page), sorted(manifest - later - cached_paths(page))
    assert not later & cached_paths(page), sorted(later & cached_paths(page))

    # When the network drops and the relative opens the app again
    proxy.choose(None)
    proxy.set(Fault.unreachable())
    phone.close()
    page = phone.open(proxy.base_url, offline=True)
    # Then she writes a report, and Send queues it sealed on the phone
    write_a_search_report(page, fill("account-text", "Пришли ночью, забрали брата."))
    report_id = send_report(page)
    expect(outbox_item(page, report_id)).to_have_attribute("data-state", "waiting", timeout=UI_TIMEOUT)

    # When the network returns, then the report is sent and stage 2 follows, so the whole build is precached
    proxy.set(Fault.pass_through())
    phone.context.set_offline(False)
    expect(outbox_item(page, report_id)).to_have_attribute("data-state", "sent", timeout=30_000)
    page.reload()
    wait_until(lambda: manifest <= cached_paths(page), timeout=60, what="the stage 2 files in the precache")
