"""A relative sends papers from the phone; a reviewer reads them in the console (issue 18, documents).

The relative photographs a detention record page by page (three pages, picked from the gallery in
order) and attaches the answer to a complaint as a PDF. The server holds neither in the clear. The
reviewer, whose key is on the development list, sees both under their types: the three pages in
order, each decrypted in the browser, and the PDF with its pages drawn by pdf.js under the CSP, its
hash checked and the phone's signature verified.
"""

import hashlib
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.app_server import serving_the_app
from tests.browser.intake_store import IntakeStore
from tests.browser.phone import UI_TIMEOUT, Phone, fill_in_report, fingerprint, outbox_item, png, send_report
from tests.browser.test_review_dossier import DECRYPT_TIMEOUT, reviewer_with_the_development_key

pytestmark = pytest.mark.browser


def two_page_pdf(canary: str) -> bytes:
    """A valid PDF of two A5 pages, each a filled rectangle (no fonts needed), with `canary` in a comment."""
    pages = [b"0.8 0.1 0.1 rg 40 40 200 300 re f", b"0.1 0.1 0.8 rg 120 200 250 150 re f"]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(pages[0]), pages[0]),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /Contents 6 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(pages[1]), pages[1]),
    ]
    out = b"%PDF-1.4\n%% " + canary.encode() + b"\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def relative_adds_documents(page: Page, pages: list[bytes], pdf: bytes) -> None:
    """On the Documents step: a three-page detention record from the gallery, then an answer as a PDF."""
    page.get_by_test_id("doc-add").click()
    record = page.get_by_test_id("doc-item").nth(0)
    record.get_by_test_id("doc-type").select_option("detention_protocol")
    record.get_by_test_id("doc-caption").fill("Дали сыну в РОВД")
    files = [{"name": f"IMG_02{n}.png", "mimeType": "image/png", "buffer": data} for n, data in enumerate(pages)]
    record.get_by_test_id("doc-page-gallery").set_input_files(files)
    expect(record.get_by_test_id("doc-page")).to_have_count(3, timeout=30_000)
    expect(record.get_by_test_id("doc-page").nth(2)).to_contain_text("Страница 3")

    page.get_by_test_id("doc-add").click()
    answer = page.get_by_test_id("doc-item").nth(1)
    answer.get_by_test_id("doc-type").select_option("complaint_answer")
    # A photo handed to the PDF picker is refused, saying so
    answer.get_by_test_id("doc-pdf").set_input_files(
        {"name": "scan.pdf", "mimeType": "application/pdf", "buffer": pages[0]}
    )
    expect(answer.get_by_test_id("doc-pdf-status")).to_contain_text("не файл PDF", timeout=UI_TIMEOUT)
    answer.get_by_test_id("doc-pdf").set_input_files(
        {"name": "otvet-prokuratury.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    expect(answer.get_by_test_id("doc-pdf-attached")).to_contain_text("otvet-prokuratury.pdf", timeout=30_000)


def test_a_relative_sends_papers_and_a_reviewer_reads_them_page_by_page(
    phone: Phone, browser: Browser, tmp_path: Path
) -> None:
    with serving_the_app(tmp_path / "server") as server:
        store = IntakeStore(server)
        pages = [png(90, 120, seed=seed) for seed in (31, 32, 33)]
        canary = f"KUA-CANARY-{uuid.uuid4().hex}"
        pdf = two_page_pdf(canary)

        # Given a relative who reports a detention and adds the papers they hold
        page = phone.open(server.base_url)
        page.get_by_test_id("new-report").click()
        fill_in_report(
            page,
            {
                "kind-detention": lambda page: page.get_by_test_id("kind-detention").check(),
                "doc-add": lambda page: relative_adds_documents(page, pages, pdf),
                "consent-record": lambda page: page.get_by_test_id("consent-record").check(),
            },
        )
        # Then the review lists both documents, with the pages counted
        summary = page.get_by_test_id("review-summary")
        expect(summary).to_contain_text("Протокол задержания, 3 страницы")
        expect(summary).to_contain_text("Ответ на жалобу, PDF")

        # When the relative sends the report, and it arrives
        report_id = send_report(page)
        expect(outbox_item(page, report_id)).to_have_attribute("data-state", "sent", timeout=60_000)

        # Then the server holds no page and no PDF in the clear, and counts the four attachments
        leaked = {f"page {n}": fingerprint(data) for n, data in enumerate(pages, start=1)}
        assert store.where_found(leaked | {"the PDF": canary.encode()}) == []
        assert len(store.declared_attachments(report_id)) == 4

        # When the reviewer opens the report in the console
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.base_url)
        console = context.new_page()
        problems: list[str] = []
        console.on("pageerror", lambda error: problems.append(str(error)))
        console.on(
            "console", lambda message: "Content Security Policy" in message.text and problems.append(message.text)
        )
        reviewer_with_the_development_key(console, server)
        row = console.locator(f'[data-testid="queue-row"][data-report-id="{report_id}"]')
        expect(row).to_have_attribute("data-state", "open", timeout=DECRYPT_TIMEOUT)
        row.click()
        section = console.get_by_test_id("documents-section")
        expect(section).to_be_visible(timeout=UI_TIMEOUT)

        # Then the detention record comes first (the phone's order of types), then the answer
        groups = section.get_by_test_id("doc-group")
        expect(groups).to_have_count(2)
        expect(groups.nth(0)).to_have_attribute("data-type", "detention_protocol")
        expect(groups.nth(0).locator("h3")).to_have_text("Протокол задержания")
        expect(groups.nth(1)).to_have_attribute("data-type", "complaint_answer")
        expect(groups.nth(0)).to_contain_text("Дали сыну в РОВД")

        # And the three pages in the order photographed, each the very image sealed (its decrypted SHA-256)
        shown = groups.nth(0).get_by_test_id("doc-view-page")
        expect(shown).to_have_count(3)
        for n, data in enumerate(pages, start=1):
            tile = shown.nth(n - 1)
            expect(tile).to_have_attribute("data-page", str(n))
            expect(tile).to_contain_text(f"Страница {n} из 3")
            expect(tile.get_by_test_id("doc-hash")).to_have_attribute("data-hash-ok", "1", timeout=DECRYPT_TIMEOUT)
            expect(tile).to_have_attribute("data-sha256", hashlib.sha256(data).hexdigest())
            expect(tile.locator("img")).to_be_visible()
            # Each page signed by the phone when it was photographed
            expect(tile.get_by_test_id("doc-provenance")).to_have_attribute("data-verdict", "valid")

        # And the PDF: decrypted, its hash checked, signed by the phone, both pages drawn under the CSP
        pdf_view = groups.nth(1).get_by_test_id("doc-view-pdf")
        expect(pdf_view.get_by_test_id("doc-hash")).to_have_attribute("data-hash-ok", "1", timeout=DECRYPT_TIMEOUT)
        expect(pdf_view.get_by_test_id("doc-provenance")).to_have_attribute("data-verdict", "valid")
        expect(pdf_view.get_by_test_id("doc-pdf-open")).to_be_visible()
        drawn = pdf_view.locator('[data-testid="doc-pdf-page"][data-drawn="1"]')
        expect(drawn).to_have_count(2, timeout=DECRYPT_TIMEOUT)
        expect(pdf_view).to_contain_text("Страница 2 из 2")
        assert problems == []
        context.close()
