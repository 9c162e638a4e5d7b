"""On a slow link the relative sees each photo's own progress (the small copy, then the original), and can
stop the original: the report counts as delivered with the small copy only, the server records the
withdrawal, and the reviewer reads that the relative chose not to send the original."""

import uuid

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.intake_store import IntakeStore
from tests.browser.phone import (
    UI_TIMEOUT,
    Phone,
    attach_photo,
    outbox_item,
    photo_file,
    png,
    send_report,
    write_a_search_report,
)
from tests.browser.test_review_dossier import DECRYPT_TIMEOUT, reviewer_with_the_development_key
from tests.browser.test_review_report_v2 import open_report
from tests.support.fault_proxy import Fault, FaultProxy
from tests.support.polling import wait_until
from tests.support.server import RunningServer

pytestmark = pytest.mark.browser

SLOW_UPLINK = 60_000  # bytes per second for uploads: the 1.4 MB original takes about 25 s


def test_each_photo_shows_its_own_progress_and_the_original_can_be_stopped(
    phone: Phone, proxy: FaultProxy, reporter_server: RunningServer, browser: Browser
) -> None:
    # Given a relative on a slow uplink, with a photo over 1 MB (the phone sends a small copy first)
    photo = png(800, 600, seed=21)
    assert len(photo) > 1024 * 1024
    page = phone.open(proxy.base_url)
    proxy.set(Fault.throttle(SLOW_UPLINK, method="PATCH", path_prefix="/api/v1/uploads/"))

    def tell_with_a_photo(page: Page) -> None:
        page.get_by_test_id("account-text").fill("Разбили окна, фото двора.")
        attach_photo(page, photo_file("IMG_0021.png", photo), downscale=False)

    write_a_search_report(page, tell_with_a_photo)
    report_id = send_report(page)
    item = outbox_item(page, report_id)

    # Then the outbox names the small copy and the original, and the original shows its own percentage
    small_copy = item.locator('[data-testid="outbox-attachment"][data-role="preview"]')
    original = item.locator('[data-testid="outbox-attachment"][data-role="original"]')
    expect(small_copy).to_contain_text("Фото 1, маленькая копия", timeout=UI_TIMEOUT)
    expect(original).to_have_attribute("data-state", "sending", timeout=30_000)
    expect(original).to_contain_text("Фото 1, оригинал: отправляется")
    expect(small_copy).to_have_attribute("data-state", "sent")

    preview_id = small_copy.get_attribute("data-attachment-id")
    original_id = original.get_attribute("data-attachment-id")
    assert original_id is not None

    # When the relative stops the original, confirming
    original.get_by_test_id("stop-original").click()
    original.get_by_test_id("stop-original-yes").click()

    # Then the report counts as delivered, saying the original was not sent
    expect(item).to_have_attribute("data-state", "sent", timeout=UI_TIMEOUT)
    expect(item.get_by_test_id("outbox-stopped-note")).to_be_visible()

    # And the server holds the whole small copy, and not the whole original
    store = IntakeStore(reporter_server)
    declared = {str(attachment_id) for attachment_id in store.declared_attachments(report_id)}
    assert len(declared) == 2
    uploads = {attachment_id: store.upload(attachment_id) for attachment_id in declared}
    complete = {attachment_id for attachment_id, upload in uploads.items() if upload is not None and upload.complete}
    assert len(complete) == 1, uploads
    assert complete == {preview_id}
    # And it recorded that the relative withdrew the original
    wait_until(
        lambda: store.withdrawn_attachments(report_id) == {uuid.UUID(original_id)},
        timeout=UI_TIMEOUT / 1000,
        what="the server to record the withdrawal",
    )
    assert phone.page_errors == []

    # When a reviewer opens the report in the console
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=reporter_server.base_url)
    console = context.new_page()
    reviewer_with_the_development_key(console, reporter_server)
    row = console.locator(f'[data-testid="queue-row"][data-report-id="{report_id}"]')
    expect(row).to_have_attribute("data-state", "open", timeout=DECRYPT_TIMEOUT)
    detail = open_report(console, report_id)
    # Then the small copy stands for the photo, saying the relative chose not to send the original
    tile = detail.locator(f'[data-testid="photo"][data-attachment-id="{original_id}"]')
    expect(tile).to_have_attribute("data-showing", "preview", timeout=DECRYPT_TIMEOUT)
    expect(tile).to_have_attribute("data-original", "withdrawn")
    expect(tile.get_by_test_id("photo-preview-note")).to_have_text("Превью: родственник решил не отправлять оригинал")
    context.close()
