"""Follow-up questions: a reviewer asks the family a question about their report in the console, only the
family's phone can read it, and only after its PIN; the family answers through the same encrypted outbox
and the reviewer reads the answer in the console.

Two browsers: the relative's phone (Chromium with a profile on disk) and the reviewer's desktop browser,
against a real `kua serve` of the built app and console. The reviewer joins and has a key listed first,
so the report is sealed to that key: the console opens it, seals the question to the report's reply
recipient (read from the decrypted report) and the list, and opens the answer, sealed to the list.
"""

import sqlite3
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.app_server import serving_the_app
from tests.browser.intake_store import IntakeStore
from tests.browser.phone import (
    UI_TIMEOUT,
    Phone,
    fill_in_report,
    outbox_ids,
    outbox_item,
    send_report,
    the_phone_learns_the_list,
)
from tests.browser.reviewer import KEY_TIMEOUT, a_listed_reviewer, published_list_seq

pytestmark = pytest.mark.browser

PIN = "482913"
PASSWORD = "correct horse battery staple"
KEY_PASSPHRASE = "the reviewer's long passphrase"
# Everything the phone's IndexedDB holds, Blobs and buffers as latin1 text, for a plaintext search.
PHONE_DATABASE_JS = """async () => {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open("kua");
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const flat = async (value) => {
    if (value instanceof Blob) return new TextDecoder("latin1").decode(await value.arrayBuffer());
    if (value instanceof ArrayBuffer) return new TextDecoder("latin1").decode(value);
    if (ArrayBuffer.isView(value)) return new TextDecoder("latin1").decode(value);
    if (value !== null && typeof value === "object") {
      const parts = await Promise.all(Object.entries(value).map(async ([k, v]) => k + "=" + (await flat(v))));
      return parts.join(";");
    }
    return String(value);
  };
  const parts = [];
  for (const name of db.objectStoreNames) {
    const records = await new Promise((resolve, reject) => {
      const request = db.transaction(name).objectStore(name).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    for (const record of records) parts.push(await flat(record));
  }
  db.close();
  return parts.join("\\n");
}"""


def a_relative_sends_a_report(page: Page, canary: str) -> str:
    known = outbox_ids(page)
    page.get_by_test_id("new-report").click()
    fill_in_report(
        page,
        {
            "kind-detention": lambda page: page.get_by_test_id("kind-detention").check(),
            "account-text": lambda page: page.get_by_test_id("account-text").fill(f"Забрали утром. {canary}"),
            "consent-record": lambda page: page.get_by_test_id("consent-record").check(),
        },
    )
    return send_report(page, known)


def the_relative_sets_a_pin(page: Page) -> None:
    """On the settings screen (PIN form): a six-digit PIN, typed twice."""
    page.get_by_label("Новый PIN-код").fill(PIN)
    page.get_by_label("Повторите ещё раз").fill(PIN)
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("PIN-код сохранён")).to_be_visible(timeout=UI_TIMEOUT)


def the_relative_unlocks(page: Page) -> None:
    page.get_by_label("PIN-код или пароль").fill(PIN)
    page.get_by_role("button", name="Открыть").click()
    # The lock screen offers "new report" too: wait for it to be gone.
    expect(page.get_by_test_id("lock-screen")).to_have_count(0, timeout=UI_TIMEOUT)
    expect(page.get_by_test_id("new-report")).to_be_visible(timeout=UI_TIMEOUT)


def my_reports(page: Page) -> None:
    page.get_by_test_id("nav-my-reports").click()
    expect(page.get_by_test_id("my-reports")).to_be_attached(timeout=UI_TIMEOUT)


def the_reviewer_opens(console: Page, report_id: str) -> None:
    """On the queue: the report's row, once opened in the browser, then the report."""
    row = console.locator(f'[data-testid="queue-row"][data-report-id="{report_id}"]')
    expect(row).to_have_attribute("data-state", "open", timeout=KEY_TIMEOUT)
    row.click()
    expect(console.get_by_test_id("report-detail")).to_have_attribute("data-report-id", report_id, timeout=UI_TIMEOUT)


def database_dump(store: IntakeStore) -> str:
    """Every table of the server's database as SQL (`.dump`): text as text, BLOBs as X'hex'."""
    connection = sqlite3.connect(f"file:{store.data_dir / 'kua.sqlite3'}?mode=ro", uri=True)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


def test_a_reviewers_question_reaches_only_the_phone_after_its_pin_and_the_answer_comes_back_sealed(
    phone: Phone, browser: Browser, tmp_path: Path
) -> None:
    question_canary = f"KUA-QUESTION-{uuid.uuid4().hex}"
    answer_canary = f"KUA-ANSWER-{uuid.uuid4().hex}"
    question = f"Кто ещё видел, как его увезли? {question_canary}"
    answer = f"Соседка видела машину. {answer_canary}"
    with serving_the_app(tmp_path / "server") as server:
        store = IntakeStore(server)
        page = phone.open(server.base_url)
        phone.wait_for_service_worker(page)

        # Given a reviewer who accepts an invitation, generates a key in the console, and whose key the
        # root keys list (offline, with the CLI)
        console, console_errors, _ = a_listed_reviewer(
            browser, server, tmp_path, password=PASSWORD, passphrase=KEY_PASSPHRASE
        )

        # And a relative without a PIN who sends a report (the phone fetches and verifies the new list to seal it)
        the_phone_learns_the_list(page, published_list_seq(server))
        report_id = a_relative_sends_a_report(page, canary=f"KUA-CANARY-{uuid.uuid4().hex}")
        expect(outbox_item(page, report_id)).to_have_attribute("data-state", "sent", timeout=30_000)

        # And "My reports" shows it received, through the token only this phone holds
        my_reports(page)
        report = page.locator(f'[data-testid="my-report"][data-report-id="{report_id}"]')
        expect(report).to_have_attribute("data-status", "received", timeout=UI_TIMEOUT)

        # When the reviewer opens the report in the console and asks the family a question
        console.get_by_test_id("nav-queue").click()
        the_reviewer_opens(console, report_id)
        followups = console.get_by_test_id("followups")
        expect(followups).to_have_attribute("data-can-ask", "1", timeout=KEY_TIMEOUT)  # the reply key was read
        console.get_by_test_id("followup-text").fill(question)
        console.get_by_test_id("followup-ask").click()

        # Then the console shows the question asked
        asked = followups.locator('[data-testid="followup-item"][data-kind="question"]')
        expect(asked).to_have_count(1, timeout=KEY_TIMEOUT)
        expect(asked).to_contain_text(question_canary)
        question_id = asked.get_attribute("data-followup-id")
        assert question_id, "the question has no id"

        # And the phone without a PIN does not show the question: it asks for a PIN first
        page.reload()
        page.wait_for_selector('html[data-ready="1"]', state="attached")
        my_reports(page)
        expect(page.get_by_test_id("my-reports-need-pin")).to_be_visible(timeout=UI_TIMEOUT)
        expect(page.get_by_test_id("my-report-question")).to_have_count(0)
        expect(page.locator("body")).not_to_contain_text(question_canary)

        # When the relative sets a PIN from there, the app goes back to the question, which opens
        page.get_by_test_id("my-reports-need-pin").get_by_role("button").click()
        the_relative_sets_a_pin(page)
        expect(page.get_by_test_id("my-reports")).to_be_visible(timeout=UI_TIMEOUT)
        expect(page.get_by_test_id("my-reports-need-pin")).to_have_count(0)
        shown = page.locator(f'[data-testid="my-report-question"][data-question-id="{question_id}"]')
        expect(shown).to_contain_text(question_canary, timeout=30_000)

        # And after the app is closed and opened again, the phone shows nothing until the PIN
        phone.close()
        page = phone.open(server.base_url)
        expect(page.get_by_test_id("nav-my-reports")).to_have_count(0)
        expect(page.locator("body")).not_to_contain_text(question_canary)
        the_relative_unlocks(page)
        my_reports(page)
        shown = page.locator(f'[data-testid="my-report-question"][data-question-id="{question_id}"]')
        expect(shown).to_contain_text(question_canary, timeout=30_000)

        # When the family answers
        shown.get_by_test_id("my-report-answer-text").fill(answer)
        state = shown.get_by_test_id("my-report-answer-state")
        shown.get_by_test_id("my-report-answer-send").click()

        # Then the answer is sent once a matching receipt came back
        expect(state).to_have_attribute("data-state", "sent", timeout=30_000)

        # And the reviewer, back at the queue, sees that the family answered, and reads the answer in the report
        console.get_by_test_id("report-back").click()
        console.get_by_test_id("queue-refresh").click()
        row = console.locator(f'[data-testid="queue-row"][data-report-id="{report_id}"]')
        expect(row).to_have_attribute("data-new-answer", "1", timeout=UI_TIMEOUT)
        the_reviewer_opens(console, report_id)  # the follow-ups are asked again as the report opens
        answered = followups.locator('[data-testid="followup-item"][data-kind="answer"]')
        expect(answered).to_have_count(1, timeout=KEY_TIMEOUT)
        expect(answered).to_contain_text(answer_canary)
        expect(answered.locator(".muted")).to_have_count(0)  # opened, and answering the question asked

        # And neither the server (database, blobs, log) nor the phone keeps the question or the answer in the clear
        needles = {"the question": question_canary.encode(), "the answer": answer_canary.encode()}
        assert store.where_found(needles) == []
        dump = database_dump(store)
        for canary in (question_canary, answer_canary):
            assert canary not in dump and canary.encode().hex().upper() not in dump.upper(), canary
        on_phone = page.evaluate(PHONE_DATABASE_JS)
        assert question_canary not in on_phone and answer_canary not in on_phone
        assert console_errors == [] and phone.page_errors == []
        console.context.close()
