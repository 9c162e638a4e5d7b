"""A frightened relative's short path: "happening now" in three screens, details added later to the same report,
a draft that reopens where it was left, and a Send that says what is missing instead of doing nothing.

Phone viewport, Russian (the default), the built app behind a fault proxy in front of a real `kua serve`.
"""

import datetime
import json
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.intake_store import IntakeStore, open_as_reviewer
from tests.browser.phone import UI_TIMEOUT, Phone, fill_in_report, outbox_ids, outbox_item, store_counts
from tests.support.fault_proxy import FaultProxy
from tests.support.server import RunningServer

pytestmark = pytest.mark.browser


def step_counter(page: Page) -> str:
    return page.get_by_test_id("step-of").inner_text()


def the_receipt_shows(page: Page, report_id: str) -> None:
    expect(outbox_item(page, report_id).get_by_test_id("receipt")).to_be_visible(timeout=30_000)


def sent_report(reporter_server: RunningServer, report_id: str) -> dict[str, Any]:
    ciphertext = IntakeStore(reporter_server).report_ciphertext(report_id)
    assert ciphertext is not None, "the server has no report under the id the phone showed"
    report: dict[str, Any] = json.loads(open_as_reviewer(ciphertext))
    return report


def test_happening_now_is_sent_in_three_screens_and_details_follow_as_an_addition(
    phone: Phone, proxy: FaultProxy, reporter_server: RunningServer
) -> None:
    page = phone.open(proxy.base_url)
    known = outbox_ids(page)
    taps = 0

    # Given a mother whose son is being taken right now, who taps "happening now"
    page.get_by_test_id("happening-now-button").click()
    # Then the first of three screens asks who and where
    expect(page.get_by_test_id("step-of")).to_have_text("Шаг 1 из 3", timeout=UI_TIMEOUT)
    expect(page.get_by_role("heading", level=1)).to_have_text("Кто и где?")
    page.get_by_test_id("now-person-name").fill("Айдыр Масанов")
    page.get_by_test_id("village-select").select_option("bular_batyr")
    page.get_by_test_id("step-next").click()
    taps += 1

    # And the second what is happening, in a few words, typed or spoken
    expect(page.get_by_test_id("step-of")).to_have_text("Шаг 2 из 3", timeout=UI_TIMEOUT)
    expect(page.get_by_test_id("voice-record")).to_be_visible()
    page.get_by_test_id("kind-detention").check()
    page.get_by_test_id("kind-search").check()
    page.get_by_test_id("account-text").fill("Пришли рано утром, обыскивают дом, сына забирают.")
    page.get_by_test_id("step-next").click()
    taps += 1

    # And the third asks consent in plain words, beside Send
    expect(page.get_by_test_id("step-of")).to_have_text("Шаг 3 из 3", timeout=UI_TIMEOUT)
    consent = page.get_by_test_id("consent-record")
    expect(page.get_by_text("Да, пусть коалиция запишет и сохранит моё сообщение")).to_be_visible()
    consent.check()
    page.get_by_test_id("step-send").click()
    taps += 1

    # Then three taps sent it: home shows it in the outbox, and its receipt once delivered
    expect(page.get_by_test_id("new-report")).to_be_visible(timeout=30_000)
    assert taps == 3
    [first_id] = outbox_ids(page) - known
    the_receipt_shows(page, first_id)
    first = sent_report(reporter_server, first_id)
    assert (first["version"], first["happeningNow"], first["addsTo"]) == (2, True, None)
    [son] = first["people"]
    assert (son["fullName"], son["roles"]) == ("Айдыр Масанов", ["victim"])
    assert first["where"]["village"] == "bular_batyr"
    assert set(first["kinds"]) == {"detention", "search"}
    assert first["consent"]["record"] is True

    # When, later, she opens "My reports" and taps "Add details" on that report
    page.get_by_test_id("nav-my-reports").click()
    card = page.locator(f'[data-testid="my-report"][data-report-id="{first_id}"]')
    card.get_by_test_id("add-details").click()

    # Then a full report opens, prefilled with the same kinds, place and person
    expect(page.get_by_role("heading", level=1)).to_have_text("Что случилось?", timeout=UI_TIMEOUT)
    expect(page.get_by_test_id("kind-search")).to_be_checked()
    expect(page.get_by_test_id("step-of")).not_to_have_text("Шаг 1 из 3")

    def the_son_is_there(page: Page) -> None:
        expect(page.get_by_test_id("person-name-1")).to_have_value("Айдыр Масанов")
        page.get_by_test_id("person-birth-year-1").fill("1990")
        # The age follows from the year; "elderly" is asked only when the year is not known
        age = datetime.date.today().year - 1990
        expect(page.get_by_test_id("person-age-1")).to_contain_text(f"Возраст: {age}")
        expect(page.get_by_test_id("person-elderly-1")).to_have_count(0)

    fill_in_report(
        page,
        {
            "consent-record": lambda page: page.get_by_test_id("consent-record").check(),
            "person-name-1": the_son_is_there,
            "account-text": lambda page: page.get_by_test_id("account-text").fill("Его увезли в РОВД Кордая."),
        },
    )
    page.get_by_test_id("step-send").click()
    expect(page.get_by_test_id("new-report")).to_be_visible(timeout=30_000)
    [second_id] = outbox_ids(page) - known - {first_id}
    the_receipt_shows(page, second_id)

    # And the addition names the first report, with the same person, now with a birth year
    second = sent_report(reporter_server, second_id)
    assert (second["addsTo"], second["happeningNow"]) == (first_id, False)
    [same_son] = second["people"]
    assert (same_son["id"], same_son["fullName"], same_son["birthDate"]) == (son["id"], "Айдыр Масанов", "1990")
    assert second["where"]["village"] == "bular_batyr"
    assert phone.page_errors == []


def test_a_draft_reopens_on_the_step_it_was_left_on(phone: Phone, proxy: FaultProxy) -> None:
    page = phone.open(proxy.base_url)
    # Given a relative who ticks what happened, goes on to "when and where" and taps "yesterday"
    page.get_by_test_id("new-report").click()
    page.get_by_test_id("kind-detention").check()
    heading = page.get_by_role("heading", level=1)
    while heading.inner_text() != "Когда и где?":
        title = heading.inner_text()
        page.get_by_test_id("step-next").click()
        expect(heading).not_to_have_text(title, timeout=UI_TIMEOUT)
    counter = step_counter(page)
    page.get_by_test_id("when-yesterday").click()
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    expect(page.locator('input[type="date"]').first).to_have_value(yesterday)

    # When they leave for home and the app is opened again
    page.get_by_role("button", name="На главную").click()
    expect(page.get_by_role("button", name="Продолжить")).to_be_visible(timeout=UI_TIMEOUT)
    page.reload()
    page.get_by_role("button", name="Продолжить").click()

    # Then the draft opens on "when and where", its answer kept
    expect(heading).to_have_text("Когда и где?", timeout=UI_TIMEOUT)
    assert step_counter(page) == counter
    expect(page.locator('input[type="date"]').first).to_have_value(yesterday)
    assert phone.page_errors == []


def test_send_without_consent_says_what_is_missing_and_goes_to_the_consent_step(
    phone: Phone, proxy: FaultProxy
) -> None:
    page = phone.open(proxy.base_url)
    # Given a relative who ticks what happened and walks to the review without giving consent
    page.get_by_test_id("new-report").click()
    fill_in_report(page, {"kind-detention": lambda page: page.get_by_test_id("kind-detention").check()})

    # When they tap Send
    send = page.get_by_test_id("step-send")
    expect(send).to_be_enabled()
    send.click()

    # Then the review says, in one sentence, that consent is missing, and nothing else is
    missing = page.get_by_test_id("missing")
    expect(missing).to_have_attribute("role", "alert", timeout=UI_TIMEOUT)
    expect(page.get_by_test_id("missing-consent")).to_contain_text("Нет вашего согласия записать сообщение.")
    expect(page.get_by_test_id("missing-kinds")).to_have_count(0)
    # And nothing was sealed
    counts = store_counts(page)
    assert counts is not None and counts.get("outbox") == 0

    # When they tap the button beside it
    page.get_by_test_id("missing-go-consent").click()
    # Then the consent step opens, and with consent given the report goes
    expect(page.get_by_role("heading", level=1)).to_have_text("Ваше согласие", timeout=UI_TIMEOUT)
    page.get_by_test_id("consent-record").check()
    fill_in_report(page, {})
    page.get_by_test_id("step-send").click()
    expect(page.get_by_test_id("new-report")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("outbox-item")).to_have_count(1, timeout=UI_TIMEOUT)
    assert phone.page_errors == []
