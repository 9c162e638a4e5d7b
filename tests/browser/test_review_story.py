"""The whole story: a relative reports from a phone, a reviewer joins the coalition, the root keys list
the reviewer's key, the next report reaches the reviewer, who reads it in the console, notes, groups and
triages it; the audit log holds together.

Two browsers: the relative's phone (Chromium with a profile on disk, through a fault proxy) and the
reviewer's desktop browser. The server is a real `kua serve` of the built app and console.
"""

import json
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.app_server import serving_the_app
from tests.browser.intake_store import IntakeStore, open_as_reviewer
from tests.browser.phone import (
    READY,
    UI_TIMEOUT,
    Phone,
    attach_photo,
    fill_in_report,
    fingerprint,
    outbox_ids,
    outbox_item,
    photo_file,
    png,
    send_report,
    the_phone_learns_the_list,
)
from tests.browser.reviewer import enrol, generate_key, invitation_path, list_the_key, published_list_seq
from tests.support.fault_proxy import Fault, FaultProxy
from tests.support.server import run_kua

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
KEY_PASSPHRASE = "the reviewer's long passphrase"
DECRYPT_TIMEOUT = 30_000


def report_from_phone(page: Page, *, canary: str, photo: bytes) -> str:
    """A short report: taken "for a chat" in Bular Batyr at night, no record, an account with a photo."""
    known = outbox_ids(page)
    page.get_by_test_id("new-report").click()
    fill_in_report(
        page,
        {
            "kind-detention": lambda page: page.get_by_test_id("kind-detention").check(),
            "village-select": lambda page: page.get_by_test_id("village-select").select_option("bular_batyr"),
            "detention-1-capacity-for_a_chat": lambda page: (
                page.get_by_test_id("detention-1-capacity-for_a_chat").check(),
                page.get_by_test_id("detention-1-detentionRecord-no").check(),
            ),
            "account-text": lambda page: (
                page.get_by_test_id("account-text").fill(f"Забрали ночью «на беседу», протокола нет. {canary}"),
                attach_photo(page, photo_file("IMG_0100.png", photo), downscale=False),
            ),
            "consent-record": lambda page: page.get_by_test_id("consent-record").check(),
        },
    )
    return send_report(page, known)


def test_a_report_reaches_a_new_reviewer_who_reads_notes_groups_and_triages_it(
    phone: Phone, browser: Browser, tmp_path: Path
) -> None:
    with serving_the_app(tmp_path / "server") as server, FaultProxy(server.port) as proxy:
        store = IntakeStore(server)

        # Given a relative who sends a report with a photo from a village without signal, later online
        page = phone.open(proxy.base_url)
        phone.wait_for_service_worker(page)
        proxy.set(Fault.unreachable())
        phone.context.set_offline(True)
        first_id = report_from_phone(page, canary=f"KUA-CANARY-{uuid.uuid4().hex}", photo=png(40, 30, seed=7))
        expect(outbox_item(page, first_id)).to_have_attribute("data-state", "waiting", timeout=UI_TIMEOUT)
        proxy.set(Fault.pass_through())
        phone.context.set_offline(False)
        expect(outbox_item(page, first_id)).to_have_attribute("data-state", "sent", timeout=30_000)

        # When the coalition invites a reviewer, who accepts with a password and a TOTP second factor
        path = invitation_path(server, "Айгуль", "admin")
        reviewer_context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        console = reviewer_context.new_page()
        console_errors: list[str] = []
        console.on("pageerror", lambda error: console_errors.append(str(error)))
        _, recovery_codes = enrol(console, server, path, name="Айгуль", password=PASSWORD)
        assert "invite=" not in console.url, "the invitation token stayed in the address bar"

        # And generates a key in the browser, keeps a backup, and is told the key is not listed yet
        recipient = generate_key(console, KEY_PASSPHRASE)  # only its recipient goes to the server
        with console.expect_download() as download:
            console.get_by_test_id("key-backup").click()
        backup = tmp_path / "reviewer-backup.age"
        download.value.save_as(backup)

        # And the root keys sign a new list with the pending key (offline, with the CLI), which is published
        list_the_key(console, server, tmp_path, name="Айгуль", recipient=recipient)
        # And locks the key while away from the desk: nothing decrypted stays on screen or in memory
        console.get_by_test_id("lock").click()
        expect(console.get_by_test_id("unlock-passphrase")).to_be_visible(timeout=UI_TIMEOUT)

        # When the relative opens the app again (it fetches and verifies the new list in the background,
        # never before a Send) and sends the next report
        the_phone_learns_the_list(page, published_list_seq(server))
        canary = f"KUA-CANARY-{uuid.uuid4().hex}"
        photo = png(64, 48, seed=8)
        second_id = report_from_phone(page, canary=canary, photo=photo)
        expect(outbox_item(page, second_id)).to_have_attribute("data-state", "sent", timeout=30_000)
        assert store.where_found({"the account": canary.encode(), "the photo": fingerprint(photo)}) == []

        # Then the reviewer unlocks the key with the passphrase, and the queue shows the report opened in
        # the browser; the first report, sealed before the reviewer was listed, stays unreadable to them
        console.get_by_test_id("unlock-passphrase").fill("not the passphrase")
        console.get_by_test_id("unlock-submit").click()
        expect(console.get_by_test_id("unlock-wrong")).to_be_visible(timeout=DECRYPT_TIMEOUT)
        console.get_by_test_id("unlock-passphrase").fill(KEY_PASSPHRASE)
        console.get_by_test_id("unlock-submit").click()
        expect(console.get_by_test_id("unlock-passphrase")).to_be_hidden(timeout=30_000)  # scrypt, then the bar
        console.get_by_test_id("nav-queue").click()
        row = console.locator(f'[data-testid="queue-row"][data-report-id="{second_id}"]')
        expect(row).to_have_attribute("data-state", "open", timeout=DECRYPT_TIMEOUT)
        first_row = console.locator(f'[data-testid="queue-row"][data-report-id="{first_id}"]')
        expect(first_row).to_have_attribute("data-state", "unreadable", timeout=DECRYPT_TIMEOUT)

        # And the report shows what the relative wrote, the "chat" without status and the missing record as
        # violations, and the photo with its hash checked
        row.click()
        detail = console.get_by_test_id("report-detail")
        expect(detail).to_have_attribute("data-report-id", second_id, timeout=UI_TIMEOUT)
        expect(detail).to_contain_text(canary)
        expect(console.get_by_test_id("paperwork-violation")).to_have_count(2)
        for field in ("detention.capacity", "detention.detentionRecord"):
            expect(console.locator(f'[data-testid="paperwork-violation"][data-field="{field}"]')).to_have_count(1)
        expect(console.get_by_test_id("photo")).to_have_attribute("data-hash-ok", "1", timeout=DECRYPT_TIMEOUT)

        # When the reviewer adds a note, opens a case for this detention and takes the report into review
        note = f"Позвонить брату, уточнить время. {uuid.uuid4().hex}"
        console.get_by_test_id("note-text").fill(note)
        console.get_by_test_id("note-add").click()
        expect(console.get_by_test_id("note-item")).to_contain_text(note, timeout=DECRYPT_TIMEOUT)
        case_title = f"Задержание в Булар Батыре {uuid.uuid4().hex[:8]}"
        console.get_by_test_id("case-title").fill(case_title)
        console.get_by_test_id("case-create").click()  # the new case is chosen for this report
        expect(console.get_by_test_id("case-link")).to_be_enabled(timeout=DECRYPT_TIMEOUT)
        console.get_by_test_id("case-link").click()
        expect(console.get_by_test_id("case-current")).to_contain_text(case_title, timeout=DECRYPT_TIMEOUT)
        console.get_by_test_id("status-in_review").click()
        status = console.get_by_test_id("triage-status")
        expect(status).to_have_attribute("data-status", "in_review", timeout=UI_TIMEOUT)

        # Then the server holds the note and the case title only sealed, and the triage facts in the clear
        assert store.where_found({"the note": note.encode(), "the case title": case_title.encode()}) == []

        # And the admin's audit view and `kua audit verify` show every action, chained
        console.get_by_test_id("nav-audit").click()
        console.get_by_test_id("audit-row").first.wait_for(timeout=UI_TIMEOUT)
        actions = {row.get_attribute("data-action") for row in console.get_by_test_id("audit-row").all()}
        expected = {"invitation_accepted", "key_changed", "report_fetched", "attachment_fetched", "note_added"}
        assert expected | {"case_created", "case_linked", "status_changed"} <= actions, actions
        verified = run_kua("audit", "verify", env=server.env)
        assert verified.returncode == 0, verified.stdout + verified.stderr

        # And the backup file, with the passphrase, opens the report on a reviewer's machine (`kua open -i`)
        passphrase_file = tmp_path / "passphrase.txt"
        passphrase_file.write_text(KEY_PASSPHRASE + "\n", encoding="utf-8")
        ciphertext = store.report_ciphertext(second_id)
        assert ciphertext is not None
        opened = open_as_reviewer(ciphertext, backup, passphrase_file)
        assert canary in json.loads(opened)["account"]

        # And on a new laptop, the authenticator left at home: a recovery code signs her in, the backup
        # file restores her key with its passphrase, and the report opens there too
        laptop_context = browser.new_context(viewport={"width": 1280, "height": 900})
        laptop = laptop_context.new_page()
        laptop.goto(server.base_url + "/review")
        laptop.wait_for_selector(READY, state="attached", timeout=20_000)
        laptop.get_by_test_id("signin-name").fill("Айгуль")
        laptop.get_by_test_id("signin-password").fill(PASSWORD)
        laptop.get_by_test_id("signin-totp").fill(recovery_codes[0])
        laptop.get_by_test_id("signin-submit").click()
        laptop.get_by_test_id("key-passphrase").fill(KEY_PASSPHRASE)
        laptop.get_by_test_id("key-passphrase-repeat").fill(KEY_PASSPHRASE)
        laptop.get_by_test_id("key-import-file").set_input_files(str(backup))
        laptop.get_by_test_id("key-import-passphrase").fill(KEY_PASSPHRASE)
        laptop.get_by_test_id("key-import").click()
        laptop.get_by_test_id("key-done").click(timeout=60_000)
        laptop.get_by_test_id("nav-queue").click()
        restored_row = laptop.locator(f'[data-testid="queue-row"][data-report-id="{second_id}"]')
        expect(restored_row).to_have_attribute("data-state", "open", timeout=DECRYPT_TIMEOUT)
        laptop_context.close()
        assert console_errors == [] and phone.page_errors == []
        reviewer_context.close()
