"""A reviewer who joins later reads a past report once a colleague grants it (issue 20, "Done when").

Reviewer A (Айгуль, the development key) reads a report with a photo sent before anyone else joined;
the family answers a question; reviewer B (Болат) joins, generates a key, the root keys list it; B cannot
open the old report; A shares it from the report screen; B opens the report and its photo and reads the
family's answer; the audit log shows the grant; and
`kua open` with B's key backup opens the stored file with its extra header. The phone's bytes never change.
"""

import base64
import hashlib
import json
import secrets
import subprocess
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.app_server import serving_the_app
from tests.browser.intake_store import IntakeStore
from tests.browser.phone import UI_TIMEOUT, png
from tests.browser.reviewer import accept_invitation, generate_key, invitation_path, list_the_key
from tests.browser.test_review_dossier import (
    DECRYPT_TIMEOUT,
    mother_report,
    reviewer_with_the_development_key,
    send_report,
    upload_photo,
)
from tests.browser.test_review_export import the_family_answers
from tests.support.server import KUA, RunningServer

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
KEY_PASSPHRASE = "Болат's long key passphrase"
REPORTER_TOKEN = secrets.token_urlsafe(32)
ANSWER = "Его отпустили в 4 утра, справку из травмпункта пришлём."


def queue_row(console: Page, report_id: str) -> Locator:
    console.get_by_test_id("nav-queue").click()
    return console.locator(f'[data-testid="queue-row"][data-report-id="{report_id}"]')


def reviewer_b_joins(browser: Browser, server: RunningServer, workdir: Path) -> tuple[Page, Path]:
    """Болат (an admin) accepts his invitation, generates a key, keeps its backup; the root keys list it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    console = context.new_page()
    path = invitation_path(server, "Болат", "admin")
    accept_invitation(console, server, path, name="Болат", password=PASSWORD)
    recipient = generate_key(console, KEY_PASSPHRASE)
    with console.expect_download() as download:
        console.get_by_test_id("key-backup").click()
    backup = workdir / "bolat-backup.age"
    download.value.save_as(backup)
    list_the_key(console, server, workdir, name="Болат", recipient=recipient)
    return console, backup


def test_a_reviewer_grants_a_past_report_to_a_reviewer_who_joined_later(browser: Browser, tmp_path: Path) -> None:
    with serving_the_app(tmp_path / "server") as server:
        store = IntakeStore(server)
        # Given a report with a photo, sealed to the development list (reviewer A alone)
        photo = png(64, 48, seed=20)
        attachment_id = upload_photo(server, photo)
        report = send_report(
            server, mother_report(photo, attachment_id), [attachment_id], reporter_token=REPORTER_TOKEN
        )
        original = store.report_ciphertext(report.report_id)
        assert original is not None and hashlib.sha256(original).hexdigest() == report.sha256
        # And the family's answer, sealed to the list of its day (reviewer A alone)
        the_family_answers(server, report.report_id, REPORTER_TOKEN, str(uuid.uuid4()), ANSWER)

        # And reviewer A, who reads it in the console
        context_a = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.base_url)
        console_a = context_a.new_page()
        errors: list[str] = []
        console_a.on("pageerror", lambda error: errors.append(str(error)))
        reviewer_with_the_development_key(console_a, server)
        expect(queue_row(console_a, report.report_id)).to_have_attribute("data-state", "open", timeout=DECRYPT_TIMEOUT)

        # When reviewer B joins and is listed
        console_b, backup = reviewer_b_joins(browser, server, tmp_path)
        console_b.on("pageerror", lambda error: errors.append(str(error)))

        # Then B cannot open the old report
        row_b = queue_row(console_b, report.report_id)
        expect(row_b).to_have_attribute("data-state", "unreadable", timeout=DECRYPT_TIMEOUT)

        # When A opens the report, is told B joined later, and shares it with B
        queue_row(console_a, report.report_id).click()
        panel = console_a.get_by_test_id("grant-panel")
        expect(panel).to_have_attribute("data-state", "ready", timeout=DECRYPT_TIMEOUT)
        expect(console_a.get_by_test_id("grant-recipient")).to_have_text(["Болат"])
        console_a.get_by_test_id("grant-share").click()
        expect(panel).to_have_attribute("data-state", "done", timeout=DECRYPT_TIMEOUT)

        # Then B, refreshing the queue, opens the report and its photo (hash checked)
        console_b.get_by_test_id("queue-refresh").click()
        expect(row_b).to_have_attribute("data-state", "open", timeout=DECRYPT_TIMEOUT)
        row_b.click()
        expect(console_b.get_by_test_id("report-detail")).to_contain_text("Айдир Масанов", timeout=UI_TIMEOUT)
        photo_tile = console_b.locator(f'[data-testid="photo"][data-attachment-id="{attachment_id}"]')
        expect(photo_tile).to_have_attribute("data-hash-ok", "1", timeout=DECRYPT_TIMEOUT)
        # And reads the family's answer in the follow-ups, granted with the report
        answer = console_b.locator('[data-testid="followup-item"][data-kind="answer"]')
        expect(answer).to_contain_text(ANSWER, timeout=DECRYPT_TIMEOUT)
        # And nobody else is left to share it with
        expect(console_b.get_by_test_id("grant-panel")).to_have_attribute("data-state", "none", timeout=UI_TIMEOUT)

        # And the phone's bytes are those it sent
        assert store.report_ciphertext(report.report_id) == original

        # And the audit log shows the grant, to B
        console_b.get_by_test_id("nav-audit").click()
        granted = console_b.locator('[data-testid="audit-row"][data-action="report_granted"]')
        expect(granted).to_have_count(1, timeout=UI_TIMEOUT)
        expect(granted).to_contain_text("Болат")

        # And `kua open` with B's key backup opens the stored file with its extra header
        grants = console_b.request.get(f"{server.base_url}/api/v1/review/reports/{report.report_id}/grants").json()[
            "grants"
        ]
        (header,) = [g["header"] for g in grants if g["attachment_id"] is None and g["followup_id"] is None]
        (tmp_path / "grant.header").write_bytes(base64.b64decode(header))
        (tmp_path / "passphrase.txt").write_text(KEY_PASSPHRASE + "\n", encoding="utf-8")
        opened = run_kua_open(original, backup, tmp_path / "passphrase.txt", tmp_path / "grant.header")
        assert json.loads(opened)["victims"][0]["name"] == "Айдир Масанов"
        assert errors == []
        context_a.close()


def run_kua_open(ciphertext: bytes, identity: Path, passphrase: Path, header: Path) -> str:
    """`kua open -i IDENTITY -g HEADER --unpad`: the stored file, its own header tried first, then the grant's."""
    args = ["open", "-i", str(identity), "--passphrase-file", str(passphrase), "-g", str(header), "--unpad"]
    opened = subprocess.run([KUA, *args], input=ciphertext, capture_output=True, timeout=120, check=False)
    assert opened.returncode == 0, opened.stderr.decode(errors="replace")
    return opened.stdout.decode()
