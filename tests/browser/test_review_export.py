"""A reviewer exports a case from the console and opens the bundle on their own machine.

Given two reports sealed to the development reviewer's key (as phones seal them, the first with a
photo of an injury sent over tus), grouped into one case in the console, the family of the first
having answered the reviewer's question, when the reviewer exports the case, the browser saves one
age file; `kua export open` with the console's backup of the key writes the reports as JSON and CSV,
the photo byte for byte, and the family's answer under its question.
"""

import csv
import hashlib
import io
import json
import secrets
import subprocess
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from kua.crypto import age
from kua.crypto.keys import identity_to_recipient, parse_recipient
from kua.crypto.padding import pad
from kua.intake.reporter_tokens import digest
from tests.browser.app_server import serving_the_app
from tests.browser.intake_store import REVIEWER_IDENTITY
from tests.browser.phone import UI_TIMEOUT, png
from tests.browser.reviewer import accept_invitation, invitation_path
from tests.export.bundles import injury, sample_report
from tests.support.server import KUA, RunningServer
from tests.uploads.phone import Photo, send_whole

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
KEY_PASSPHRASE = "the reviewer's long passphrase"
DECRYPT_TIMEOUT = 30_000


def dev_reviewer_recipient() -> str:
    line = next(
        line for line in REVIEWER_IDENTITY.read_text(encoding="utf-8").splitlines() if line.startswith("AGE-SECRET")
    )
    return identity_to_recipient(line)


def sealed_to_reviewer(plaintext: dict[str, object], recipients: list[str] | None = None) -> bytes:
    """JSON padded and sealed to the development reviewer (or to `recipients`), as a phone seals a report or
    an answer."""
    sealed_to = [dev_reviewer_recipient()] if recipients is None else recipients
    return age.encrypt_bytes(pad(json.dumps(plaintext).encode()), [parse_recipient(text) for text in sealed_to])


def phone_sends(
    server: RunningServer, report: dict[str, object], attachments: list[Photo], reporter_token: str | None = None
) -> str:
    """PUT the report sealed as a phone seals it (padded age), after its photos' uploads."""
    for photo in attachments:
        send_whole(server, photo)
    report_id = str(uuid.uuid4())
    ciphertext = sealed_to_reviewer(report)
    headers = {"Content-Type": "application/octet-stream"}
    if reporter_token is not None:
        headers["Kua-Reporter-Token-Sha256"] = digest(reporter_token)
    if attachments:
        headers["Kua-Attachment-Ids"] = ",".join(str(photo.upload_id) for photo in attachments)
    response = httpx.put(server.url(f"/api/v1/reports/{report_id}"), content=ciphertext, headers=headers, timeout=30)
    assert response.status_code == 201, response.text
    return report_id


def the_family_answers(
    server: RunningServer,
    report_id: str,
    reporter_token: str,
    question_id: str,
    text: str,
    recipients: list[str] | None = None,
) -> None:
    """The phone's answer (`kua.answer`), sealed to the reviewer (or to `recipients`) and sent with the
    report's token."""
    answer_id = str(uuid.uuid4())
    answer = {
        "format": "kua.answer",
        "version": 1,
        "reportId": report_id,
        "questionId": question_id,
        "answerId": answer_id,
        "text": text,
        "writtenAt": datetime.now(UTC).isoformat(),
    }
    response = httpx.put(
        server.url(f"/api/v1/reports/{report_id}/answers/{answer_id}"),
        content=sealed_to_reviewer(answer, recipients),
        headers={"Content-Type": "application/octet-stream", "Kua-Reporter-Token": reporter_token},
        timeout=30,
    )
    assert response.status_code == 201, response.text


def joins_case(console: Page, report_id: str, *, new_title: str | None = None) -> None:
    """Open the report from the queue and link it to the (new) case."""
    console.get_by_test_id("nav-queue").click()
    row = console.locator(f'[data-testid="queue-row"][data-report-id="{report_id}"]')
    expect(row).to_have_attribute("data-state", "open", timeout=DECRYPT_TIMEOUT)
    row.click()
    expect(console.get_by_test_id("report-detail")).to_have_attribute("data-report-id", report_id, timeout=UI_TIMEOUT)
    if new_title is not None:
        console.get_by_test_id("case-title").fill(new_title)
        console.get_by_test_id("case-create").click()
    else:
        console.get_by_test_id("case-select").locator("option").nth(1).wait_for(state="attached", timeout=UI_TIMEOUT)
        console.get_by_test_id("case-select").select_option(index=1)
    expect(console.get_by_test_id("case-link")).to_be_enabled(timeout=DECRYPT_TIMEOUT)
    console.get_by_test_id("case-link").click()
    expect(console.get_by_test_id("case-current")).to_be_visible(timeout=DECRYPT_TIMEOUT)


def test_a_reviewer_exports_a_case_and_opens_it_with_kua(browser: Browser, tmp_path: Path) -> None:
    with serving_the_app(tmp_path / "server") as server:
        # Given two reports from phones, the first with a photo of a bruise
        photo = png(64, 48, seed=11)
        sealed_photo = Photo(age.encrypt_bytes(pad(photo), [parse_recipient(dev_reviewer_recipient())]))
        photo_sha256 = hashlib.sha256(photo).hexdigest()
        reporter_token = secrets.token_urlsafe(32)
        reply = {"recipient": dev_reviewer_recipient()}  # the phone's reply key: any age recipient will do here
        first = phone_sends(
            server,
            sample_report(
                str(uuid.uuid4()), injuries=[injury([str(sealed_photo.upload_id)], [photo_sha256])], reply=reply
            ),
            [sealed_photo],
            reporter_token,
        )
        second = phone_sends(server, sample_report(str(uuid.uuid4()), kinds=["search"], victims=[]), [])

        # And a reviewer who joins with the coalition's development key and keeps the console's backup of it
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        console = context.new_page()
        errors: list[str] = []
        console.on("pageerror", lambda error: errors.append(str(error)))
        accept_invitation(
            console, server, invitation_path(server, "Айгуль", "triager"), name="Айгуль", password=PASSWORD
        )
        console.get_by_test_id("key-passphrase").fill(KEY_PASSPHRASE)
        console.get_by_test_id("key-passphrase-repeat").fill(KEY_PASSPHRASE)
        console.get_by_test_id("key-import-file").set_input_files(str(REVIEWER_IDENTITY))
        console.get_by_test_id("key-import").click()
        expect(console.get_by_test_id("key-state")).to_have_attribute("data-state", "listed", timeout=DECRYPT_TIMEOUT)
        with console.expect_download() as saved_backup:
            console.get_by_test_id("key-backup").click()
        backup = tmp_path / "backup.age"
        saved_backup.value.save_as(backup)
        console.get_by_test_id("key-done").click()

        # And who groups both reports into one case
        title = f"Задержания в Сортобе {uuid.uuid4().hex[:6]}"
        joins_case(console, first, new_title=title)
        # And who asks the first family a question, which the family answers
        console.get_by_test_id("followup-text").fill("Приходил ли врач?")
        console.get_by_test_id("followup-ask").click()
        asked = console.locator('[data-testid="followup-item"][data-kind="question"]')
        expect(asked).to_have_count(1, timeout=DECRYPT_TIMEOUT)
        question_id = asked.get_attribute("data-followup-id")
        assert question_id, "the question has no id"
        the_family_answers(server, first, reporter_token, question_id, "Да, врач приходил 26-го, снял побои.")
        joins_case(console, second)
        console.get_by_test_id("case-current").click()
        expect(console.get_by_test_id("case-report")).to_have_count(2, timeout=UI_TIMEOUT)

        # When the reviewer exports the case and saves the file
        expect(console.get_by_test_id("export-others")).not_to_be_checked()
        console.get_by_test_id("export-case").click()
        download_link = console.get_by_test_id("export-download")
        expect(download_link).to_be_visible(timeout=60_000)
        with console.expect_download() as saved_bundle:
            download_link.click()
        assert saved_bundle.value.suggested_filename.startswith("kua-export-case-")
        bundle = tmp_path / saved_bundle.value.suggested_filename
        saved_bundle.value.save_as(bundle)
        expect(console.get_by_test_id("export-problem")).to_have_count(0)
        assert errors == []
        context.close()

        # Then the file is sealed (the server never saw it) and opens with the backup and its passphrase
        assert bundle.read_bytes().startswith(b"age-encryption.org/v1\n")
        passphrase_file = tmp_path / "passphrase.txt"
        passphrase_file.write_text(KEY_PASSPHRASE + "\n", encoding="utf-8")
        out = tmp_path / "export"
        opened = subprocess.run(
            [
                KUA,
                "export",
                "open",
                "-i",
                str(backup),
                "--passphrase-file",
                str(passphrase_file),
                str(bundle),
                "--out",
                str(out),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert opened.returncode == 0, opened.stderr
        assert "2 reports (0 unreadable), 1 attachments, 0 problems; 1 questions, 1 answers, 0 drafts" in opened.stdout

        # And it holds both reports as JSON and CSV, the case's title, and the photo byte for byte
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["scope"] == "case" and manifest["case"]["title"] == title
        assert {r["report_id"] for r in manifest["reports"]} == {first, second}
        assert (
            json.loads((out / f"reports/{first}.json").read_text(encoding="utf-8"))["injuries"][0]["region"]
            == "upper_back"
        )
        rows = {
            row["report_id"]: row
            for row in csv.DictReader(io.StringIO((out / "reports.csv").read_text(encoding="utf-8-sig")))
        }
        assert rows[first]["kinds"] == "detention; torture" and rows[first]["case_title"] == title
        assert rows[second]["kinds"] == "search" and rows[second]["victims"] == "0"
        [injury_row] = csv.DictReader(io.StringIO((out / "injuries.csv").read_text(encoding="utf-8-sig")))
        assert injury_row["photo_sha256"] == photo_sha256
        saved_photo = (out / "attachments" / f"{sealed_photo.upload_id}.png").read_bytes()
        assert hashlib.sha256(saved_photo).hexdigest() == photo_sha256

        # And the family's answer under the reviewer's question
        [asked_entry] = json.loads((out / "followups.json").read_text(encoding="utf-8"))
        assert (asked_entry["report_id"], asked_entry["question_id"], asked_entry["text"]) == (
            first,
            question_id,
            "Приходил ли врач?",
        )
        assert [answer["text"] for answer in asked_entry["answers"]] == ["Да, врач приходил 26-го, снял побои."]
        assert json.loads((out / "drafts.json").read_text(encoding="utf-8")) == []
