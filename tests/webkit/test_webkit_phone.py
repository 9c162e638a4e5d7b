"""The core phone story on WebKit (the engine of every iPhone browser), with a profile kept on disk: the app opens
offline from its service worker, a report written offline is delivered once the network returns, a photo arrives
as it was, a PIN locks the app, the quick exit leaves nothing behind Back, and delete everything leaves nothing.
"""

import hashlib
import json
import uuid
from pathlib import Path

import pytest

from tests.browser.intake_store import IntakeStore, open_as_reviewer
from tests.browser.photos import png
from tests.browser.seized import PIN, canary
from tests.support.fault_proxy import FaultProxy
from tests.support.server import RunningServer
from tests.webkit.relative import (
    an_installed_app,
    leftovers,
    receipt,
    store_counts,
    the_network_drops,
    the_network_returns,
    the_relative_enters,
    the_relative_sets_a_pin,
    the_relative_writes_a_report,
    the_report_is,
    what_the_screen_shows,
)
from tests.webkit.webkit_phone import WebKitPhone

pytestmark = pytest.mark.webkit


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_app_opens_offline_from_its_service_worker(webkit_phone: WebKitPhone, proxy: FaultProxy) -> None:
    # Given a relative who opened the app once while online
    screen = an_installed_app(webkit_phone, proxy)
    # When the phone loses its network and the app is opened again
    the_network_drops(proxy)
    screen.reload()
    # Then the app still starts, from what the service worker keeps
    screen.shown("new-report")
    # And so it does the next day, the browser closed and opened again without network
    webkit_phone.close()
    screen = webkit_phone.open(proxy.base_url)
    screen.shown("new-report")


def test_a_report_written_offline_is_delivered_when_the_network_returns(
    webkit_phone: WebKitPhone, proxy: FaultProxy, reporter_server: RunningServer
) -> None:
    screen = an_installed_app(webkit_phone, proxy)
    words = canary()
    # Given a phone without network
    the_network_drops(proxy)
    # When the relative writes and sends a report
    report_id = the_relative_writes_a_report(screen, f"Его забрали ночью. {words}")
    # Then it waits in the outbox, sealed
    the_report_is(screen, report_id, "waiting")
    assert (store_counts(screen) or {}).get("outbox") == 1
    # When the network comes back
    the_network_returns(proxy)
    # Then it is delivered, with a receipt for exactly what the server stored
    the_report_is(screen, report_id, "sent")
    screen.shown("receipt")
    stored = IntakeStore(reporter_server).report_ciphertext(report_id)
    assert stored is not None, "the server has no report under the id the phone showed"
    assert receipt(screen, report_id) == {"sha256": sha256(stored), "attachments": 0}
    # And the reviewer opens it to the relative's words; the phone keeps only the receipt
    assert words in json.loads(open_as_reviewer(stored))["account"]
    counts = store_counts(screen) or {}
    assert (counts.get("drafts"), counts.get("outbox"), counts.get("receipts")) == (0, 0, 1)


def test_a_photo_arrives_as_it_was_taken(
    webkit_phone: WebKitPhone, proxy: FaultProxy, reporter_server: RunningServer, tmp_path: Path
) -> None:
    photo = tmp_path / "IMG_0002.png"
    photo.write_bytes(png(48, 64, seed=22))
    screen = webkit_phone.open(proxy.base_url)
    # When the relative sends a report with a photo of a paper, kept as it is
    report_id = the_relative_writes_a_report(screen, f"Протокол не дали. {canary()}", photo)
    the_report_is(screen, report_id, "sent")
    # Then the server holds the whole sealed photo, and the reviewer opens it to the very same bytes
    store = IntakeStore(reporter_server)
    report_ciphertext = store.report_ciphertext(report_id)
    assert report_ciphertext is not None
    [attachment_id] = store.declared_attachments(report_id)
    upload = store.upload(str(attachment_id))
    assert upload is not None and upload.complete and upload.blob is not None, f"upload {attachment_id}"
    sealed = upload.blob.read_bytes()
    assert (len(sealed), sha256(sealed)) == (upload.length, upload.sha256)
    assert open_as_reviewer(sealed, report=report_ciphertext) == photo.read_bytes()
    assert receipt(screen, report_id) == {"sha256": sha256(report_ciphertext), "attachments": 1}


def test_a_pin_locks_the_app(webkit_phone: WebKitPhone, proxy: FaultProxy) -> None:
    screen = webkit_phone.open(proxy.base_url)
    words = canary()
    report_id = the_relative_writes_a_report(screen, f"Забрали утром. {words}")
    the_report_is(screen, report_id, "sent")
    # Given a relative who set a PIN
    the_relative_sets_a_pin(screen)
    # When the app is opened again
    webkit_phone.close()
    screen = webkit_phone.open(proxy.base_url)
    # Then it shows its lock screen and nothing of the report
    screen.shown("lock-screen")
    assert screen.all("receipt") == [] and uuid.UUID(report_id).hex not in what_the_screen_shows(screen)
    # And the PIN opens it to the receipt
    the_relative_enters(screen, PIN)
    screen.shown("receipt")


def test_quick_exit_leaves_nothing_of_the_reports_behind_back(webkit_phone: WebKitPhone, proxy: FaultProxy) -> None:
    screen = an_installed_app(webkit_phone, proxy)
    sent, draft = canary(), canary()
    report_id = the_relative_writes_a_report(screen, f"Забрали утром. {sent}")
    the_report_is(screen, report_id, "sent")
    # Given a relative in the middle of writing a second report
    screen.tap("new-report")
    screen.tick("kind-detention")
    # When someone comes in and they tap Quick exit
    screen.tap("quick-exit")
    # Then a harmless page shows, and Back does not bring the app or the reports back
    screen.wait(lambda: not screen.all("quick-exit"), what="the harmless page")
    screen.back()
    screen.wait(lambda: screen.driver.execute_script("return document.readyState") == "complete", what="Back")
    shown = what_the_screen_shows(screen) + screen.driver.page_source
    assert sent not in shown and draft not in shown and report_id not in shown
    assert screen.all("receipt") == [] and screen.all("step-send") == []


def test_delete_everything_leaves_nothing_on_the_phone(webkit_phone: WebKitPhone, proxy: FaultProxy) -> None:
    screen = an_installed_app(webkit_phone, proxy)
    words = canary()
    report_id = the_relative_writes_a_report(screen, f"Забрали утром. {words}")
    the_report_is(screen, report_id, "sent")
    before = leftovers(screen)
    assert "kua" in before["databases"] and before["caches"] and before["serviceWorkers"] == 1, before  # type: ignore[operator]
    # When the relative deletes everything from the settings
    screen.tap("settings")
    screen.tap("wipe-everything")
    screen.tap("wipe-confirm")
    # Then the first-run screen shows, and no database, cache or service worker is left
    screen.shown("new-report")
    screen.attribute_becomes("html", "data-wipe", "wiped")
    after = leftovers(screen)
    assert (after["databases"], after["caches"], after["serviceWorkers"]) == ([], [], 0), after
    assert words not in what_the_screen_shows(screen) and screen.all("receipt") == []
