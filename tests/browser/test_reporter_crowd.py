"""Twenty phones behind one carrier address install the app and send at once: no answer is a 429.

Carrier-grade NAT puts many phones behind one address, and the rate limits count by address
(kua.api.rate_limit). The server runs with its DEFAULT limits (the test servers' are otherwise raised);
one Chromium holds 20 fresh contexts, all from 127.0.0.1, driven at once with Playwright's async API
(in a thread of its own: the sync fixtures of other tests own this thread's event loop). Every answer,
the service workers' included, is counted at a recording proxy in front of the server.
"""

import asyncio
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Page, async_playwright, expect

from kua.config import WRITES_BURST, WRITES_PER_MINUTE
from tests.browser.app_scripts import ALL_CACHED_JS, READY, precache_manifest
from tests.browser.app_server import serving_the_app
from tests.browser.conftest import CHROMIUM, QUIET_FLAGS
from tests.browser.intake_store import IntakeStore
from tests.browser.photos import png
from tests.support.figures import Figures
from tests.support.link_proxy import LinkProxy

pytestmark = pytest.mark.browser

PHONES = 20
# 20 renderers on a shared 2-core machine: a tap may take long to be answered.
TIMEOUT_MS = 240_000
MAX_STEPS = 20


async def walk_to_the_review(page: Page, photo: bytes) -> None:
    """The wizard, Next after Next: a search, a short account with one photo, consent; until Send shows."""
    heading = page.get_by_role("heading", level=1)
    answered: set[str] = set()
    for _ in range(MAX_STEPS):
        if "kind" not in answered and await page.get_by_test_id("kind-search").is_visible():
            await page.get_by_test_id("kind-search").check()
            answered.add("kind")
        if "account" not in answered and await page.get_by_test_id("account-text").is_visible():
            await page.get_by_test_id("account-text").fill("Ночью пришли с обыском, забрали брата.")
            await page.get_by_test_id("photo-downscale").set_checked(False)
            files: Any = {"name": "IMG_0001.PNG", "mimeType": "image/png", "buffer": photo}
            await page.get_by_test_id("photo-gallery").set_input_files(files)
            await expect(page.get_by_test_id("photo-tile")).to_have_count(1)
            answered.add("account")
        if "consent" not in answered and await page.get_by_test_id("consent-record").is_visible():
            await page.get_by_test_id("consent-record").check()
            answered.add("consent")
        if await page.get_by_test_id("step-send").is_visible():
            break
        title = await heading.inner_text()
        await page.get_by_test_id("step-next").click()
        await expect(heading).not_to_have_text(title)
    assert answered == {"kind", "account", "consent"}, (
        f"the wizard never asked for {answered ^ {'kind', 'account', 'consent'}}"
    )


async def a_phone_installs_and_sends(page: Page, url: str, photo: bytes, precache: list[str]) -> str:
    """Cold install (service worker active: stage 1 of the precache is in), a report with a photo until the
    outbox shows its receipt, then the rest of the precache (stage 2) complete. Returns the report's id."""
    await page.goto(url)
    await page.wait_for_selector(READY, state="attached")
    await page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    await page.reload()
    await page.wait_for_selector(READY, state="attached")
    assert await page.evaluate("navigator.serviceWorker.controller !== null"), "no service worker controls the app"
    await page.get_by_test_id("new-report").click()
    await walk_to_the_review(page, photo)
    await page.get_by_test_id("step-send").click()
    item = page.get_by_test_id("outbox-item")
    await expect(item).to_have_count(1)
    report_id = await item.get_attribute("data-report-id")
    assert report_id
    await expect(item).to_have_attribute("data-state", "sent")
    await page.wait_for_function(ALL_CACHED_JS, arg=precache, polling=500)
    return report_id


async def crowd(url: str) -> list[str]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=QUIET_FLAGS)
        try:
            pages = []
            for _ in range(PHONES):
                context = await browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
                context.set_default_timeout(TIMEOUT_MS)
                pages.append(await context.new_page())
            expect.set_options(timeout=TIMEOUT_MS)
            photos = [png(48, 48, seed) for seed in range(PHONES)]
            precache = sorted(precache_manifest(httpx.get(f"{url}/sw.js").text))
            return list(
                await asyncio.gather(
                    *(a_phone_installs_and_sends(p, url, photos[n], precache) for n, p in enumerate(pages))
                )
            )
        finally:
            await browser.close()


def in_a_thread_of_its_own(url: str) -> list[str]:
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["ids"] = asyncio.run(crowd(url))
        except BaseException as error:  # handed to the test's thread below
            outcome["error"] = error

    thread = threading.Thread(target=run, name="crowd")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    ids: list[str] = outcome["ids"]
    return ids


def test_twenty_phones_behind_one_address_install_and_send_with_no_429(tmp_path: Path, figures: Figures) -> None:
    # Given a server with its default rate limits, and 20 phones behind one address (127.0.0.1)
    defaults = {"KUA_RATE_LIMIT_PER_MINUTE": str(WRITES_PER_MINUTE), "KUA_RATE_LIMIT_BURST": str(WRITES_BURST)}
    with serving_the_app(tmp_path, **defaults) as server, LinkProxy(server.port) as proxy:
        # When all of them install the app and send a report with a photo, at once
        report_ids = in_a_thread_of_its_own(proxy.base_url)
        statuses = proxy.statuses()
        store = IntakeStore(server)
        # Then no answer was a refusal for too many requests, and every phone got its receipt
        assert 429 not in statuses, f"{statuses.count(429)} answers of {len(statuses)} were 429"
        assert len(set(report_ids)) == PHONES
        # And the server holds every report with its photo, complete
        for report_id in report_ids:
            assert store.report_ciphertext(report_id) is not None, report_id
            attachments = store.declared_attachments(report_id)
            assert attachments, f"report {report_id} declares no photo"
            for attachment_id in attachments:
                upload = store.upload(str(attachment_id))
                assert upload is not None and upload.complete, (report_id, attachment_id)
        api_writes = sum(1 for e in proxy.exchanges if e.path.startswith("/api/") and e.method not in ("GET", "HEAD"))
        figures.record(f"{PHONES} phones behind one address: {len(statuses)} requests, {api_writes} API writes, no 429")
