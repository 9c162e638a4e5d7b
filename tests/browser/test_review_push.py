"""A reviewer finds the push toggle on the key screen. Chromium's Web Push needs Google's push service,
which a test machine cannot reach: turning it on must end in a clear "failed", never a broken console
(the push itself is tested against a push-service stub in tests/push/)."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.app_server import serving_the_app
from tests.browser.phone import READY, UI_TIMEOUT
from tests.browser.reviewer import accept_invitation, invitation_path

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
KEY_PASSPHRASE = "the reviewer's long passphrase"


def test_the_push_toggle_registers_the_console_worker_and_fails_gracefully_without_a_push_service(
    browser: Browser, tmp_path: Path
) -> None:
    with serving_the_app(tmp_path / "server") as server:
        context = browser.new_context()
        context.grant_permissions(["notifications"], origin=server.base_url)
        console = context.new_page()
        # Given a reviewer who joined and made a key
        accept_invitation(
            console, server, invitation_path(server, "Aigerim", "triager"), name="Aigerim", password=PASSWORD
        )
        console.get_by_test_id("key-passphrase").fill(KEY_PASSPHRASE)
        console.get_by_test_id("key-passphrase-repeat").fill(KEY_PASSPHRASE)
        console.get_by_test_id("key-generate").click()
        expect(console.get_by_test_id("key-state")).to_have_attribute("data-state", "pending", timeout=30_000)

        # Then the key screen offers notifications, off for now
        state = console.get_by_test_id("push-state")
        expect(state).to_have_attribute("data-state", "off", timeout=UI_TIMEOUT)

        # When she turns them on, with no push service reachable
        console.get_by_test_id("push-toggle").click()

        # Then the console says it failed, stays usable, and has registered only its own worker for /review
        expect(state).to_have_attribute("data-state", "failed", timeout=30_000)
        expect(console.get_by_test_id("push-toggle")).not_to_be_checked()
        scope = console.evaluate("navigator.serviceWorker.getRegistration('/review').then((r) => r && r.scope)")
        assert scope == server.base_url + "/review"
        worker = "(r.active || r.installing || r.waiting).scriptURL"
        script = console.evaluate(f"navigator.serviceWorker.getRegistration('/review').then((r) => {worker})")
        assert script.startswith(server.base_url + "/review-sw.js?body=")
        console.get_by_test_id("nav-queue").click()
        console.wait_for_selector(READY, state="attached")
        context.close()
