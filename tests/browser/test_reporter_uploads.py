"""A photo's upload loses its connection halfway: the phone resumes where the server's offset stands."""

import hashlib
import random

import pytest
from playwright.sync_api import Page, expect

from tests.browser.intake_store import IntakeStore, open_as_reviewer
from tests.browser.phone import (
    Phone,
    attach_photo,
    outbox_item,
    send_report,
    write_a_search_report,
)
from tests.support.fault_proxy import Fault, FaultProxy
from tests.support.figures import Figures
from tests.support.server import RunningServer

pytestmark = pytest.mark.browser

CUT_AFTER = 1_500_000  # bytes of PATCH bodies: past the first 1 MiB chunk, in the middle of the second
CHUNK = 1024 * 1024  # the app's tus chunk (frontend/src/reporter/sync/tus.ts)


def test_a_photo_upload_cut_midway_resumes_where_it_stopped(
    phone: Phone, proxy: FaultProxy, reporter_server: RunningServer, figures: Figures
) -> None:
    # A 3 MB HEIC, which the browser cannot decode: no preview is sent before it (docs/media.md), so the
    # cut falls inside this photo's own upload
    photo = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + random.Random(3).randbytes(3_000_000)
    page = phone.open(proxy.base_url)
    # Given a relative whose connection drops 1.5 MB into the upload of a photo
    proxy.set(Fault.cut_body(after_bytes=CUT_AFTER, method="PATCH", path_prefix="/api/v1/uploads/"))

    # When they send a report with the photo at full size
    def tell_with_a_photo(page: Page) -> None:
        page.get_by_test_id("account-text").fill("Обыск дома, забрали телефоны.")
        attach_photo(page, {"name": "IMG_0003.HEIC", "mimeType": "image/heic", "buffer": photo}, downscale=False)

    write_a_search_report(page, tell_with_a_photo)
    report_id = send_report(page)

    # Then the report is sent all the same, after one cut
    expect(outbox_item(page, report_id)).to_have_attribute("data-state", "sent", timeout=45_000)
    assert proxy.cuts == 1

    # And the upload went on from the server's offset, not from zero
    patches = [seen for seen in proxy.seen if seen.method == "PATCH"]
    cut = next(i for i, seen in enumerate(patches) if seen.body_bytes_forwarded < int(seen.headers["content-length"]))
    resumed_from = [int(seen.headers["upload-offset"]) for seen in patches[cut + 1 :]]
    assert resumed_from, "no PATCH after the cut"
    assert min(resumed_from) >= CHUNK, f"resumed from {resumed_from}: bytes acknowledged before the cut were sent again"

    # And the server holds the whole sealed photo, which opens to the photo byte for byte
    store = IntakeStore(reporter_server)
    [attachment_id] = store.declared_attachments(report_id)
    upload = store.upload(str(attachment_id))
    assert upload is not None and upload.complete and upload.blob is not None
    sealed = upload.blob.read_bytes()
    assert (len(sealed), hashlib.sha256(sealed).hexdigest()) == (upload.length, upload.sha256)
    assert open_as_reviewer(sealed, report=store.report_ciphertext(report_id)) == photo
    assert phone.page_errors == []
    sent = sum(seen.body_bytes_forwarded for seen in patches)
    figures.record(
        f"reporter app: {upload.length} B photo upload cut at {CUT_AFTER} B resumed from offset {resumed_from[0]}; "
        f"{sent} B sent in PATCH bodies ({sent / upload.length:.2f}x the file)"
    )
