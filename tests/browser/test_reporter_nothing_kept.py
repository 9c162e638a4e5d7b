"""A browser that lets the site keep nothing (Chrome with cookies blocked: `indexedDB.open` throws SecurityError,
some in-app WebViews): the app says so plainly, sends a report at once while online, and keeps nothing (issue 22).

The refusal is made by an init script, as Chrome refuses with cookies blocked for the site.
"""

import hashlib
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.app_scripts import READY
from tests.browser.intake_store import IntakeStore, open_as_reviewer
from tests.browser.phone import UI_TIMEOUT, fill, outbox_item, send_report, write_a_search_report
from tests.support.server import REPO, RunningServer

pytestmark = pytest.mark.browser

RU: dict[str, Any] = json.loads((REPO / "frontend/src/shared/i18n/locales/ru.json").read_text(encoding="utf-8"))
REFUSE_OPEN_JS = """IDBFactory.prototype.open = function () {
  throw new DOMException("The operation is insecure.", "SecurityError");
};"""


@pytest.fixture
def browser_that_keeps_nothing(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[BrowserContext]:
    context = browser.new_context(**browser_context_args)
    context.add_init_script(REFUSE_OPEN_JS)
    yield context
    context.close()


def open_the_app(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(READY, state="attached", timeout=20_000)


def test_a_relative_sends_at_once_from_a_browser_that_keeps_nothing(
    browser_that_keeps_nothing: BrowserContext, reporter_server: RunningServer
) -> None:
    canary = f"KUA-CANARY-{uuid.uuid4().hex}"
    context = browser_that_keeps_nothing
    page = context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))

    # Given a relative whose browser lets the site keep nothing on the phone
    open_the_app(page, reporter_server.base_url)
    # Then the app starts anyway and says plainly that nothing is kept, and what to do to keep reports
    banner = page.get_by_test_id("nothing-kept")
    expect(banner).to_contain_text(RU["nothingKept"]["title"], timeout=UI_TIMEOUT)
    expect(banner).to_contain_text(RU["nothingKept"]["toKeep"])
    # And a PIN is not offered (it would guard nothing past this page)
    page.get_by_test_id("settings").click()
    expect(page.get_by_test_id("pin-unavailable")).to_have_text(RU["nothingKept"]["noPin"], timeout=UI_TIMEOUT)
    page.go_back()

    # When they write a report and tap Send without a network
    write_a_search_report(page, fill("account-text", f"Обыск ночью. {canary}"))
    context.set_offline(True)
    page.get_by_test_id("step-send").click()
    # Then they read that it cannot be kept to send later, and the report stays on screen
    expect(page.get_by_test_id("wizard-status")).to_have_text(RU["nothingKept"]["offline"], timeout=UI_TIMEOUT)
    expect(page.get_by_test_id("step-send")).to_be_visible()

    # When the network returns and they tap Send again
    context.set_offline(False)
    report_id = send_report(page)
    # Then the report is delivered at once and its receipt shows
    expect(outbox_item(page, report_id)).to_have_attribute("data-state", "sent", timeout=30_000)
    receipt_code = page.get_by_test_id("receipt").locator(".receipt-code").inner_text()

    # And the receipt matches what the server stored, which the reviewer opens to what was written
    ciphertext = IntakeStore(reporter_server).report_ciphertext(report_id)
    assert ciphertext is not None, "the server has no report under the id the phone showed"
    digest = hashlib.sha256(ciphertext).hexdigest().upper()
    assert "-".join(digest[i : i + 4] for i in range(0, 16, 4)) in receipt_code
    report = json.loads(open_as_reviewer(ciphertext))
    assert report["reportId"] == report_id and canary in report["account"]

    # When the page is reloaded
    page.reload()
    page.wait_for_selector(READY, state="attached", timeout=20_000)
    # Then nothing of the report is on screen: no receipt, no outbox item, no draft
    expect(page.get_by_test_id("nothing-kept")).to_be_visible(timeout=UI_TIMEOUT)
    expect(page.get_by_test_id("outbox-item")).to_have_count(0)
    expect(page.get_by_test_id("receipt")).to_have_count(0)
    assert canary not in page.content()
    assert page_errors == []
