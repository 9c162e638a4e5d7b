"""Issue 19's "Done when", as a coalition's lawyer would do it: the family's own words reach the
drafts, a reviewer's edit is saved and survives a reload, a second reviewer takes the edited draft
away as a Word document, and the English UN draft is in English, the names in Latin letters.

Given the seed letter's detention and beating of Aydir Masanov (a v2 report, consent to share with the
prosecutor and the UN and to give names to the Government), sealed to the published recipient list
(the development reviewer and Болат, listed before the phone sent it), when reviewer A (Айгуль) puts the
report in a case and asks the family a question, the family answers over HTTP with the phone's
reporter token, as test_review_export.py's family does.
"""

import re
import secrets
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from kua.crypto.keys import generate_identity, identity_to_recipient
from kua.crypto.recipient_list import verify_recipient_list
from tests.browser.app_server import serving_the_app
from tests.browser.phone import UI_TIMEOUT
from tests.browser.reviewer import KEY_TIMEOUT
from tests.browser.test_review_dossier import DECRYPT_TIMEOUT, PASSWORD, reviewer_with_the_development_key, send_report
from tests.browser.test_review_dossier_saved import (
    a_console,
    a_second_listed_reviewer,
    prosecutor_appeal,
    reviewer_adds_a_paragraph_and_saves,
    reviewer_opens_the_dossier,
    un_appeal,
)
from tests.browser.test_review_export import joins_case, the_family_answers
from tests.browser.test_review_report_v2 import seed_letter_v2
from tests.browser.word_document import download_word_document
from tests.support.server import RunningServer

pytestmark = pytest.mark.browser

VICTIM = "Масанов Айдыр"
# As frontend/src/console/dossier/translit.ts `latin` writes them (ICAO Doc 9303, the passports' table).
VICTIM_IN_LATIN = "Masanov Aidyr"
QUESTION = "Кто из сотрудников бил Айдыра и чем?"
ANSWER = "Капитан Ахметов бил дубинкой"
ANSWER_IN_LATIN = "Kapitan Akhmetov bil dubinkoi"
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def the_published_recipients(server: RunningServer) -> list[str]:
    """The recipients of the list the server publishes, verified with the root keys the app pins, as a
    phone reads them before it seals a report."""
    response = httpx.get(server.url("/api/v1/recipients"), timeout=30)
    assert response.status_code == 200, response.text
    published = verify_recipient_list(
        response.content,
        root_public_keys=server.env["KUA_ROOT_PUBLIC_KEYS"].split(","),
        threshold=int(server.env["KUA_ROOT_THRESHOLD"]),
    )
    return published.recipients


def the_seed_letter_with_full_consent() -> dict[str, Any]:
    """Aydir Masanov detained, questioned and beaten (seed letter, v2); the family consents to both
    addressees and to his name reaching the Government; the phone's reply key for questions."""
    letter = seed_letter_v2()
    reply_key = identity_to_recipient(generate_identity())  # the identity stays on the phone
    consent = letter["consent"] | {"shareWithProsecutor": True, "shareWithUn": True, "namesToGovernment": "yes"}
    return letter | {"consent": consent, "reply": {"recipient": reply_key}}


def reviewer_asks_the_family(console: Page, question: str) -> str:
    """On the open report: the question sealed and sent, until it is in the thread; its id."""
    expect(console.get_by_test_id("followups")).to_have_attribute("data-can-ask", "1", timeout=UI_TIMEOUT)
    console.get_by_test_id("followup-text").fill(question)
    console.get_by_test_id("followup-ask").click()
    asked = console.locator('[data-testid="followup-item"][data-kind="question"]')
    expect(asked).to_have_count(1, timeout=DECRYPT_TIMEOUT)
    question_id = asked.get_attribute("data-followup-id")
    assert question_id, "the question has no id"
    return question_id


def the_case_of_the_open_report(console: Page) -> str:
    """From the open report, its case; the case's id."""
    console.get_by_test_id("case-current").click()
    view = console.get_by_test_id("case-view")
    expect(view).to_be_visible(timeout=UI_TIMEOUT)
    case_id = view.get_attribute("data-case-id")
    assert case_id, "the case view has no case id"
    return case_id


def test_a_lawyer_files_the_edited_draft_with_the_familys_words(browser: Browser, tmp_path: Path) -> None:
    with serving_the_app(tmp_path / "server") as server:
        # Given reviewer B (Болат), listed with a key of his own beside the development reviewer's
        second, second_errors = a_second_listed_reviewer(browser, server, tmp_path)
        recipients = the_published_recipients(server)
        assert len(recipients) == 2

        # And a phone that sends the seed letter's report, sealed to the published list
        reporter_token = secrets.token_urlsafe(32)
        report = send_report(
            server, the_seed_letter_with_full_consent(), [], recipients=recipients, reporter_token=reporter_token
        )
        # And reviewer A (Айгуль), who signs in with the development key
        console, errors = a_console(browser, server)
        reviewer_with_the_development_key(console, server)

        # When A puts the report in a case and asks the family a question, and the family answers
        joins_case(console, report.report_id, new_title=f"Задержание Айдыра Масанова {uuid.uuid4().hex[:6]}")
        question_id = reviewer_asks_the_family(console, QUESTION)
        the_family_answers(server, report.report_id, reporter_token, question_id, ANSWER, recipients)
        case_id = the_case_of_the_open_report(console)

        # And A opens the case's dossier
        reviewer_opens_the_dossier(console, case_id)
        draft = prosecutor_appeal(console).get_by_test_id("appeal-prosecutor")
        # Then the prosecutor draft, once the answers are open, holds the family's answer and names the victim
        expect(draft).to_have_value(_containing(ANSWER), timeout=DECRYPT_TIMEOUT)
        expect(draft).to_have_value(_containing(VICTIM))

        # When A adds a paragraph of her own and saves the draft
        paragraph = f"Прошу также изъять журнал доставленных в Кордайский РОВД. Отметка {uuid.uuid4().hex}"
        reviewer_adds_a_paragraph_and_saves(console, paragraph)
        prosecutor_appeal(console).screenshot(path=str(tmp_path / "lawyer-draft-saved.png"))
        # And reloads the page, unlocks her key and opens the dossier again
        console.reload()
        console.get_by_test_id("unlock-passphrase").fill(PASSWORD)
        console.get_by_test_id("unlock-submit").click()
        expect(console.get_by_test_id("unlock-passphrase")).to_be_hidden(timeout=30_000)  # scrypt, then the bar
        reviewer_opens_the_dossier(console, case_id)
        # Then the draft is the saved one, version 1, with her paragraph and the family's answer
        mine = prosecutor_appeal(console)
        expect(mine.get_by_test_id("appeal-saved")).to_have_attribute("data-version", "1", timeout=KEY_TIMEOUT)
        expect(mine.get_by_test_id("appeal-saved")).to_contain_text("версия 1")
        expect(mine.get_by_test_id("appeal-prosecutor")).to_have_value(_containing(paragraph))
        expect(mine.get_by_test_id("appeal-prosecutor")).to_have_value(_containing(ANSWER))
        expect(mine.get_by_test_id("appeal-unsaved")).to_be_hidden()

        # When B opens the case's dossier in his browser
        reviewer_opens_the_dossier(second, case_id)
        # Then he reads A's paragraph, as version 1 by A (Айгуль)
        theirs = prosecutor_appeal(second)
        expect(theirs.get_by_test_id("appeal-saved")).to_have_attribute("data-version", "1", timeout=KEY_TIMEOUT)
        expect(theirs.get_by_test_id("appeal-saved")).to_contain_text("Айгуль")
        expect(theirs.get_by_test_id("appeal-prosecutor")).to_have_value(_containing(paragraph))
        theirs.screenshot(path=str(tmp_path / "lawyer-draft-second-reviewer.png"))

        # When B takes the draft as a Word document
        word = download_word_document(second, theirs.get_by_test_id("appeal-docx"), tmp_path)
        # Then Word reads A's paragraph as a paragraph of its own, the family's answer under the question, and
        # the victim's name
        assert paragraph in word.paragraphs
        assert [line for line in word.paragraphs if QUESTION in line and ANSWER in line] != []
        assert VICTIM in word.text
        # And the annex holds the report's SHA-256, as its receipt gave it
        assert "Приложение" in word.paragraphs
        assert report.sha256 in word.cells

        # When B switches the dossier to English
        second.get_by_test_id("dossier-language").select_option("en")
        un = un_appeal(second).get_by_test_id("appeal-un")
        expect(un).to_have_value(re.compile(r"Special Rapporteur"), timeout=UI_TIMEOUT)
        # Then the UN draft names the victim in Latin letters, quotes the family transliterated, and has
        # no Cyrillic letter left
        expect(un).to_have_value(_containing(VICTIM_IN_LATIN))
        expect(un).to_have_value(_containing(ANSWER_IN_LATIN))
        expect(un).not_to_have_value(CYRILLIC)
        english = un.input_value()
        assert CYRILLIC.findall(english) == [], english
        second.get_by_test_id("dossier").screenshot(path=str(tmp_path / "lawyer-dossier-english.png"))

        assert errors == [] and second_errors == []
        second.context.close()
        console.context.close()


def _containing(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text))
