"""A reviewer reads reports in the console organised by person (issue 17), in Chromium.

The seed letter's detention of Aydir Masanov as a v2 report, beside a v1 report sealed before v2 and
an addition to the first: a lawyer checks that each fact sits under the right person with how the
reporter knows it, that an unanswered question does not read as a "don't know", and that a v1
report still opens. The reports are sealed here, in Python, to the development reviewer's
recipient and sent over the intake API, as in test_review_dossier.py.
"""

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

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


def v1_detention() -> dict[str, Any]:
    """A v1 report of one victim's detention, its form's pre-selected "unknown" left as it was."""
    return seed_report(
        account="Забрали соседа утром.",
        kinds=["detention"],
        victims=[{"id": "v1", "name": "Хасан", "age": 67, "sex": "male", "relationToReporter": None, "health": None}],
        detention={
            "when": {"precision": "exact", "value": "2020-04-28T06:00"},
            "takenTo": "Кордайский РОВД",
            "paperwork": {
                "detentionRecord": "no",
                "warrant": "unknown",
                "inventory": "unknown",
                "familyNotified": "unknown",
                "chargesTold": "unknown",
                "lawyerAllowed": "unknown",
            },
            "releasedAt": None,
            "whereaboutsUnknown": False,
        },
        harmToRelatives=[{"who": "его жена", "what": "health_crisis", "when": None, "details": "упала в обморок"}],
    )


def addition_to(report_id: str) -> dict[str, Any]:
    """More details of the seed letter's report, with a photo of the house the family does not let be used."""
    photo = {
        "attachmentId": str(uuid.uuid4()),
        "originalSha256": "a" * 64,
        "sealedSha256": "a" * 64,
        "capturedAt": None,
        "downscaled": False,
        "width": None,
        "height": None,
    }
    letter = seed_letter_v2()
    return letter | {
        "addsTo": report_id,
        "account": "Ещё: забрали телефон.",
        "consent": letter["consent"] | {"photograph": False},
        "otherPhotos": [photo],
    }


def fact(scope: Locator, label: str) -> Locator:
    """The value beside `label` in a list of facts (the first such label within `scope`)."""
    return scope.locator(".facts > div", has=scope.page.locator("dt", has_text=label)).first.locator("dd")


def open_report(console: Page, report_id: str) -> Locator:
    console.get_by_test_id("nav-queue").click()
    console.locator(f'[data-testid="queue-row"][data-report-id="{report_id}"]').click()
    detail = console.get_by_test_id("report-detail")
    expect(detail).to_have_attribute("data-report-id", report_id, timeout=UI_TIMEOUT)
    return detail


def test_a_lawyer_reads_the_seed_letter_by_person(browser: Browser, tmp_path: Path) -> None:
    with serving_the_app(tmp_path / "server") as server:
        # Given the seed letter's report, a v1 report sealed before v2, and an addition to the first
        letter = seed_letter_v2()
        v2 = send_report(server, letter, [])
        v1 = send_report(server, v1_detention(), [])
        added = send_report(server, addition_to(v2.report_id), [])

        # When the reviewer opens the queue with the development key
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.base_url)
        console = context.new_page()
        errors: list[str] = []
        console.on("pageerror", lambda error: errors.append(str(error)))
        reviewer_with_the_development_key(console, server)
        for sent in (v1, v2, added):
            row = console.locator(f'[data-testid="queue-row"][data-report-id="{sent.report_id}"]')
            expect(row).to_have_attribute("data-state", "open", timeout=DECRYPT_TIMEOUT)

        # And opens the seed letter's report
        detail = open_report(console, v2.report_id)

        # Then Aydir Masanov has his own card, with his age at the time from his birth year
        aydir = console.locator('[data-testid="person-card"][data-person-id="aydir"]')
        expect(aydir.locator("h2")).to_contain_text("Масанов Айдыр")
        expect(fact(aydir, "Возраст на время событий")).to_have_text("около 34 (по году рождения)")
        expect(aydir).to_have_attribute("data-elderly", "0")

        # And under it, the 14-hour night interrogation without a lawyer, the confession to the murder
        # demanded, as the victim told the reporter
        interrogation = aydir.locator('[data-testid="person-act"][data-act-type="interrogation"]')
        expect(interrogation).to_have_count(1)
        expect(fact(interrogation, "Сколько часов")).to_have_text("14")
        expect(fact(interrogation, "Ночью")).to_have_text("да")
        expect(fact(interrogation, "Требовали признаться")).to_have_text("да")
        expect(fact(interrogation, "В каком преступлении")).to_have_text("убийство жителя села Касык")
        expect(fact(interrogation, "Откуда известно")).to_have_text("со слов пострадавшего(ей)")
        expect(fact(interrogation, "Кто это сделал")).to_have_text("Полиция, Кордайский РОВД, 5 чел.")

        # And the bag over the head, with its source; and his detention, which his sister saw herself
        beating = aydir.locator('[data-testid="person-act"][data-act-type="ill_treatment"]')
        expect(beating.locator('[data-method="bag_over_head"]')).to_have_text("пакет на голову")
        expect(fact(beating, "Откуда известно")).to_have_text("со слов пострадавшего(ей)")
        detention = aydir.locator('[data-testid="person-act"][data-act-type="detention"]')
        expect(fact(detention, "Откуда известно")).to_have_text("видел(а) сам(а)")
        expect(aydir.get_by_test_id("injury-item")).to_have_count(1)
        expect(aydir.get_by_test_id("person-medical")).to_have_count(1)

        # And in time order: taken, questioned, beaten
        acts = aydir.get_by_test_id("person-act")
        expect(acts).to_have_count(3)
        assert [acts.nth(i).get_attribute("data-act-type") for i in range(3)] == [
            "detention",
            "interrogation",
            "ill_treatment",
        ]

        # And his sister, who reports, has none of it; nothing is tied to nobody
        sister = console.locator('[data-testid="person-card"][data-person-id="sister"]')
        expect(sister).to_contain_text("это сам сообщающий")
        expect(sister.get_by_test_id("person-act")).to_have_count(0)
        expect(console.get_by_test_id("untied-items")).to_have_count(0)

        # And a question never answered does not read like the "don't know" the reporter gave
        unanswered = fact(detention, "Составили опись вещей").locator("[data-answer]")
        dont_know = fact(interrogation, "Подписал(а) признание").locator("[data-answer]")
        expect(unanswered).to_have_attribute("data-answer", "unanswered")
        expect(unanswered).to_have_text("— не спрашивали / нет ответа")
        expect(dont_know).to_have_attribute("data-answer", "dont_know")
        expect(dont_know).to_have_text("не знает")
        look = "e => { const s = getComputedStyle(e); return [s.color, s.fontStyle].join(' ') }"
        assert unanswered.evaluate(look) != dont_know.evaluate(look)

        # And the safeguards answered "no" are marked, once each
        for field in ("detention.policeIdShown", "detention.familyNotified", "interrogation.lawyerPresent"):
            violation = console.locator(f'[data-testid="paperwork-violation"][data-field="{field}"]')
            expect(violation).to_have_count(1)
        # but the "warrant" this older report answered is information: detaining a suspect needs none
        expect(fact(detention, "Показали бумагу, почему забирают")).to_have_text("нет")
        expect(console.locator('[data-testid="paperwork-violation"][data-field="detention.warrant"]')).to_have_count(0)

        # And names may not go to the Government: the family said "don't know", only a "yes" permits
        expect(console.get_by_test_id("names-warning")).to_contain_text("Имена НЕ передавать Правительству")
        expect(detail).to_contain_text("требовали признаться в убийстве")

        # And the addition is listed on the original, and leads to it and back
        expect(console.get_by_test_id("additions-list")).to_contain_text(added.report_id[:8])
        console.locator(f'[data-testid="report-link"][data-report-id="{added.report_id}"]').click()
        expect(detail).to_have_attribute("data-report-id", added.report_id, timeout=UI_TIMEOUT)
        expect(console.get_by_test_id("adds-to")).to_contain_text(f"Дополнение к сообщению {v2.report_id[:8]}")
        # (whose photo the family did not let be used: said beside it)
        expect(console.get_by_test_id("photos-no-consent")).to_contain_text("Нет согласия на использование фото")
        consent = console.locator("section", has=console.get_by_test_id("consent"))
        expect(fact(consent, "Использовать фото")).to_have_text("нет")
        console.get_by_test_id("adds-to").get_by_test_id("report-link").click()
        expect(detail).to_have_attribute("data-report-id", v2.report_id, timeout=UI_TIMEOUT)

        # And the v1 report opens, its victim's detention under his card, v1's pre-selected "unknown"
        # read as unanswered and its "no" as a no
        open_report(console, v1.report_id)
        expect(detail).to_contain_text("Забрали соседа утром.")
        hasan = console.locator('[data-testid="person-card"][data-person-id="v1"]')
        expect(hasan).to_have_attribute("data-elderly", "1")
        taken = hasan.locator('[data-testid="person-act"][data-act-type="detention"]')
        expect(fact(taken, "Сообщили семье").locator("[data-answer]")).to_have_attribute("data-answer", "unanswered")
        # (its warrant, "unknown" too, is not shown at all: the console shows a warrant only where answered)
        expect(taken.locator("dt", has_text="Показали бумагу, почему забирают")).to_have_count(0)
        expect(
            console.locator('[data-testid="paperwork-violation"][data-field="detention.detentionRecord"]')
        ).to_have_count(1)
        # And the fainting of his wife, whom v1 did not list as a person, is kept apart, not dropped
        untied = console.get_by_test_id("untied-items")
        expect(untied.locator('[data-testid="person-act"][data-act-type="harm_to_relative"]')).to_contain_text(
            "упала в обморок"
        )
        expect(hasan.locator('[data-act-type="harm_to_relative"]')).to_have_count(0)
        assert errors == []
        context.close()
