"""Evidence-grade photos (issue 18): the original, its EXIF and the phone's signature reach the console.

A relative picks a camera JPEG (EXIF time, camera, GPS) from the gallery and sends it, sealed to the
report's own recipient (one stanza, docs/crypto.md); the reviewer opens the report and reads the
camera's time and model, sees that the file holds a GPS position (never the position), that the
SHA-256 of what the console decrypted is the SHA-256 of the file picked, and that this phone signed
it. Then reports sealed in Python, as a phone would, carry one photo whose signature holds and one
whose bytes are not those signed: the second is flagged, and both reports show as signed by the same
phone.
"""

import hashlib
import io
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from kua.crypto.age.header import read_header
from tests.browser.app_server import serving_the_app
from tests.browser.evidence_photo import MAKE, MODEL, TAKEN_SHOWN, PhoneKey, camera_jpeg
from tests.browser.intake_store import IntakeStore, open_as_reviewer
from tests.browser.phone import UI_TIMEOUT, Phone, outbox_item, send_report, write_a_search_report
from tests.browser.test_review_dossier import DECRYPT_TIMEOUT, reviewer_with_the_development_key, upload_photo
from tests.browser.test_review_dossier import send_report as send_sealed_report
from tests.browser.test_review_report_v2 import open_report, seed_letter_v2

pytestmark = pytest.mark.browser


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def relative_sends_a_gallery_photo(page: Page, photo: bytes, snapshot: bytes) -> str:
    """A search at home, told with a photo picked from the gallery as it is (the default), and a snapshot."""

    def tell_with_a_photo(page: Page) -> None:
        page.get_by_test_id("account-text").fill("Обыск дома, сына избили.")
        # The smaller copy is not ticked: the original goes, as it is
        expect(page.get_by_test_id("photo-downscale")).not_to_be_checked()
        page.get_by_test_id("photo-gallery").set_input_files(
            {"name": "IMG_20261207_101500.jpg", "mimeType": "image/jpeg", "buffer": photo}
        )
        expect(page.get_by_test_id("photo-tile")).to_have_count(1, timeout=30_000)
        page.get_by_test_id("photo-camera").set_input_files(
            {"name": "image.jpg", "mimeType": "image/jpeg", "buffer": snapshot}
        )
        expect(page.get_by_test_id("photo-tile")).to_have_count(2, timeout=30_000)

    write_a_search_report(page, tell_with_a_photo)
    return send_report(page)


def reviewer_console(browser: Browser, server: Any) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.base_url)
    console = context.new_page()
    reviewer_with_the_development_key(console, server)
    return console


def test_an_original_photo_reaches_the_reviewer_with_its_exif_hash_and_signature(
    phone: Phone, browser: Browser, tmp_path: Path
) -> None:
    with serving_the_app(tmp_path / "server") as server:
        # Given a relative with a 1600x1200 camera photo (over 1 MB: the phone also makes a preview)
        page = phone.open(server.base_url)
        photo = camera_jpeg(page, 1600, 1200)
        assert len(photo) > 1024 * 1024

        # When they attach it from the gallery and send the report
        report_id = relative_sends_a_gallery_photo(page, photo, camera_jpeg(page, 320, 240))
        expect(outbox_item(page, report_id)).to_have_attribute("data-state", "sent", timeout=60_000)

        # Then the sealed report names the original, sealed byte for byte, and a preview without EXIF
        store = IntakeStore(server)
        report = json.loads(open_as_reviewer(store.report_ciphertext(report_id) or b""))
        [ref, snapshot] = report["otherPhotos"]
        assert (snapshot["source"], snapshot["previewAttachmentId"]) == ("camera", None)  # under 1 MB: no preview
        assert (ref["source"], ref["downscaled"], ref["mime"], ref["bytes"]) == (
            "gallery",
            False,
            "image/jpeg",
            len(photo),
        )
        assert ref["originalSha256"] == ref["sealedSha256"] == sha256(photo)
        assert ref["signature"] is not None and report["device"]["algorithm"] == "Ed25519"
        assert {str(a) for a in store.declared_attachments(report_id)} == {
            ref["attachmentId"],
            ref["previewAttachmentId"],
            snapshot["attachmentId"],
        }
        uploads = {name: store.upload(ref[name]) for name in ("attachmentId", "previewAttachmentId")}
        sealed = {name: upload.blob.read_bytes() for name, upload in uploads.items() if upload and upload.blob}
        # And each is sealed to the report's own recipient alone (docs/crypto.md, "One recipient per
        # report"): one stanza, which the report's attachment identity opens and the reviewer's key does not
        assert report["attachmentIdentity"].startswith("AGE-SECRET-KEY-")
        for ciphertext in sealed.values():
            assert len(read_header(io.BytesIO(ciphertext)).stanzas) == 1
            with pytest.raises(AssertionError, match="identities"):
                open_as_reviewer(ciphertext)
        report_ciphertext = store.report_ciphertext(report_id)
        opened = {name: open_as_reviewer(ciphertext, report=report_ciphertext) for name, ciphertext in sealed.items()}
        assert opened["attachmentId"] == photo
        preview = opened["previewAttachmentId"]
        assert preview.startswith(b"\xff\xd8\xff") and len(preview) < len(photo) and MODEL.encode() not in preview

        # When the reviewer opens the report in the console
        console = reviewer_console(browser, server)
        row = console.locator(f'[data-testid="queue-row"][data-report-id="{report_id}"]')
        expect(row).to_have_attribute("data-state", "open", timeout=DECRYPT_TIMEOUT)
        detail = open_report(console, report_id)

        # Then the original shows, its decrypted SHA-256 that of the file picked, signed by this phone
        tile = detail.locator(f'[data-testid="photo"][data-attachment-id="{ref["attachmentId"]}"]')
        expect(tile).to_have_attribute("data-showing", "original", timeout=DECRYPT_TIMEOUT)
        expect(tile).to_have_attribute("data-hash-ok", "1")
        expect(tile.get_by_test_id("photo-decrypted-hash")).to_have_text(sha256(photo))
        expect(tile.get_by_test_id("photo-provenance")).to_have_attribute("data-provenance", "valid")
        # And the camera's own EXIF time and model, and that the file holds a GPS position, never where
        expect(tile.get_by_test_id("photo-exif-taken")).to_have_text(TAKEN_SHOWN, timeout=UI_TIMEOUT)
        expect(tile.get_by_test_id("photo-exif-camera")).to_have_text(f"{MAKE} {MODEL}")
        expect(tile.get_by_test_id("photo-exif-gps")).to_have_attribute("data-gps", "1")
        expect(tile).not_to_contain_text("43.2")
        expect(tile).not_to_contain_text("43,2")
        expect(tile.get_by_test_id("photo-source")).to_have_attribute("data-source", "gallery")
        assert phone.page_errors == []


def signed_photo(server: Any, photo: bytes, key: PhoneKey, *, signed_sha256: str) -> dict[str, Any]:
    """The photo uploaded as a phone does, its ref signed by `key` over `signed_sha256`."""
    ref: dict[str, Any] = {
        "attachmentId": upload_photo(server, photo),
        "originalSha256": sha256(photo),
        "sealedSha256": sha256(photo),
        "capturedAt": "2026-12-07T10:15:02.000+05:00",
        "fileTime": "2026-12-07T05:15:00.000Z",
        "downscaled": False,
        "width": None,
        "height": None,
        "mime": "image/jpeg",
        "bytes": len(photo),
        "source": "camera",
        "previewAttachmentId": None,
        "signature": None,
    }
    return ref | {"signature": key.sign(ref, signed_sha256)}


def test_a_photo_whose_bytes_are_not_those_signed_is_flagged(browser: Browser, tmp_path: Path) -> None:
    with serving_the_app(tmp_path / "server") as server:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.base_url)
        console = context.new_page()
        photo = camera_jpeg(console, 320, 240)
        phone_key = PhoneKey()
        # Given a report whose first photo is signed over its bytes, and whose second photo's bytes were
        # swapped after signing, its ref's hashes edited to match the new bytes
        genuine = signed_photo(server, photo, phone_key, signed_sha256=sha256(photo))
        swapped = signed_photo(server, photo, phone_key, signed_sha256=sha256(b"the photo the phone took"))
        first = seed_letter_v2() | {"otherPhotos": [genuine, swapped], "device": phone_key.device}
        sent = send_sealed_report(server, first, [genuine["attachmentId"], swapped["attachmentId"]])
        # And a later report from the same phone, whose photo's preview has arrived but not its original
        later_photo = signed_photo(server, photo, phone_key, signed_sha256=sha256(photo)) | {
            "attachmentId": str(uuid.uuid4()),
            "previewAttachmentId": upload_photo(server, photo),
        }
        later = seed_letter_v2() | {"otherPhotos": [later_photo], "device": phone_key.device}
        sent_later = send_sealed_report(
            server, later, [later_photo["previewAttachmentId"], later_photo["attachmentId"]]
        )

        # When the reviewer opens the first report
        reviewer_with_the_development_key(console, server)
        for report_id in (sent.report_id, sent_later.report_id):
            row = console.locator(f'[data-testid="queue-row"][data-report-id="{report_id}"]')
            expect(row).to_have_attribute("data-state", "open", timeout=DECRYPT_TIMEOUT)
        detail = open_report(console, sent.report_id)

        # Then the genuine photo reads as signed by this phone, the swapped one is flagged in red
        def tile(ref: dict[str, Any]) -> Any:
            return detail.locator(f'[data-testid="photo"][data-attachment-id="{ref["attachmentId"]}"]')

        expect(tile(genuine).get_by_test_id("photo-provenance")).to_have_attribute(
            "data-provenance", "valid", timeout=DECRYPT_TIMEOUT
        )
        flag = tile(swapped).get_by_test_id("photo-provenance")
        expect(flag).to_have_attribute("data-provenance", "invalid", timeout=DECRYPT_TIMEOUT)
        expect(flag).to_have_class("problem")
        expect(flag).to_contain_text("Подпись не совпадает")
        # Even though the hash in the (edited) ref matches what arrived
        expect(tile(swapped)).to_have_attribute("data-hash-ok", "1")

        # And the report names the other report signed by the same phone
        expect(detail.get_by_test_id("device-other")).to_have_attribute("data-report-id", sent_later.report_id)
        console.get_by_test_id("device-other").click()
        expect(console.get_by_test_id("report-detail")).to_have_attribute(
            "data-report-id", sent_later.report_id, timeout=UI_TIMEOUT
        )
        expect(console.get_by_test_id("device-other")).to_have_attribute("data-report-id", sent.report_id)
        # Where the preview stands in for the original still on its way, unverified until it arrives
        later_tile = console.locator(f'[data-testid="photo"][data-attachment-id="{later_photo["attachmentId"]}"]')
        expect(later_tile).to_have_attribute("data-showing", "preview", timeout=DECRYPT_TIMEOUT)
        expect(later_tile.get_by_test_id("photo-preview-note")).to_be_visible()
        expect(later_tile.get_by_test_id("photo-provenance")).to_have_count(0)
