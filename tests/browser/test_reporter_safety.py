"""When the phone may be seen or taken: the quick exit, and deleting everything the app keeps."""

import json
import re
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.browser.intake_store import IntakeStore, open_as_reviewer
from tests.browser.phone import (
    READY,
    UI_TIMEOUT,
    Phone,
    fill_in_report,
    leftovers,
    outbox_ids,
    send_report,
    store_counts,
    wait_for_a_draft,
)
from tests.browser.seized import (
    DURESS_PIN,
    PIN,
    canary,
    indexeddb_dump,
    receipt_codes,
    screen_outline,
    the_lock_screen_shows,
    the_relative_comes_back,
    the_relative_enters,
    the_relative_leaves_the_app,
    the_relative_sends_a_report,
    the_relative_sets_a_duress_pin,
    the_relative_sets_a_pin,
    what_the_screen_shows,
)
from tests.support.fault_proxy import FaultProxy
from tests.support.polling import wait_until
from tests.support.server import REPO, RunningServer

pytestmark = pytest.mark.browser

DEPLOYMENT = REPO / "var" / "dev-keys" / "deployment.json"


def quick_exit_url(app_url: str) -> str:
    """Where the build sends a quick exit (the deployment's `quick_exit_url`, by default /exit.html)."""
    configured = json.loads(DEPLOYMENT.read_text(encoding="utf-8")).get("quick_exit_url") or "/exit.html"
    return urljoin(app_url + "/", str(configured))


def a_relative_writing_a_report_after_one_was_delivered(
    phone: Phone, proxy: FaultProxy, *, pin: bool
) -> tuple[Page, list[str]]:
    """A phone with a delivered report (its receipt on screen), a PIN if asked, and a second report being written.

    Returns the page and what must not be readable after leaving: the words of both reports and the receipt codes.
    """
    page = phone.open(proxy.base_url)
    phone.wait_for_service_worker(page)  # the service worker answers navigations from now on
    if pin:
        the_relative_sets_a_pin(page)
    sent_words, draft_words = canary(), canary()
    the_relative_sends_a_report(page, f"Забрали утром. {sent_words}")
    codes = receipt_codes(page)
    assert codes, "no receipt code on the home screen"
    page.get_by_test_id("new-report").click()
    fill_in_report(
        page,
        {
            "kind-detention": lambda page: page.get_by_test_id("kind-detention").check(),
            "account-text": lambda page: page.get_by_test_id("account-text").fill(f"Его били. {draft_words}"),
        },
    )
    wait_for_a_draft(page)
    return page, [sent_words, draft_words, *codes]


def nothing_of_the_family_shows(page: Page, secrets: list[str]) -> None:
    """Neither the words nor the receipt codes; and if the app is open at all, it is its lock screen."""
    page.wait_for_load_state()
    if urlparse(page.url).scheme == "http" and urlparse(page.url).path in ("", "/"):  # the app: drawn by now
        page.wait_for_selector(READY, state="attached", timeout=UI_TIMEOUT)
    if page.get_by_test_id("quick-exit").count() > 0:
        expect(page.get_by_test_id("lock-screen")).to_be_visible()
    shown = what_the_screen_shows(page) + page.content()
    assert not [secret for secret in secrets if secret in shown], shown
    expect(page.get_by_test_id("receipt")).to_have_count(0)
    expect(page.get_by_test_id("step-send")).to_have_count(0)


@pytest.mark.parametrize("pin", [False, True], ids=["without-pin", "with-pin"])
def test_quick_exit_leaves_for_a_harmless_page_and_back_or_reload_does_not_return(
    phone: Phone, proxy: FaultProxy, pin: bool
) -> None:
    # Given a relative in the middle of writing a report, with a delivered report's receipt on the phone
    page, secrets = a_relative_writing_a_report_after_one_was_delivered(phone, proxy, pin=pin)

    # When someone comes in and they tap Quick exit
    page.get_by_test_id("quick-exit").click()

    # Then the harmless page shows, with nothing of the app or the reports
    page.wait_for_url(quick_exit_url(proxy.base_url), timeout=UI_TIMEOUT)
    expect(page.get_by_test_id("quick-exit")).to_have_count(0, timeout=UI_TIMEOUT)
    nothing_of_the_family_shows(page, secrets)

    # And Back does not bring the app back: the entry the app was opened in is the harmless page now
    page.go_back()
    nothing_of_the_family_shows(page, secrets)
    # Nor does Forward, nor a reload
    page.go_forward()
    nothing_of_the_family_shows(page, secrets)
    page.reload()
    nothing_of_the_family_shows(page, secrets)

    # And with a PIN, the app opened again shows the lock screen and nothing else of the family
    if pin:
        page.goto(proxy.base_url)
        the_lock_screen_shows(page)
        nothing_of_the_family_shows(page, secrets)
    assert phone.page_errors == []


def test_delete_everything_clears_the_screen_at_once_and_leaves_nothing_on_the_phone(
    phone: Phone, proxy: FaultProxy
) -> None:
    page = phone.open(proxy.base_url)
    phone.wait_for_service_worker(page)

    # Given a phone holding the app, its cache, a delivered report's receipt and a draft
    sent_words = canary()
    the_relative_sends_a_report(page, f"Забрали утром. {sent_words}")
    secrets = [sent_words, *receipt_codes(page)]
    page.get_by_test_id("new-report").click()
    page.get_by_test_id("kind-detention").check()
    wait_for_a_draft(page)
    before = leftovers(page)
    assert "kua" in before["databases"] and before["caches"] and before["serviceWorkers"] == 1, before

    # When the relative deletes everything from the settings, having read that sent reports stay safe
    page.go_back()  # the phone's Back: home
    page.get_by_test_id("settings").click()
    page.get_by_test_id("wipe-everything").click()
    expect(page.get_by_text("Уже отправленные сообщения останутся в безопасности у коалиции")).to_be_visible()
    page.get_by_test_id("wipe-confirm").click()

    # Then the screen is the first-run screen at once: no receipt, nothing of the reports
    expect(page.get_by_test_id("new-report")).to_be_visible(timeout=UI_TIMEOUT)
    expect(page.get_by_test_id("receipt")).to_have_count(0)
    expect(page.get_by_test_id("settings")).to_have_count(0)
    # And once the wipe is done and the engine stopped, no database, cache or service worker is left
    expect(page.locator("html")).to_have_attribute("data-wipe", "wiped", timeout=UI_TIMEOUT)
    expect(page.locator("html")).to_have_attribute("data-engine", "stopped")
    after = leftovers(page)
    assert (after["databases"], after["caches"], after["serviceWorkers"]) == ([], [], 0), after
    shown = what_the_screen_shows(page)
    assert not [secret for secret in secrets if secret in shown], shown
    assert "Всё удалено с этого телефона" in shown and "в безопасности у коалиции" in shown
    # And the server was told, so that it forgets the phone's push subscription and clears the site's data
    assert any(seen.method == "POST" and seen.path == "/api/v1/wipe" for seen in proxy.seen), proxy.seen
    assert phone.page_errors == []


CONTROLLER_JS = "navigator.serviceWorker.controller && new URL(navigator.serviceWorker.controller.scriptURL).pathname"


def test_the_review_console_is_not_controlled_by_the_reporter_apps_worker(phone: Phone, proxy: FaultProxy) -> None:
    # Given a browser that opened the reporter app (its worker, scope /, controls the app)
    page = phone.open(proxy.base_url)
    phone.wait_for_service_worker(page)
    assert page.evaluate(CONTROLLER_JS) == "/sw.js"

    # When the same browser opens the review console
    page.goto(proxy.base_url + "/review")

    # Then the console takes itself out of the reporter worker's reach: its own worker controls it
    wait_until(lambda: page.evaluate(CONTROLLER_JS) == "/review-sw.js", timeout=20, what="the console's own worker")
    # And every later visit to /review is controlled by that worker from the first request on
    page.reload()
    page.wait_for_load_state()
    assert page.evaluate(CONTROLLER_JS) == "/review-sw.js"
    page.goto(proxy.base_url + "/review")
    assert page.evaluate(CONTROLLER_JS) == "/review-sw.js"
    # While the reporter app keeps its own
    page.goto(proxy.base_url)
    page.wait_for_selector(READY, state="attached", timeout=UI_TIMEOUT)
    assert page.evaluate(CONTROLLER_JS) == "/sw.js"


def test_with_a_pin_the_app_locks_itself_when_left_in_the_background_longer_than_chosen(
    phone: Phone, proxy: FaultProxy
) -> None:
    page = phone.open(proxy.base_url)
    phone.context.clock.install()  # the page's clock, moved by hand below (it flows on by itself meanwhile)
    page.reload()
    page.wait_for_selector(READY, state="attached", timeout=UI_TIMEOUT)
    # Given a relative with a PIN (auto-lock at its default, 30 s) writing a report
    the_relative_sets_a_pin(page)
    page.get_by_test_id("settings").click()
    expect(page.get_by_test_id("auto-lock")).to_have_value("30")
    page.go_back()
    words = canary()
    page.get_by_test_id("new-report").click()
    fill_in_report(
        page,
        {
            "kind-detention": lambda page: page.get_by_test_id("kind-detention").check(),
            "account-text": lambda page: page.get_by_test_id("account-text").fill(f"Его били. {words}"),
        },
    )
    wait_for_a_draft(page)

    # When they switch to another app for ten seconds and come back: the report is still open
    the_relative_leaves_the_app(page)
    page.clock.fast_forward(10_000)
    the_relative_comes_back(page)
    expect(page.get_by_test_id("step-send")).to_be_visible()
    expect(page.get_by_test_id("lock-screen")).to_have_count(0)

    # When they leave it for longer than 30 s: it locks while away, and shows nothing of the report
    the_relative_leaves_the_app(page)
    page.clock.fast_forward(31_000)
    the_lock_screen_shows(page)
    the_relative_comes_back(page)
    the_lock_screen_shows(page)
    assert words not in what_the_screen_shows(page) + page.content()

    # And "at once" locks as soon as the app is left
    the_relative_enters(page, PIN)
    expect(page.get_by_test_id("lock-screen")).to_have_count(0, timeout=UI_TIMEOUT)
    page.get_by_test_id("settings").click()
    page.get_by_test_id("auto-lock").select_option("0")
    the_relative_leaves_the_app(page)
    the_lock_screen_shows(page)
    assert phone.page_errors == []


def test_the_lock_screen_shows_nothing_yet_sends_a_happening_now_report_never_stored_in_plaintext(
    phone: Phone, proxy: FaultProxy, reporter_server: RunningServer
) -> None:
    # Given a phone with a PIN and a delivered report, opened again (locked)
    page = phone.open(proxy.base_url)
    the_relative_sets_a_pin(page)
    first_words = canary()
    first_id = the_relative_sends_a_report(page, f"Забрали утром. {first_words}")
    codes = receipt_codes(page)
    page.reload()
    page.wait_for_selector(READY, state="attached", timeout=UI_TIMEOUT)

    # Then the lock screen shows nothing of the family's reports: no outbox, no receipt, no count
    the_lock_screen_shows(page)
    expect(page.get_by_test_id("outbox-item")).to_have_count(0)
    shown = what_the_screen_shows(page)
    assert not [secret for secret in [first_words, *codes] if secret in shown], shown

    # When a relative without the PIN starts a "happening now" report from it, and sends it
    urgent_words, draft_words = canary(), canary()
    page.get_by_test_id("happening-now-button").click()
    fill_in_report(
        page,
        {
            "kind-search": lambda page: page.get_by_test_id("kind-search").check(),
            "account-text": lambda page: page.get_by_test_id("account-text").fill(f"Обыск идёт. {urgent_words}"),
            "consent-record": lambda page: page.get_by_test_id("consent-record").check(),
        },
    )
    page.get_by_test_id("step-send").click()
    the_lock_screen_shows(page)
    # And starts another report, leaving it unfinished
    page.get_by_test_id("new-report").click()
    fill_in_report(
        page,
        {
            "kind-detention": lambda page: page.get_by_test_id("kind-detention").check(),
            "account-text": lambda page: page.get_by_test_id("account-text").fill(f"Его увезли. {draft_words}"),
        },
    )
    wait_for_a_draft(page)
    page.get_by_role("button", name="На главную").click()
    the_lock_screen_shows(page)

    # Then neither text is anywhere in the phone's storage: both are kept only as ciphertext
    dump = indexeddb_dump(page)
    assert "ownerSealed" in dump  # the unfinished report is there, sealed
    assert urgent_words not in dump and draft_words not in dump

    # And after the PIN its owner sees both: the urgent report delivered (its receipt), the draft to continue
    the_relative_enters(page, PIN)
    expect(page.get_by_test_id("lock-screen")).to_have_count(0, timeout=UI_TIMEOUT)
    expect(page.get_by_test_id("receipt")).to_have_count(2, timeout=30_000)
    (urgent_id,) = outbox_ids(page) - {first_id}
    sealed = IntakeStore(reporter_server).report_ciphertext(urgent_id)
    assert sealed is not None and urgent_words.encode() in open_as_reviewer(sealed)
    page.get_by_role("button", name="Продолжить").click()
    # (it reopens on the step it was left on, the review; its words are on the account step)
    expect(page.get_by_test_id("step-send")).to_be_visible(timeout=UI_TIMEOUT)
    page.get_by_text("Все шаги").click()
    page.get_by_test_id("step-link-account").click()
    expect(page.get_by_test_id("account-text")).to_have_value(re.compile(draft_words))
    assert phone.page_errors == []


def test_the_duress_pin_destroys_everything_silently_and_opens_what_looks_like_a_fresh_install(
    phone: Phone, proxy: FaultProxy
) -> None:
    page = phone.open(proxy.base_url)
    phone.wait_for_service_worker(page)
    fresh_install = screen_outline(page)
    # Given a relative with a PIN and a duress PIN, a delivered report and an unfinished one
    the_relative_sets_a_pin(page)
    the_relative_sets_a_duress_pin(page)
    sent_words, draft_words = canary(), canary()
    sent_id = the_relative_sends_a_report(page, f"Забрали утром. {sent_words}")
    page.get_by_test_id("new-report").click()
    fill_in_report(
        page,
        {
            "kind-detention": lambda page: page.get_by_test_id("kind-detention").check(),
            "account-text": lambda page: page.get_by_test_id("account-text").fill(f"Его били. {draft_words}"),
        },
    )
    wait_for_a_draft(page)
    draft_ids = set(page.evaluate(DRAFT_IDS_JS))
    page.reload()
    page.wait_for_selector(READY, state="attached", timeout=UI_TIMEOUT)

    # When they are made to open the app and enter the duress PIN
    the_lock_screen_shows(page)
    the_relative_enters(page, DURESS_PIN)

    # Then the app looks like a fresh install's first screen
    wait_until(lambda: screen_outline(page) == fresh_install, timeout=30, what="the first screen of a fresh install")
    # And the phone holds none of the old records: no draft, receipt, report keys or PIN
    counts = store_counts(page) or {}
    assert {name: counts.get(name) for name in ("drafts", "outbox", "receipts", "reportKeys", "answers")} == {
        "drafts": 0,
        "outbox": 0,
        "receipts": 0,
        "reportKeys": 0,
        "answers": 0,
    }, counts
    dump = indexeddb_dump(page)
    assert not [old for old in [sent_id, sent_words, draft_words, *draft_ids] if old in dump], dump
    assert "ownerKey" not in dump and "mode=device" in dump  # no PIN any more, as on a new phone
    assert phone.page_errors == []


DRAFT_IDS_JS = """async () => {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open("kua");
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const ids = await new Promise((resolve) => {
    const request = db.transaction("drafts").objectStore("drafts").getAllKeys();
    request.onsuccess = () => resolve(request.result);
  });
  db.close();
  return ids;
}"""


def test_receipts_carry_a_label_their_owner_reads_only_after_the_pin(phone: Phone, proxy: FaultProxy) -> None:
    page = phone.open(proxy.base_url)
    # Given a relative who sends a report about Ерлан, detained in Кордай
    known = outbox_ids(page)
    page.get_by_test_id("new-report").click()
    fill_in_report(
        page,
        {
            "kind-detention": lambda page: page.get_by_test_id("kind-detention").check(),
            "village-select": lambda page: page.get_by_test_id("village-select").select_option("kordai"),
            "person-name-1": lambda page: page.get_by_test_id("person-name-1").fill("Ерлан Сейтказиев"),
            "consent-record": lambda page: page.get_by_test_id("consent-record").check(),
        },
    )
    report_id = send_report(page, known)
    item = page.locator(f'[data-testid="outbox-item"][data-report-id="{report_id}"]')
    expect(item.get_by_test_id("receipt")).to_be_visible(timeout=30_000)

    # Then without a PIN (no lock) its receipt says what it was: kind, village, the victim's first name
    expect(item).to_contain_text("Задержание")
    expect(item).to_contain_text("Кордай")
    expect(item).to_contain_text("Ерлан")
    assert "Сейтказиев" not in item.inner_text()
    # And the label is stored only encrypted
    dump = indexeddb_dump(page)  # strings as themselves, bytes as Latin-1: look for the UTF-8 bytes too
    assert "Ерлан" not in dump and "Ерлан".encode().decode("latin-1") not in dump

    # When a PIN is set and the app opened again, the label shows only after the PIN
    the_relative_sets_a_pin(page)
    page.reload()
    the_lock_screen_shows(page)
    assert "Ерлан" not in what_the_screen_shows(page)
    the_relative_enters(page, PIN)
    expect(item).to_contain_text("Ерлан", timeout=UI_TIMEOUT)
    expect(item).to_have_attribute("data-labelled", "1")
    # And "My reports", where the coalition's questions come, names the report (and so its questions) alike
    page.get_by_test_id("nav-my-reports").click()
    card = page.locator(f'[data-testid="my-report"][data-report-id="{report_id}"]')
    expect(card).to_contain_text("Ерлан", timeout=UI_TIMEOUT)
    expect(card).to_contain_text("Кордай")
    expect(card.locator(".outbox-title")).to_have_attribute("data-labelled", "1")
    assert phone.page_errors == []
