"""A photo in answer to a follow-up question: the reviewer asks "send a new photo of the bruise", the family
takes one with the camera input on "My reports" (and records a few words and photographs the summons they got)
and sends them with the answer; the console shows them beside
that question, decrypted in the reviewer's browser to the very bytes the phone took; while the photo cannot
be uploaded the answer still goes and the console says the photo is not received yet. The server holds the
answer and the photo only as ciphertext, and never learns the photo's hash.

Two browsers against a real `kua serve` of the built app and console, as in test_followup_questions.py.
"""

import hashlib
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.app_server import serving_the_app
from tests.browser.intake_store import IntakeStore
from tests.browser.phone import Phone, fingerprint, outbox_item, photo_file, png, the_phone_learns_the_list
from tests.browser.reviewer import KEY_TIMEOUT, a_listed_reviewer, published_list_seq
from tests.browser.test_followup_questions import (
    PASSWORD,
    PHONE_DATABASE_JS,
    a_relative_sends_a_report,
    database_dump,
    my_reports,
    the_relative_sets_a_pin,
    the_reviewer_opens,
)

pytestmark = pytest.mark.browser

KEY_PASSPHRASE = "the reviewer's long passphrase"


def the_family_answers_with_a_photo_a_recording_and_a_paper(
    question: Locator, text: str, photo: bytes, page: bytes
) -> None:
    """Types the answer, takes the photo with the camera input (sent as taken), says a few words into the
    (fake) microphone, photographs the one page of a summons, waits for each to be sealed, sends."""
    question.get_by_test_id("my-report-answer-text").fill(text)
    question.get_by_test_id("photo-downscale").set_checked(False)
    question.get_by_test_id("photo-camera").set_input_files(photo_file("IMG_0107.png", photo))
    expect(question.get_by_test_id("photo-tile")).to_have_count(1, timeout=30_000)
    question.get_by_test_id("voice-record").click()
    expect(question.get_by_test_id("voice-elapsed")).to_have_text(re.compile(r"00:0[2-9]"), timeout=30_000)
    question.get_by_test_id("voice-done").click()
    expect(question.get_by_test_id("voice-item")).to_have_count(1, timeout=30_000)
    question.get_by_test_id("answer-doc-add").click()
    paper = question.get_by_test_id("answer-doc")
    paper.get_by_test_id("doc-type").select_option("summons")
    paper.get_by_test_id("doc-page-camera").set_input_files(photo_file("IMG_0108.png", page))
    expect(paper.get_by_test_id("doc-page")).to_have_count(1, timeout=30_000)
    question.get_by_test_id("my-report-answer-send").click()


def the_reviewer_reads_the_answer(console: Page, report_id: str) -> Locator:
    console.get_by_test_id("report-back").click()
    console.get_by_test_id("queue-refresh").click()
    the_reviewer_opens(console, report_id)
    return console.get_by_test_id("followups").locator('[data-testid="followup-item"]')


def test_a_new_photo_of_the_bruise_reaches_the_reviewer_beside_the_question_and_only_as_ciphertext(
    phone: Phone, browser: Browser, tmp_path: Path
) -> None:
    answer_canary = f"KUA-ANSWER-{uuid.uuid4().hex}"
    answer = f"Синяк на седьмой день, вот фото. {answer_canary}"
    photo = png(160, 120, seed=7, text={"Location": "43.2,74.9"})
    photo_sha256 = hashlib.sha256(photo).hexdigest()
    summons = png(120, 160, seed=8, text={"Comment": "POVESTKA-CANARY"})
    with serving_the_app(tmp_path / "server") as server:
        store = IntakeStore(server)
        page = phone.open(server.base_url)
        phone.wait_for_service_worker(page)

        # Given a listed reviewer, and a relative's report received by the server
        console, console_errors, _ = a_listed_reviewer(
            browser, server, tmp_path, password=PASSWORD, passphrase=KEY_PASSPHRASE
        )
        the_phone_learns_the_list(page, published_list_seq(server))
        report_id = a_relative_sends_a_report(page, canary=f"KUA-CANARY-{uuid.uuid4().hex}")
        expect(outbox_item(page, report_id)).to_have_attribute("data-state", "sent", timeout=30_000)

        # When the reviewer asks for a new photo of the bruise
        console.get_by_test_id("nav-queue").click()
        the_reviewer_opens(console, report_id)
        followups = console.get_by_test_id("followups")
        expect(followups).to_have_attribute("data-can-ask", "1", timeout=KEY_TIMEOUT)
        console.get_by_test_id("followup-text").fill("Пришлите, пожалуйста, новое фото синяка.")
        console.get_by_test_id("followup-ask").click()
        asked = followups.locator('[data-testid="followup-item"][data-kind="question"]')
        expect(asked).to_have_count(1, timeout=KEY_TIMEOUT)
        question_id = asked.get_attribute("data-followup-id")
        assert question_id, "the question has no id"

        # And the family sets a PIN on "My reports" to read it, and answers with a photo from the camera
        my_reports(page)
        page.get_by_test_id("my-reports-need-pin").get_by_role("button").click()
        the_relative_sets_a_pin(page)
        shown = page.locator(f'[data-testid="my-report-question"][data-question-id="{question_id}"]')
        expect(shown).to_contain_text("новое фото синяка", timeout=30_000)
        # (while the phone cannot reach the upload address: the answer goes, its photo waits)
        phone.context.route("**/api/v1/uploads/**", lambda route: route.abort())
        the_family_answers_with_a_photo_a_recording_and_a_paper(shown, answer, photo, summons)

        # Then the phone says the answer was delivered and its photo not yet
        expect(shown.get_by_test_id("my-report-answer-state")).to_have_attribute("data-state", "sent", timeout=30_000)
        media_state = shown.get_by_test_id("my-report-answer-media")
        expect(media_state).to_have_attribute("data-state", "sending", timeout=30_000)
        expect(media_state).to_have_attribute("data-received", "0")

        # And the reviewer sees the answer right under the question it answers, its photo not received yet
        items = the_reviewer_reads_the_answer(console, report_id)
        expect(items).to_have_count(2, timeout=KEY_TIMEOUT)
        expect(items.nth(0)).to_have_attribute("data-kind", "question")
        beside = items.nth(1)
        expect(beside).to_have_attribute("data-kind", "answer")
        expect(beside).to_contain_text(answer_canary, timeout=KEY_TIMEOUT)
        shown_photo = beside.get_by_test_id("answer-photo")
        expect(shown_photo).to_have_attribute("data-state", "not_received", timeout=KEY_TIMEOUT)
        papers = beside.get_by_test_id("answer-documents")
        expect(papers).to_have_attribute("data-state", "not_received", timeout=KEY_TIMEOUT)
        expect(beside.get_by_test_id("answer-voice")).to_have_attribute("data-state", "not_received")

        # When the phone reaches the server again, the photo is delivered (the drain retries by itself)
        phone.context.unroute("**/api/v1/uploads/**")
        expect(media_state).to_have_attribute("data-state", "sent", timeout=60_000)
        expect(media_state).to_have_attribute("data-total", "3")

        # Then the console, asking again, shows it opened in the browser
        expect(shown_photo).to_have_attribute("data-state", "open", timeout=30_000)
        expect(shown_photo).to_have_attribute("data-hash-ok", "1")
        expect(shown_photo).to_have_attribute("data-sha256", photo_sha256)
        # (signed on capture by this phone's device key, which the sealed answer names)
        expect(shown_photo).to_have_attribute("data-provenance", "valid")
        # And the recording plays in the browser, its hash and the phone's signature holding
        recordings = beside.get_by_test_id("answer-voice")
        expect(recordings).to_have_attribute("data-state", "open", timeout=30_000)
        recording = recordings.get_by_test_id("voice-recording")
        expect(recording).to_have_attribute("data-hash-ok", "1", timeout=KEY_TIMEOUT)
        expect(recording).to_have_attribute("data-provenance", "valid")
        # And the summons shows as a paper of its type, its page the very bytes photographed, signed
        expect(papers).to_have_attribute("data-state", "open", timeout=30_000)
        expect(papers.get_by_test_id("doc-group")).to_have_attribute("data-type", "summons")
        paper_page = papers.get_by_test_id("doc-view-page")
        expect(paper_page).to_have_attribute("data-sha256", hashlib.sha256(summons).hexdigest(), timeout=KEY_TIMEOUT)
        expect(paper_page.get_by_test_id("doc-provenance")).to_have_attribute("data-verdict", "valid")
        # (the bytes the reviewer downloads, decrypted in the browser, are those the camera gave)
        with console.expect_download() as download:
            shown_photo.get_by_test_id("answer-photo-download").click()
        assert Path(download.value.path()).read_bytes() == photo

        # And the server (database, blobs, staging, log) holds neither the answer, the photo, nor its hash
        attachment_id = shown_photo.get_attribute("data-attachment-id")
        assert attachment_id is not None
        stored = store.upload(attachment_id)
        assert stored is not None and stored.complete and stored.blob is not None
        assert hashlib.sha256(stored.blob.read_bytes()).hexdigest() != photo_sha256
        needles = {
            "the answer": answer_canary.encode(),
            "the photo": fingerprint(photo),
            "the photo's place": b"43.2,74.9",
            "the photo's hash": photo_sha256.encode(),
            "the summons": fingerprint(summons),
            "the summons' text": b"POVESTKA-CANARY",
            # (the recording's Opus header: 8 bytes, not the 4-byte WebM magic random ciphertext may hold)
            "the recording": b"OpusHead",
        }
        assert store.where_found(needles) == []
        dump = database_dump(store)
        for name, needle in needles.items():
            assert needle.hex().upper() not in dump.upper() and needle.decode("latin-1") not in dump, name

        # And the phone keeps neither once sent
        on_phone = page.evaluate(PHONE_DATABASE_JS)
        assert answer_canary not in on_phone and fingerprint(photo).decode("latin-1") not in on_phone
        assert console_errors == [] and phone.page_errors == []
        console.context.close()
