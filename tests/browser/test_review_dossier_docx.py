"""A reviewer edits an appeal draft in a case's dossier and takes it away as a Word document, as the
lawyers file it: the .docx holds the edit, the facts of the reports and an annex with the photo's and
the reports' SHA-256, in Russian for Word's spell-check. "PDF" prints that draft alone, with its annex.

The set-up is test_review_dossier.py's: reports sealed here, in Python, to the development reviewer,
who imports that key.
"""

import hashlib
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.app_server import serving_the_app
from tests.browser.phone import UI_TIMEOUT, png
from tests.browser.test_review_dossier import (
    DECRYPT_TIMEOUT,
    case_of,
    mother_report,
    neighbour_report,
    reviewer_with_the_development_key,
    send_report,
    upload_photo,
)
from tests.browser.word_document import download_word_document

pytestmark = pytest.mark.browser

# window.print opens no dialog here: record what the page looks like when it is called, and leave the
# print state in place until the test says the dialog closed (afterprint).
RECORD_PRINT = "window.print = () => { window.kuaPrinted = document.body.className; };"


def draft(page: Page, addressee: str) -> Locator:
    return page.locator(f'.dossier-appeal[data-addressee="{addressee}"]')


def test_a_reviewer_exports_an_edited_draft_to_word_and_prints_it_alone(browser: Browser, tmp_path: Path) -> None:
    with serving_the_app(tmp_path / "server") as server:
        # Given a case of two reports about Sortobe, one with a photo of a bruise, opened by a reviewer
        photo = png(64, 48, seed=12)
        attachment_id = upload_photo(server, photo)
        mother = send_report(server, mother_report(photo, attachment_id), [attachment_id])
        neighbour = send_report(server, neighbour_report(), [])
        photo_sha256 = hashlib.sha256(photo).hexdigest()
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, base_url=server.base_url, accept_downloads=True
        )
        console = context.new_page()
        errors: list[str] = []
        console.on("pageerror", lambda error: errors.append(str(error)))
        scripts: list[str] = []
        console.on("request", lambda request: scripts.append(request.url))
        reviewer_with_the_development_key(console, server)
        expect(console.locator('[data-testid="queue-row"][data-state="open"]')).to_have_count(
            2, timeout=DECRYPT_TIMEOUT
        )
        case_id = case_of(console, "Задержания в Сортобе, 28 апреля", [mother.report_id, neighbour.report_id])
        console.get_by_test_id("nav-cases").click()
        console.locator(f'[data-testid="case-row"][data-case-id="{case_id}"] button').click()
        expect(console.get_by_test_id("case-view")).to_be_visible(timeout=UI_TIMEOUT)
        console.get_by_test_id("dossier-open").click()
        expect(console.get_by_test_id("dossier")).to_have_attribute("data-ready", "1", timeout=DECRYPT_TIMEOUT)

        # When the reviewer adds a paragraph of their own to the prosecutor draft
        prosecutor = console.get_by_test_id("appeal-prosecutor")
        expect(prosecutor).to_have_value(re.compile(r"Генеральному прокурору"))
        edit = f"Дополнение юриста {uuid.uuid4().hex[:8]}: мать видела сына в Кордайском РОВД в 23:00."
        prosecutor.fill(f"{prosecutor.input_value()}\n\n{edit}")
        # And takes it as a Word document (the library loads only now)
        assert not [url for url in scripts if "review-docx" in url]
        word = download_word_document(console, draft(console, "prosecutor").get_by_test_id("appeal-docx"), tmp_path)

        # Then the file is named for the addressee and the day, and holds the edit as a paragraph of its own
        assert re.fullmatch(r"appeal-prosecutor-\d{4}-\d{2}-\d{2}\.docx", word.filename)
        assert edit in word.paragraphs
        # And the facts of the reports, the addressee on its lines, in Russian for Word's spell-check
        assert "Генеральному прокурору Республики Казахстан\n[ФИО]" in word.paragraphs
        assert "с. Сортобе" in word.text
        assert "Айдир Масанов" in word.text
        assert word.languages == {"ru-RU"}
        # And the annex: the photo's SHA-256 and each report's, as the receipts name them
        assert "Приложение" in word.paragraphs
        assert photo_sha256 in word.cells
        assert mother.sha256 in word.cells and neighbour.sha256 in word.cells
        assert any(url for url in scripts if "review-docx" in url)
        draft(console, "prosecutor").screenshot(path=str(tmp_path / "draft-export.png"))

        # When the reviewer prints the UN draft alone
        console.evaluate(RECORD_PRINT)
        draft(console, "un").get_by_test_id("appeal-pdf").click()
        assert console.evaluate("window.kuaPrinted") == "dossier-print-draft"
        console.emulate_media(media="print")
        # Then only that draft is on paper, followed by its annex with the photo's SHA-256
        expect(draft(console, "un").locator(".dossier-appeal-print")).to_be_visible()
        expect(draft(console, "un").locator(".dossier-draft-annex")).to_contain_text(photo_sha256)
        expect(draft(console, "prosecutor")).to_be_hidden()
        expect(console.get_by_test_id("dossier-summary")).to_be_hidden()
        expect(console.get_by_test_id("dossier-photos")).to_be_hidden()
        # And once the print dialog closes, printing gives the whole dossier again, without the drafts' annexes
        console.evaluate("window.dispatchEvent(new Event('afterprint'))")
        expect(console.get_by_test_id("dossier-summary")).to_be_visible()
        expect(draft(console, "prosecutor").locator(".dossier-appeal-print")).to_be_visible()
        expect(console.locator(".dossier-draft-annex").first).to_be_hidden()
        console.emulate_media(media="screen")

        # When the dossier is in English, the UN draft's Word document is in British English
        console.get_by_test_id("dossier-language").select_option("en")
        expect(console.get_by_test_id("appeal-un")).to_have_value(re.compile(r"Special Rapporteur"))
        english = download_word_document(console, draft(console, "un").get_by_test_id("appeal-docx"), tmp_path)
        assert re.fullmatch(r"appeal-un-allegation-letter-\d{4}-\d{2}-\d{2}\.docx", english.filename)
        assert english.languages == {"en-GB"}
        assert "Annex" in english.paragraphs
        assert "Sortobe village" in english.text
        assert errors == []
        context.close()
