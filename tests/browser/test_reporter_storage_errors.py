"""When the phone's storage refuses to keep something (a full disk, a private tab), the relative is told that the
phone could not store it and what to do, never "try another photo" (issue 22); the console says which fault.

The refusal is made by an init script: IndexedDB's `put` throws QuotaExceededError for the stores a test names.
"""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from tests.browser.phone import (
    READY,
    UI_TIMEOUT,
    fill,
    photo_file,
    png,
    steps,
    write_a_search_report,
)
from tests.support.server import REPO, RunningServer

pytestmark = pytest.mark.browser

RU: dict[str, Any] = json.loads((REPO / "frontend/src/shared/i18n/locales/ru.json").read_text(encoding="utf-8"))
# `window.kuaRefuseStores`: the object stores whose `put` fails as on a full disk (none until a test says).
REFUSE_PUT_JS = """(() => {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if ((window.kuaRefuseStores || []).includes(this.name)) {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    }
    return put.apply(this, args);
  };
})();"""


@pytest.fixture
def page_with_refusing_storage(
    browser: Browser, browser_context_args: dict[str, Any], reporter_server: RunningServer
) -> Iterator[tuple[Page, list[str]]]:
    """The app open on a phone whose IndexedDB can be made to refuse; the console's errors, as they come."""
    context = browser.new_context(**browser_context_args)
    context.add_init_script(REFUSE_PUT_JS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: _keep_error(message, errors))
    page.goto(reporter_server.base_url)
    page.wait_for_selector(READY, state="attached", timeout=20_000)
    yield page, errors
    context.close()


def _keep_error(message: ConsoleMessage, errors: list[str]) -> None:
    if message.type == "error":
        errors.append(message.text)


def the_phone_runs_out_of_space_for(page: Page, *stores: str) -> None:
    page.evaluate("(stores) => { window.kuaRefuseStores = stores; }", list(stores))


def test_a_photo_the_phone_cannot_store_says_so_and_what_to_do(
    page_with_refusing_storage: tuple[Page, list[str]],
) -> None:
    page, errors = page_with_refusing_storage

    # Given a relative writing a report, on a phone whose storage is full
    def attach_when_full(page: Page) -> None:
        the_phone_runs_out_of_space_for(page, "attachmentPieces", "attachments")
        # When they attach a photo
        page.get_by_test_id("photo-gallery").set_input_files(photo_file("IMG_0001.png", png(32, 32, seed=3)))
        # Then they read that the phone could not store it, and what to do; not "try another photo"
        expect(page.get_by_text(RU["storage"]["photoFailed"])).to_be_visible(timeout=UI_TIMEOUT)
        expect(page.get_by_text(RU["photos"]["failed"])).to_have_count(0)
        expect(page.get_by_test_id("photo-tile")).to_have_count(0)

    write_a_search_report(page, steps(fill("account-text", "Обыск."), attach_when_full))
    # And the console names the fault
    assert any("QuotaExceededError" in error for error in errors), errors


def test_a_report_the_phone_cannot_queue_says_so_and_keeps_the_draft(
    page_with_refusing_storage: tuple[Page, list[str]],
) -> None:
    page, errors = page_with_refusing_storage
    # Given a relative with a report written, on a phone whose storage then fills up
    write_a_search_report(page, fill("account-text", "Обыск, телефон переполнен."))
    the_phone_runs_out_of_space_for(page, "outbox")
    # When they tap Send
    page.get_by_test_id("step-send").click()
    # Then they read that the phone could not store it, the draft kept, and what to do
    expect(page.get_by_test_id("wizard-status")).to_have_text(RU["storage"]["queueFailed"], timeout=UI_TIMEOUT)
    assert any("QuotaExceededError" in error for error in errors), errors
