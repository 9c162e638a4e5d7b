"""A relative's phone for the reporter-app stories: a Chromium profile on disk, and what a person does with it.

The profile is a folder (`launch_persistent_context`), so closing the browser and opening it again
keeps IndexedDB, Cache Storage and the service worker, as a phone keeps them between days.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, BrowserType, FilePayload, Page, expect

from tests.browser.app_scripts import (
    LEFTOVERS_JS,
    OUTBOX_CIPHERTEXT_BYTES_JS,
    READY,
    STORE_COUNTS_JS,
    STORED_LIST_SEQ_JS,
)
from tests.browser.photos import fingerprint as fingerprint  # re-exported: the stories import it from here
from tests.browser.photos import png as png
from tests.support.polling import wait_until

# How long the screen may take to answer a tap: generous, as these machines are shared and slow.
UI_TIMEOUT = 15_000
# More than the wizard has steps: walking further means Next never reached the review.
MAX_STEPS = 20

Answer = Callable[[Page], None]


def steps(*answers: Answer) -> Answer:
    """Several answers given on one step, in order."""

    def answer(page: Page) -> None:
        for one in answers:
            one(page)

    return answer


def tick(testid: str) -> Answer:
    return lambda page: page.get_by_test_id(testid).check()


def fill(testid: str, text: str) -> Answer:
    return lambda page: page.get_by_test_id(testid).fill(text)


class Phone:
    """One phone with the app's origin; `open` starts the browser on it, `close` quits it."""

    def __init__(
        self, browser_type: BrowserType, launch_args: dict[str, Any], context_args: dict[str, Any], profile: Path
    ) -> None:
        self.browser_type = browser_type
        self.launch_args = launch_args
        self.context_args = context_args
        self.profile = profile
        self.page_errors: list[str] = []
        self._context: BrowserContext | None = None

    @property
    def context(self) -> BrowserContext:
        assert self._context is not None, "the browser is closed"
        return self._context

    def open(self, url: str, *, offline: bool = False) -> Page:
        """Start the browser (offline if asked, as the phone may be) and open `url` until the app is drawn."""
        self._context = self.browser_type.launch_persistent_context(
            str(self.profile), **self.launch_args, **self.context_args, offline=offline
        )
        self._context.set_default_timeout(30_000)
        page = self._context.pages[0] if self._context.pages else self._context.new_page()
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.goto(url)
        page.wait_for_selector(READY, state="attached", timeout=20_000)
        return page

    def close(self) -> None:
        if self._context is not None:
            self._context.close()
            self._context = None

    def wait_for_service_worker(self, page: Page) -> None:
        """Until the service worker is active (the app shell precached), then reload so that it controls the page."""
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()
        page.wait_for_selector(READY, state="attached", timeout=20_000)
        assert page.evaluate("navigator.serviceWorker.controller !== null"), (
            "the service worker does not control the page"
        )


def the_phone_learns_the_list(page: Page, seq: int) -> None:
    """The relative opens the app again: it asks for the server's list in the background (never before a
    Send, issue 21), and stores list `seq` once verified. Reports sealed from then on name its reviewers."""
    page.reload()
    page.wait_for_selector(READY, state="attached", timeout=20_000)
    wait_until(
        lambda: (page.evaluate(STORED_LIST_SEQ_JS) or 0) >= seq, timeout=30, what=f"the phone to store list {seq}"
    )


def store_counts(page: Page) -> dict[str, int] | None:
    result: dict[str, int] | None = page.evaluate(STORE_COUNTS_JS)
    return result


def wait_for_a_draft(page: Page, seconds: float = 10) -> None:
    """Until the autosave has stored a draft."""
    wait_until(
        lambda: ((store_counts(page) or {}).get("drafts") or 0) >= 1,
        timeout=seconds,
        what="the autosave to store a draft",
        interval=0.1,
    )


def outbox_ciphertext_bytes(page: Page, report_id: str) -> int | None:
    result: int | None = page.evaluate(OUTBOX_CIPHERTEXT_BYTES_JS, report_id)
    return result


def leftovers(page: Page) -> dict[str, Any]:
    """IndexedDB databases, Cache Storage caches and service worker registrations of the app's origin."""
    result: dict[str, Any] = page.evaluate(LEFTOVERS_JS)
    return result


def fill_in_report(page: Page, answers: dict[str, Answer]) -> None:
    """Walk the wizard with Next up to the review, answering each question (by test id) where it appears."""
    pending = dict(answers)
    heading = page.get_by_role("heading", level=1)
    for _ in range(MAX_STEPS):
        for testid in list(pending):
            if page.get_by_test_id(testid).first.is_visible():
                pending.pop(testid)(page)
        if page.get_by_test_id("step-send").is_visible():
            break
        title = heading.inner_text()
        page.get_by_test_id("step-next").click()
        expect(heading).not_to_have_text(title, timeout=UI_TIMEOUT)
    assert not pending, f"the wizard never showed {sorted(pending)}"


def write_a_search_report(page: Page, tell: Answer) -> None:
    """A new report of a search, told by `tell` on the account step, with consent to record: up to the review."""
    page.get_by_test_id("new-report").click()
    fill_in_report(
        page, {"kind-search": tick("kind-search"), "account-text": tell, "consent-record": tick("consent-record")}
    )


def attach_photo(page: Page, photo: FilePayload, *, downscale: bool) -> None:
    """Pick `photo` from the gallery in the photo section on screen; wait until its tile shows."""
    tiles = page.get_by_test_id("photo-tile")
    before = tiles.count()
    page.get_by_test_id("photo-downscale").set_checked(downscale)
    page.get_by_test_id("photo-gallery").set_input_files(photo)
    expect(tiles).to_have_count(before + 1, timeout=30_000)


def send_report(page: Page, known: set[str] | None = None) -> str:
    """Tap Send on the review; the app goes home and lists the report in the outbox. Returns its id.

    `known`: the outbox's report ids before this report was begun (the wizard hides the outbox).
    """
    items_before = known or set()
    page.get_by_test_id("step-send").click()
    expect(page.get_by_test_id("new-report")).to_be_visible(timeout=30_000)
    new = [report_id for report_id in _report_ids(page) if report_id not in items_before]
    assert len(new) == 1, f"expected one new outbox item, got {new}"
    return new[0]


def outbox_ids(page: Page) -> set[str]:
    """The report ids the home screen's outbox lists now."""
    return {item.get_attribute("data-report-id") or "" for item in page.get_by_test_id("outbox-item").all()}


def outbox_item(page: Page, report_id: str) -> Any:
    return page.locator(f'[data-testid="outbox-item"][data-report-id="{report_id}"]')


def _report_ids(page: Page) -> list[str]:
    expect(page.get_by_test_id("outbox-item").first).to_be_attached(timeout=UI_TIMEOUT)
    # Read in one go: `.all()` gives locators resolved one by one, and a report that moves from
    # "sending" to "receipts" meanwhile would be read twice.
    ids: list[str] = page.eval_on_selector_all(
        "[data-testid=outbox-item]", "items => items.map((item) => item.dataset.reportId || '')"
    )
    return ids


def photo_file(name: str, data: bytes) -> FilePayload:
    return {"name": name, "mimeType": "image/png", "buffer": data}
