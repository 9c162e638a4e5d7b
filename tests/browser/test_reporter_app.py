"""A relative reports from a village without signal: the report waits on the phone, sealed, and reaches the
coalition when the network comes back; the server stores only what it cannot read.

The phone is Debian's Chromium with a profile on disk; its network is a fault proxy in front of a real
`kua serve` (Playwright's offline switch does not reach the service worker, the proxy does).
"""

import hashlib
import json
import uuid
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.intake_store import IntakeStore, open_as_reviewer
from tests.browser.phone import (
    READY,
    UI_TIMEOUT,
    Phone,
    attach_photo,
    fill_in_report,
    fingerprint,
    outbox_ciphertext_bytes,
    outbox_item,
    photo_file,
    png,
    send_report,
    store_counts,
)
from tests.support.fault_proxy import Fault, FaultProxy
from tests.support.figures import Figures
from tests.support.polling import wait_until
from tests.support.server import RunningServer

pytestmark = pytest.mark.browser

JPEG_START = b"\xff\xd8\xff"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def the_network_drops(phone: Phone, proxy: FaultProxy) -> None:
    """No connection for the page nor for the service worker."""
    proxy.set(Fault.unreachable())
    phone.context.set_offline(True)


def the_network_returns(phone: Phone, proxy: FaultProxy) -> None:
    proxy.set(Fault.pass_through())
    phone.context.set_offline(False)


def tick(*testids: str) -> Callable[[Page], None]:
    def answer(page: Page) -> None:
        for testid in testids:
            page.get_by_test_id(testid).check()

    return answer


def choose(testid: str, value: str) -> Callable[[Page], None]:
    def answer(page: Page) -> None:
        page.get_by_test_id(testid).select_option(value)

    return answer


def test_a_relative_reports_offline_and_the_report_arrives_sealed(
    phone: Phone, proxy: FaultProxy, reporter_server: RunningServer, figures: Figures
) -> None:
    canary = f"KUA-CANARY-{uuid.uuid4().hex}"
    gps = f"KUA-GPS-{uuid.uuid4().hex}"
    injury_photo = png(64, 48, seed=1, text={"GPSLatitude": gps})  # the camera wrote where it was taken
    document_photo = png(48, 64, seed=2)

    # Given a relative who opened the app once while online (the service worker installed the app)
    page = phone.open(proxy.base_url)
    phone.wait_for_service_worker(page)

    # When the phone loses its network and the app is opened again
    the_network_drops(phone, proxy)
    page.reload()
    page.wait_for_selector(READY, state="attached", timeout=20_000)
    # Then the app still starts, from what the service worker keeps
    expect(page.get_by_test_id("new-report")).to_be_visible(timeout=UI_TIMEOUT)

    # When the relative writes a report: detention and torture in Sortobe, of their son Айдыр born in 1990,
    # no detention record drawn up, a bruise on the chest with a photo, what happened in their own words with a photo
    # of a paper, consent to record
    def mark_an_injury(page: Page) -> None:
        box = page.get_by_test_id("body-front").bounding_box()
        assert box is not None
        page.get_by_test_id("body-front").click(position={"x": box["width"] * 0.5, "y": box["height"] * 115 / 460})
        page.get_by_test_id("injury-type").select_option("bruise")
        page.get_by_test_id("injury-size").fill("3")
        attach_photo(page, photo_file("IMG_0001.png", injury_photo), downscale=True)

    def tell_what_happened(page: Page) -> None:
        page.get_by_test_id("account-text").fill(f"Его забрали ночью, без ордера. {canary}")
        attach_photo(page, photo_file("IMG_0002.png", document_photo), downscale=False)

    def name_the_son(page: Page) -> None:
        page.get_by_test_id("person-name-1").fill("Айдыр Масанов")
        page.get_by_test_id("person-role-1-victim").check()
        page.get_by_test_id("person-birth-year-1").fill("1990")

    page.get_by_test_id("new-report").click()
    fill_in_report(
        page,
        {
            "kind-detention": tick("kind-detention", "kind-torture"),
            "consent-record": tick("consent-record"),
            "village-select": choose("village-select", "sortobe"),
            "person-name-1": name_the_son,
            "detention-1-detentionRecord-no": tick("detention-1-detentionRecord-no"),
            "body-front": mark_an_injury,
            "account-text": tell_what_happened,
        },
    )
    report_id = send_report(page)
    # Then the report waits in the outbox
    expect(outbox_item(page, report_id)).to_have_attribute("data-state", "waiting", timeout=UI_TIMEOUT)

    # When they close the browser and open the app again the next day, still without network
    phone.close()
    page = phone.open(proxy.base_url, offline=True)
    # Then the report is still waiting
    expect(outbox_item(page, report_id)).to_have_attribute("data-state", "waiting", timeout=UI_TIMEOUT)

    # When the network comes back
    the_network_returns(phone, proxy)
    # Then the report is sent and its receipt shows
    expect(outbox_item(page, report_id)).to_have_attribute("data-state", "sent", timeout=30_000)
    expect(page.get_by_test_id("receipt")).to_have_count(1, timeout=UI_TIMEOUT)

    # And nothing the server wrote (database, blobs, staging, log) holds the words, the place or a photo
    store = IntakeStore(reporter_server)
    leaks = {
        "the account": canary.encode(),
        "the photo's GPS": gps.encode(),
        "the injury photo": fingerprint(injury_photo),
        "the document photo": fingerprint(document_photo),
    }
    assert store.where_found(leaks) == []

    # And the development reviewer opens the stored report to what the relative wrote
    ciphertext = store.report_ciphertext(report_id)
    assert ciphertext is not None, "the server has no report under the id the phone showed"
    report = json.loads(open_as_reviewer(ciphertext))
    assert (report["format"], report["version"], report["reportId"]) == ("kua.report", 2, report_id)
    assert {"detention", "torture"} <= set(report["kinds"])
    assert report["where"]["village"] == "sortobe"
    assert canary in report["account"]
    assert report["consent"]["record"] is True
    [son] = report["people"]
    assert (son["fullName"], son["birthDate"], son["roles"]) == ("Айдыр Масанов", "1990", ["victim"])
    # With one person in the report, the detention and the injury are his without being asked
    [detention] = [act for act in report["acts"] if act["type"] == "detention"]
    assert (detention["personIds"], detention["detentionRecord"]) == ([son["id"]], "no")
    [injury] = report["injuries"]
    assert (injury["side"], injury["region"], injury["type"], injury["sizeCm"]) == ("front", "chest", "bruise", 3)
    assert injury["personId"] == son["id"]
    [injury_ref] = injury["photos"]
    [document_ref] = report["otherPhotos"]
    assert store.declared_attachments(report_id) == {
        uuid.UUID(injury_ref["attachmentId"]),
        uuid.UUID(document_ref["attachmentId"]),
    }

    # And each photo was received whole and opens to what was sealed: the paper byte for byte, the
    # injury photo re-encoded without the camera's GPS
    opened = {}
    for ref in (injury_ref, document_ref):
        upload = store.upload(ref["attachmentId"])
        assert upload is not None and upload.complete and upload.blob is not None, f"upload {ref['attachmentId']}"
        sealed = upload.blob.read_bytes()
        assert (len(sealed), sha256(sealed)) == (upload.length, upload.sha256)
        opened[ref["attachmentId"]] = open_as_reviewer(sealed, report=ciphertext)
        assert sha256(opened[ref["attachmentId"]]) == ref["sealedSha256"]
    assert opened[document_ref["attachmentId"]] == document_photo
    assert (document_ref["downscaled"], document_ref["originalSha256"]) == (False, sha256(document_photo))
    assert document_ref["sealedSha256"] == sha256(document_photo)
    injury_plaintext = opened[injury_ref["attachmentId"]]
    assert (injury_ref["downscaled"], injury_ref["originalSha256"]) == (True, sha256(injury_photo))
    assert injury_plaintext.startswith(JPEG_START) and gps.encode() not in injury_plaintext

    # And the phone keeps only the receipt: no draft, no sealed report, no sealed photo
    counts = store_counts(page)
    assert counts is not None
    kept = {name: counts.get(name) for name in ("drafts", "outbox", "attachments", "uploads", "receipts")}
    assert kept == {"drafts": 0, "outbox": 0, "attachments": 0, "uploads": 0, "receipts": 1}
    assert phone.page_errors == []
    figures.record(
        f"reporter app: report sealed offline, {len(ciphertext)} B sent with 2 photos "
        f"({len(document_photo)} B kept as is, {len(injury_photo)} B re-encoded to {len(injury_plaintext)} B)"
    )


def test_a_captive_portal_page_is_not_taken_for_a_receipt(
    phone: Phone, proxy: FaultProxy, reporter_server: RunningServer
) -> None:
    store = IntakeStore(reporter_server)
    # Given a relative on a cafe's Wi-Fi that answers every report upload with its login page (200 OK)
    proxy.set(Fault.captive_portal(method="PUT", path_prefix="/api/v1/reports/"))
    page = phone.open(proxy.base_url)

    # When they send a short report
    page.get_by_test_id("new-report").click()
    fill_in_report(page, {"kind-threats": tick("kind-threats"), "consent-record": tick("consent-record")})
    report_id = send_report(page)
    wait_until(
        lambda: any(seen.method == "PUT" and seen.fault == "answer" for seen in proxy.seen),
        timeout=20,
        what="the report's PUT",
        interval=0.1,
    )

    # Then the login page counts for nothing: the report still waits, sealed, and no receipt shows
    expect(outbox_item(page, report_id)).to_have_attribute("data-state", "waiting", timeout=UI_TIMEOUT)
    expect(page.get_by_test_id("receipt")).to_have_count(0, timeout=UI_TIMEOUT)
    assert (outbox_ciphertext_bytes(page, report_id) or 0) > 0, "the phone dropped the sealed report"
    counts = store_counts(page)
    assert counts is not None and counts.get("receipts") == 0
    assert store.report_ciphertext(report_id) is None

    # When they accept the Wi-Fi's terms and tap Send now
    proxy.set(Fault.pass_through())
    page.get_by_test_id("send-now").click()
    # Then the kept report is sent, and the server holds it
    expect(outbox_item(page, report_id)).to_have_attribute("data-state", "sent", timeout=30_000)
    assert store.report_ciphertext(report_id) is not None
    assert phone.page_errors == []
