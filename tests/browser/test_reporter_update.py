"""A new version of the app reaches a phone that has the old one installed, without losing a draft."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.app_server import serving_the_app
from tests.browser.phone import READY, UI_TIMEOUT, Phone, store_counts, wait_for_a_draft

pytestmark = pytest.mark.browser

WAITING_WORKER_JS = "navigator.serviceWorker.getRegistration().then((r) => r ? r.waiting !== null : null)"
CHECK_FOR_UPDATE_JS = "navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => true)"


def test_a_new_version_is_offered_and_taken_without_losing_the_draft(phone: Phone, tmp_path: Path) -> None:
    with serving_the_app(tmp_path / "server") as server:
        # Given a phone with the app installed and a report begun
        page = phone.open(server.base_url)
        phone.wait_for_service_worker(page)
        page.get_by_test_id("new-report").click()
        page.get_by_test_id("kind-search").check()
        wait_for_a_draft(page)
        page.go_back()
        expect(page.get_by_test_id("update-ready")).to_have_count(0)

        # When the coalition deploys a new version (a different service worker) and the phone checks for it
        sw = tmp_path / "server" / "dist" / "sw.js"
        sw.write_text(sw.read_text(encoding="utf-8") + "\n// the next version\n", encoding="utf-8")
        page.evaluate(CHECK_FOR_UPDATE_JS)

        # Then the home screen offers it, and the old version keeps running until the relative agrees
        expect(page.get_by_test_id("update-ready")).to_be_visible(timeout=UI_TIMEOUT)
        assert page.evaluate(WAITING_WORKER_JS) is True

        # When they tap Update
        page.get_by_test_id("update-apply").click()

        # Then the page reloads into the new version, which now controls it, and the draft is still there
        page.wait_for_function(
            "navigator.serviceWorker.getRegistration().then((r) => r.waiting === null && r.active !== null)",
            timeout=UI_TIMEOUT,
        )
        page.wait_for_selector(READY, state="attached", timeout=20_000)
        expect(page.get_by_test_id("update-ready")).to_have_count(0)
        assert page.evaluate("navigator.serviceWorker.controller !== null")
        counts = store_counts(page)
        assert counts is not None and counts.get("drafts") == 1
        assert phone.page_errors == []
