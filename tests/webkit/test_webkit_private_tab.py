"""A relative on an iPhone's private tab (issue 22): WebKit refuses Blobs in IndexedDB there, so everything the
app keeps is bytes. A report with a photo is sealed, queued, sent and receipted like anywhere else.
"""

import hashlib
import json
from pathlib import Path

import pytest

from tests.browser.intake_store import IntakeStore, open_as_reviewer
from tests.browser.photos import png
from tests.browser.seized import canary
from tests.support.fault_proxy import FaultProxy
from tests.support.server import RunningServer
from tests.webkit.relative import (
    an_installed_app,
    receipt,
    store_counts,
    the_network_drops,
    the_network_returns,
    the_relative_writes_a_report,
    the_report_is,
)
from tests.webkit.webkit_phone import WebKitPhone

pytestmark = pytest.mark.webkit


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_report_with_a_photo_is_queued_and_sent_from_a_private_tab(
    private_webkit_phone: WebKitPhone, proxy: FaultProxy, reporter_server: RunningServer, tmp_path: Path
) -> None:
    photo = tmp_path / "IMG_0003.png"
    photo.write_bytes(png(48, 64, seed=23))
    words = canary()
    # Given a relative who opened the app in a private tab, whose network drops while they write
    screen = an_installed_app(private_webkit_phone, proxy)
    the_network_drops(proxy)
    # When they write a report with a photo and send it
    report_id = the_relative_writes_a_report(screen, f"Его забрали ночью. {words}", photo)
    # Then it waits in the outbox, sealed with its photo
    the_report_is(screen, report_id, "waiting")
    counts = store_counts(screen) or {}
    assert (counts.get("outbox"), counts.get("uploads")) == (1, 1), counts
    # When the network comes back, it is sent, and the receipt is for what the server stored
    the_network_returns(proxy)
    the_report_is(screen, report_id, "sent")
    screen.shown("receipt")
    store = IntakeStore(reporter_server)
    stored = store.report_ciphertext(report_id)
    assert stored is not None, "the server has no report under the id the phone showed"
    assert receipt(screen, report_id) == {"sha256": sha256(stored), "attachments": 1}
    assert words in json.loads(open_as_reviewer(stored))["account"]
    # And the photo arrived whole, opening to the very bytes picked
    [attachment_id] = store.declared_attachments(report_id)
    upload = store.upload(str(attachment_id))
    assert upload is not None and upload.complete and upload.blob is not None, f"upload {attachment_id}"
    assert open_as_reviewer(upload.blob.read_bytes(), report=stored) == photo.read_bytes()
