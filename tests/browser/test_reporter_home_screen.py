"""On an iPhone, Safari deletes a site's stored data after 7 days without a visit, unless the app was added to the
Home Screen (issue 22). A relative in a Safari tab is told, calmly, how to add it and why; a report that has waited
for days says what to do.

Chromium stands in for Safari: an iPhone's user agent, and `navigator.standalone` (Safari's flag for an app
opened from the Home Screen) set by an init script. The days pass on the page's clock.
"""

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.phone import READY, UI_TIMEOUT, fill, outbox_item, send_report, write_a_search_report
from tests.support.fault_proxy import Fault, FaultProxy
from tests.support.server import REPO

pytestmark = pytest.mark.browser

IPHONE_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)
ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
RU: dict[str, Any] = json.loads((REPO / "frontend/src/shared/i18n/locales/ru.json").read_text(encoding="utf-8"))

OpenPhone = Callable[..., Page]


@pytest.fixture
def open_phone(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[OpenPhone]:
    """Opens `url` on a phone with `user_agent`, opened from the Home Screen or not; closes it at the end."""
    contexts: list[BrowserContext] = []

    def open_phone(url: str, *, user_agent: str, standalone: bool | None) -> Page:
        context = browser.new_context(**browser_context_args, user_agent=user_agent)
        contexts.append(context)
        if standalone is not None:
            context.add_init_script(
                f"Object.defineProperty(Navigator.prototype, 'standalone', {{ get: () => {json.dumps(standalone)} }});"
            )
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(READY, state="attached", timeout=20_000)
        return page

    yield open_phone
    for context in contexts:
        context.close()


def test_an_iphone_safari_tab_shows_how_to_add_the_app_to_the_home_screen(
    open_phone: OpenPhone, proxy: FaultProxy
) -> None:
    # Given a relative who opens the app in a Safari tab on an iPhone
    page = open_phone(proxy.base_url, user_agent=IPHONE_SAFARI, standalone=False)
    # Then the first screen says how to add it to the Home Screen, and why
    card = page.get_by_test_id("home-screen-card")
    expect(card).to_be_visible(timeout=UI_TIMEOUT)
    expect(card).to_contain_text(RU["homeScreen"]["why"])
    expect(card).to_contain_text(RU["homeScreen"]["stepAdd"])
    # When they close the card, it is gone
    page.get_by_test_id("home-screen-dismiss").click()
    expect(card).to_have_count(0)


def test_the_card_is_not_shown_in_the_home_screen_app_nor_on_android(open_phone: OpenPhone, proxy: FaultProxy) -> None:
    # Given the app opened from the iPhone's Home Screen, and the app in Chrome on Android
    for user_agent, standalone in [(IPHONE_SAFARI, True), (ANDROID_CHROME, None)]:
        page = open_phone(proxy.base_url, user_agent=user_agent, standalone=standalone)
        expect(page.get_by_test_id("new-report")).to_be_visible(timeout=UI_TIMEOUT)
        # Then no card asks to add it to the Home Screen
        expect(page.get_by_test_id("home-screen-card")).to_have_count(0)


def test_a_report_waiting_for_days_says_what_to_do(open_phone: OpenPhone, proxy: FaultProxy) -> None:
    # Given a relative on an iPhone, in a Safari tab, whose report the server cannot take (a broken gateway)
    start = datetime.now(UTC)  # the recipient list was signed today: an earlier clock would not trust it
    proxy.set(Fault.bad_gateway(method="PUT", path_prefix="/api/v1/reports/"))
    page = open_phone(proxy.base_url, user_agent=IPHONE_SAFARI, standalone=False)
    page.clock.install(time=start)
    write_a_search_report(page, fill("account-text", "Обыск, а сообщение никак не уходит."))
    report_id = send_report(page)
    item = outbox_item(page, report_id)
    expect(item).to_have_attribute("data-state", "waiting", timeout=UI_TIMEOUT)
    # Then, on the first day, no warning
    expect(item.get_by_test_id("outbox-long-wait")).to_have_count(0)

    # When three days pass and the relative taps "Send now" again
    page.clock.set_system_time(start + timedelta(days=3, hours=1))
    page.get_by_test_id("send-now").click()
    # Then the report says how long it has waited, what to do, and why on an iPhone
    warning = item.get_by_test_id("outbox-long-wait")
    expect(warning).to_contain_text("Ждёт уже 3 дня.", timeout=UI_TIMEOUT)
    expect(warning).to_contain_text(RU["outbox"]["waitingDaysHint"])
    expect(warning).to_contain_text(RU["outbox"]["waitingDaysIphone"])
