"""A reviewer opens a `kua.report` v2 (docs/report-format.md) beside a v1 report, in Chromium.

Today's report screens read v1's shape; a v2 report is shown through its v1 view until the person
view of issue 17's phase B. The reports are sealed here, in Python, to the development reviewer's
recipient and sent over the intake API, as in test_review_dossier.py.
"""

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.app_server import serving_the_app
from tests.browser.phone import UI_TIMEOUT
from tests.browser.test_review_dossier import (
    DECRYPT_TIMEOUT,
    reviewer_with_the_development_key,
    seed_report,
    send_report,
)

pytestmark = pytest.mark.browser

EXAMPLES = Path(__file__).resolve().parents[2] / "frontend" / "src" / "shared" / "report" / "examples"


def seed_letter_v2() -> dict[str, Any]:
    """The seed letter's detention of Aydir Masanov as a v2 report (frontend/src/shared/report/examples)."""
    report: dict[str, Any] = json.loads((EXAMPLES / "seed-letter.v2.json").read_text(encoding="utf-8"))
    return report | {"reportId": str(uuid.uuid4())}


def test_a_v2_report_opens_beside_a_v1_report(browser: Browser, tmp_path: Path) -> None:
    with serving_the_app(tmp_path / "server") as server:
        # Given a v2 report of the seed letter's facts and a v1 report sealed before v2
        v2 = send_report(server, seed_letter_v2(), [])
        v1 = send_report(server, seed_report(account="Забрали соседа утром."), [])

        # When the reviewer opens the queue with the development key
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.base_url)
        console = context.new_page()
        errors: list[str] = []
        console.on("pageerror", lambda error: errors.append(str(error)))
        reviewer_with_the_development_key(console, server)

        # Then both open
        for sent in (v1, v2):
            row = console.locator(f'[data-testid="queue-row"][data-report-id="{sent.report_id}"]')
            expect(row).to_have_attribute("data-state", "open", timeout=DECRYPT_TIMEOUT)

        # And the v2 report shows its victim with the age from his birth year, the missing paperwork,
        # and the night interrogation without a lawyer
        console.locator(f'[data-testid="queue-row"][data-report-id="{v2.report_id}"]').click()
        detail = console.get_by_test_id("report-detail")
        expect(detail).to_have_attribute("data-report-id", v2.report_id, timeout=UI_TIMEOUT)
        expect(detail).to_contain_text("Масанов Айдыр")
        expect(detail).to_contain_text("34")
        expect(detail).to_contain_text("требовали признаться в убийстве")
        for field in ("detention.warrant", "detention.familyNotified", "interrogation.lawyerPresent"):
            violation = console.locator(f'[data-testid="paperwork-violation"][data-field="{field}"]')
            expect(violation).to_have_count(1)

        # And the v1 report reads as it always did
        console.get_by_test_id("nav-queue").click()
        console.locator(f'[data-testid="queue-row"][data-report-id="{v1.report_id}"]').click()
        expect(detail).to_have_attribute("data-report-id", v1.report_id, timeout=UI_TIMEOUT)
        expect(detail).to_contain_text("Забрали соседа утром.")
        assert errors == []
        context.close()
