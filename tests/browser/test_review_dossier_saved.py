"""A reviewer edits an appeal draft in a case's dossier and saves it; after a reload the edit is still
there, and a second reviewer on the recipient list opens the dossier and finds it, as version 1 by the
first. The server keeps the draft only sealed.

The helpers up to `a_dossier_with_a_saved_edit` set the story up so that other stories (exporting the
edited draft) can start from the open dossier of reviewer A with the edit saved.
"""

import json
import re
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.app_server import serving_the_app
from tests.browser.intake_store import IntakeStore, open_as_reviewer
from tests.browser.phone import UI_TIMEOUT
from tests.browser.reviewer import KEY_TIMEOUT, accept_invitation, generate_key, invitation_path, list_the_key
from tests.browser.test_review_dossier import (
    DECRYPT_TIMEOUT,
    PASSWORD,
    case_of,
    neighbour_report,
    reviewer_with_the_development_key,
    send_report,
)
from tests.support.server import RunningServer

pytestmark = pytest.mark.browser

SECOND_PASSPHRASE = "a second reviewer's own passphrase"


@dataclass
class EditedDossier:
    """Reviewer A's console on the case's open dossier, the prosecutor draft edited by `paragraph` and saved;
    and reviewer B's console (signed in, key unlocked and listed), on his key screen."""

    server: RunningServer
    console: Page
    errors: list[str]
    case_id: str
    paragraph: str
    second: Page
    second_errors: list[str]


def a_console(browser: Browser, server: RunningServer) -> tuple[Page, list[str]]:
    """A reviewer's browser (a context of its own) and the page errors it raises."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.base_url)
    console = context.new_page()
    errors: list[str] = []
    console.on("pageerror", lambda error: errors.append(str(error)))
    return console, errors


def a_case_with_the_report(console: Page, report_id: str) -> str:
    """The report, opened in the signed-in reviewer's queue, put in a case of its own."""
    row = console.locator(f'[data-testid="queue-row"][data-report-id="{report_id}"]')
    expect(row).to_have_attribute("data-state", "open", timeout=DECRYPT_TIMEOUT)
    return case_of(console, "Обыск в Сортобе, 28 апреля", [report_id])


def a_second_listed_reviewer(browser: Browser, server: RunningServer, workdir: Path) -> tuple[Page, list[str]]:
    """Болат accepts an invitation, generates a key in his browser, and the root keys list it."""
    console, errors = a_console(browser, server)
    accept_invitation(console, server, invitation_path(server, "Болат", "triager"), name="Болат", password=PASSWORD)
    recipient = generate_key(console, SECOND_PASSPHRASE)
    list_the_key(console, server, workdir, name="Болат", recipient=recipient)
    return console, errors


def reviewer_opens_the_dossier(console: Page, case_id: str) -> None:
    """From the cases, the case and its dossier, until its reports and saved drafts are open."""
    console.get_by_test_id("nav-cases").click()
    console.locator(f'[data-testid="case-row"][data-case-id="{case_id}"] button').click()
    expect(console.get_by_test_id("case-view")).to_be_visible(timeout=UI_TIMEOUT)
    console.get_by_test_id("dossier-open").click()
    expect(console.get_by_test_id("dossier")).to_have_attribute("data-ready", "1", timeout=DECRYPT_TIMEOUT)
    expect(console.get_by_test_id("appeal-prosecutor")).to_be_editable(timeout=DECRYPT_TIMEOUT)


def prosecutor_appeal(console: Page) -> Locator:
    return console.locator('.dossier-appeal[data-addressee="prosecutor"]')


def un_appeal(console: Page) -> Locator:
    return console.locator('.dossier-appeal[data-addressee="un"]')


def reviewer_adds_a_paragraph_and_saves(console: Page, paragraph: str, addressee: str = "prosecutor") -> None:
    """Appends `paragraph` to a draft and saves it, until the console says it is saved."""
    appeal = console.locator(f'.dossier-appeal[data-addressee="{addressee}"]')
    draft = appeal.get_by_test_id(f"appeal-{addressee}")
    draft.fill(f"{draft.input_value()}\n\n{paragraph}")
    expect(appeal.get_by_test_id("appeal-unsaved")).to_be_visible()
    appeal.get_by_test_id("appeal-save").click()
    expect(appeal.get_by_test_id("appeal-unsaved")).to_be_hidden(timeout=KEY_TIMEOUT)


def a_dossier_with_a_saved_edit(browser: Browser, server: RunningServer, workdir: Path) -> EditedDossier:
    """Reviewer A (Айгуль, the development key) with a case of one report, and a second reviewer listed
    beside her; A opens the dossier, adds a paragraph to the prosecutor draft and saves it."""
    report = send_report(server, neighbour_report(), [])  # a search in Sortobe
    console, errors = a_console(browser, server)
    reviewer_with_the_development_key(console, server)
    case_id = a_case_with_the_report(console, report.report_id)
    second, second_errors = a_second_listed_reviewer(browser, server, workdir)
    reviewer_opens_the_dossier(console, case_id)
    paragraph = f"Прошу также изъять записи камер наблюдения РОВД. Отметка {uuid.uuid4().hex}"
    reviewer_adds_a_paragraph_and_saves(console, paragraph)
    return EditedDossier(server, console, errors, case_id, paragraph, second, second_errors)


def stored_drafts(server: RunningServer) -> list[tuple[int, bytes]]:
    """The case_draft rows as the server's database holds them: version and bytes."""
    connection = sqlite3.connect(f"file:{server.data_dir / 'kua.sqlite3'}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT version, ciphertext FROM case_draft ORDER BY version")
        return [(int(version), bytes(ciphertext)) for version, ciphertext in rows]
    finally:
        connection.close()


def test_a_saved_draft_survives_a_reload_and_reaches_a_second_reviewer(browser: Browser, tmp_path: Path) -> None:
    with serving_the_app(tmp_path / "server") as server:
        # Given reviewer A saved an edit of the prosecutor draft in a case's dossier
        edited = a_dossier_with_a_saved_edit(browser, server, tmp_path)
        console, paragraph = edited.console, edited.paragraph
        saved = prosecutor_appeal(console).get_by_test_id("appeal-saved")
        expect(saved).to_have_attribute("data-version", "1")
        expect(saved).to_contain_text("версия 1")
        expect(saved).to_contain_text("Айгуль")

        # When A reloads the page, unlocks the key and opens the dossier again
        console.reload()
        console.get_by_test_id("unlock-passphrase").fill(PASSWORD)
        console.get_by_test_id("unlock-submit").click()
        # (the key opens with scrypt, slow on a loaded machine: a click on the bar before it is open is lost)
        expect(console.get_by_test_id("unlock-passphrase")).to_be_hidden(timeout=KEY_TIMEOUT)
        reviewer_opens_the_dossier(console, edited.case_id)
        # Then the draft is the saved one, with the paragraph, and nothing is unsaved
        appeal = prosecutor_appeal(console)
        expect(appeal.get_by_test_id("appeal-prosecutor")).to_have_value(_containing(paragraph))
        expect(appeal.get_by_test_id("appeal-saved")).to_have_attribute("data-version", "1")
        expect(appeal.get_by_test_id("appeal-unsaved")).to_be_hidden()
        # And "Restore" still brings back the generated text, which is then unsaved
        appeal.get_by_test_id("appeal-restore").click()
        expect(appeal.get_by_test_id("appeal-prosecutor")).not_to_have_value(_containing(paragraph))
        expect(appeal.get_by_test_id("appeal-unsaved")).to_be_visible()

        # When A makes the UN draft an urgent appeal (the facts chose an allegation letter) and saves it too
        console.get_by_test_id("appeal-un-procedure").select_option("urgent_appeal")
        urgent = f"Просим срочно вмешаться. Отметка {uuid.uuid4().hex}"
        reviewer_adds_a_paragraph_and_saves(console, urgent, "un")
        expect(un_appeal(console).get_by_test_id("appeal-saved")).to_have_attribute("data-version", "2")

        # When reviewer B, on the recipient list with a key of his own (he cannot open the report: it was
        # sealed before he was listed), opens the case's dossier in his browser
        second = edited.second
        second.get_by_test_id("nav-cases").click()
        second.locator(f'[data-testid="case-row"][data-case-id="{edited.case_id}"] button').click()
        second.get_by_test_id("dossier-open").click()
        # Then he reads the paragraph, as version 1 by A (Айгуль)
        theirs = prosecutor_appeal(second)
        expect(theirs.get_by_test_id("appeal-saved")).to_have_attribute("data-version", "1", timeout=DECRYPT_TIMEOUT)
        expect(theirs.get_by_test_id("appeal-prosecutor")).to_have_value(_containing(paragraph))
        # And the UN draft as A saved it: an urgent appeal, with A's paragraph
        expect(second.get_by_test_id("appeal-un-procedure")).to_have_value("urgent_appeal")
        expect(un_appeal(second).get_by_test_id("appeal-un")).to_have_value(_containing(urgent))
        expect(un_appeal(second).get_by_test_id("appeal-saved")).to_have_attribute("data-version", "2")
        expect(theirs.get_by_test_id("appeal-saved")).to_contain_text("версия 1")
        expect(theirs.get_by_test_id("appeal-saved")).to_contain_text("Айгуль")
        theirs.screenshot(path=str(tmp_path / "saved-draft-second-reviewer.png"))

        # And the server's database holds the drafts only sealed: a row per version, age files, no paragraph
        rows = stored_drafts(server)
        assert [version for version, _ in rows] == [1, 2]
        ciphertext = rows[0][1]
        assert all(sealed.startswith(b"age-encryption.org/v1\n") for _, sealed in rows)
        needles = {"the paragraph": paragraph, "the urgent paragraph": urgent}
        needles |= {f"the marker of {name}": text.rsplit(" ", 1)[-1] for name, text in list(needles.items())}
        assert [name for name, text in needles.items() if any(text.encode() in sealed for _, sealed in rows)] == []
        assert IntakeStore(server).where_found({name: text.encode() for name, text in needles.items()}) == []
        # And what it holds is the kua.draft A sealed (the development key is on the list too)
        draft = json.loads(open_as_reviewer(ciphertext))
        assert (draft["format"], draft["version"], draft["addressee"], draft["variant"]) == (
            "kua.draft",
            1,
            "prosecutor",
            None,
        )
        assert draft["language"] == "ru" and draft["text"].endswith(paragraph)
        assert edited.errors == [] and edited.second_errors == []
        second.context.close()
        console.context.close()


def _containing(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text))
