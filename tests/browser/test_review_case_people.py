"""Two reports name the same man, spelled two ways: the console proposes that they are one person, the
reviewer confirms (once refused as stale, a colleague having saved the map first), and after a reload
the man's page lists the facts of both reports (issue 17).

The reports are sealed here, in Python, to the development reviewer's recipient and sent over the
intake API, as in test_review_dossier.py. What the server keeps of the decision is an age file.
"""

import base64
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from kua.crypto import age
from kua.crypto.padding import pad
from tests.browser.app_server import serving_the_app
from tests.browser.phone import UI_TIMEOUT
from tests.browser.test_review_dossier import (
    DECRYPT_TIMEOUT,
    PASSWORD,
    case_of,
    recipient,
    reviewer_with_the_development_key,
    send_report,
)
from tests.browser.test_review_report_v2 import seed_letter_v2

pytestmark = pytest.mark.browser


def the_monitors_report() -> dict[str, Any]:
    """A monitor's later report on the same man, his name in Latin letters and only his age known:
    beaten on the soles the next day, and a complaint to the prosecutor left unanswered."""
    report = copy.deepcopy(seed_letter_v2())
    aydir = report["people"][0] | {"fullName": "Aydir Masanov", "birthDate": None, "age": 34}
    beaten = report["acts"][2] | {
        "id": "soles",
        "when": {"precision": "exact", "value": "2020-04-29T15:00"},
        "methods": ["beating_soles", "threats_to_family"],
        "object": None,
        "duration": None,
        "details": "Били по пяткам, грозили матери.",
    }
    complaint = {
        "id": "to-prosecutor",
        "personIds": ["aydir"],
        "to": "Прокуратура Жамбылской области",
        "when": {"precision": "exact", "value": "2020-04-30"},
        "source": "saw_myself",
        "answered": "no",
        "answer": None,
    }
    reporter = report["reporter"] | {"role": "monitor", "personId": None, "relationToVictim": None}
    return report | {
        "reporter": reporter,
        "people": [aydir],
        "acts": [beaten],
        "injuries": [],
        "medical": [],
        "complaints": [complaint],
    }


def a_colleague_saves_an_empty_map(page: Page, case_id: str) -> None:
    """A people map without decisions, sealed to the reviewers and saved as version 1 over the review API."""
    csrf = page.request.get("/api/v1/review/session").json()["csrf_token"]
    document = {"format": "kua.people-map", "version": 1, "same": [], "different": []}
    sealed = age.encrypt_bytes(pad(json.dumps(document).encode()), [recipient()])
    saved = page.request.put(
        f"/api/v1/review/cases/{case_id}/people-map?expected_version=0",
        data=sealed,
        headers={"Content-Type": "application/octet-stream", "X-Kua-CSRF": csrf},
    )
    assert saved.status == 200, saved.text()


def open_the_case(console: Page, case_id: str) -> None:
    console.get_by_test_id("nav-cases").click()
    console.locator(f'[data-testid="case-row"][data-case-id="{case_id}"] button').click()
    expect(console.get_by_test_id("case-view")).to_be_visible(timeout=UI_TIMEOUT)
    expect(console.get_by_test_id("case-people")).to_have_attribute("data-ready", "1", timeout=DECRYPT_TIMEOUT)


def test_a_reviewer_gathers_one_man_named_in_two_reports(browser: Browser, tmp_path: Path) -> None:
    with serving_the_app(tmp_path / "server") as server:
        # Given the sister's report on "Масанов Айдыр", born 1986, and a monitor's on "Aydir Masanov", 34
        sister = send_report(server, seed_letter_v2(), [])
        monitor = send_report(server, the_monitors_report(), [])
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.base_url)
        console = context.new_page()
        errors: list[str] = []
        console.on("pageerror", lambda error: errors.append(str(error)))
        reviewer_with_the_development_key(console, server)
        rows = console.locator('[data-testid="queue-row"][data-state="open"]')
        expect(rows).to_have_count(2, timeout=DECRYPT_TIMEOUT)
        case_id = case_of(console, "Масанов, Сортобе", [sister.report_id, monitor.report_id])

        # When the reviewer opens the case
        open_the_case(console, case_id)

        # Then one proposal says the two are one man, and why; his sister is not proposed
        proposal = console.get_by_test_id("people-proposal")
        expect(proposal).to_have_count(1, timeout=DECRYPT_TIMEOUT)
        expect(proposal).to_contain_text("Масанов Айдыр")
        expect(proposal).to_contain_text("Aydir Masanov")
        expect(proposal.get_by_test_id("people-proposal-reason")).to_have_text(
            "то же имя, слова в другом порядке; родился в 1986, а в другом сообщении возраст 34"
        )
        expect(console.get_by_test_id("case-person")).to_have_count(3)

        # When a colleague saves the case's map first (no decision yet), and then the reviewer confirms
        a_colleague_saves_an_empty_map(console, case_id)
        proposal.get_by_test_id("people-confirm").click()

        # Then the reviewer's save is refused as stale, says so, and the proposal waits to be decided again
        expect(console.get_by_test_id("people-problem")).to_contain_text("Другой сотрудник", timeout=UI_TIMEOUT)
        expect(proposal).to_have_count(1)

        # When the reviewer confirms again, on top of the colleague's map
        proposal.get_by_test_id("people-confirm").click()

        # Then the proposal is gone and the man is one person named in both reports
        expect(proposal).to_have_count(0, timeout=UI_TIMEOUT)
        gathered = console.locator('[data-testid="case-person"][data-reports="2"]')
        expect(gathered).to_have_count(1)
        # (the case lists its reports by id: which of the two comes first is chance)
        for name in ("Масанов Айдыр", "Aydir Masanov", "1986"):
            expect(gathered).to_contain_text(name)
        expect(console.get_by_test_id("case-person")).to_have_count(2)

        # And the server kept the decision sealed: an age file without a name in it
        stored = console.request.get(f"/api/v1/review/cases/{case_id}/people-map").json()
        assert stored["version"] == 2
        sealed = base64.b64decode(stored["ciphertext"])
        assert sealed.startswith(b"age-encryption.org/v1\n")
        for plaintext in (b"aydir", sister.report_id.encode(), "Масанов".encode()):
            assert plaintext not in sealed

        # When the reviewer reloads the console, unlocks the key and opens the man's page
        console.reload()
        console.get_by_test_id("unlock-passphrase").fill(PASSWORD)
        console.get_by_test_id("unlock-submit").click()
        expect(rows).to_have_count(2, timeout=DECRYPT_TIMEOUT)
        open_the_case(console, case_id)
        expect(console.get_by_test_id("people-proposal")).to_have_count(0)
        gathered.get_by_test_id("case-person-open").click()

        # Then his page lists the facts of both reports, each with its report, when, where and source
        page = console.get_by_test_id("case-person-view")
        expect(page).to_have_attribute("data-ready", "1", timeout=DECRYPT_TIMEOUT)
        expect(page.locator("h1")).to_contain_text("Масанов Айдыр")
        expect(page.locator("h1")).to_contain_text("Aydir Masanov")
        from_sister = page.locator(f'[data-testid="person-report"][data-report-id="{sister.report_id}"]')
        from_monitor = page.locator(f'[data-testid="person-report"][data-report-id="{monitor.report_id}"]')
        expect(from_sister.get_by_test_id("person-identity")).to_contain_text("1986")
        detention = from_sister.locator('[data-testid="person-act"][data-act-type="detention"]')
        expect(detention).to_contain_text("Кордайский РОВД")
        expect(detention).to_contain_text("Видел(а) сам(а)")
        interrogation = from_sister.locator('[data-testid="person-act"][data-act-type="interrogation"]')
        expect(interrogation).to_contain_text("убийство жителя села Касык")
        expect(interrogation).to_contain_text("Рассказал(а) пострадавший(ая)")
        torture = from_sister.locator('[data-testid="person-act"][data-act-type="ill_treatment"]')
        expect(torture).to_contain_text("пакет на голову")
        expect(torture).to_contain_text("Полиция, Кордайский РОВД, 5")
        injury = from_sister.get_by_test_id("person-injury")
        expect(injury).to_contain_text("Верх спины (Сзади)")
        expect(injury).to_contain_text("синяк")
        expect(injury).to_contain_text("багровый")
        expect(from_sister.get_by_test_id("person-care")).to_contain_text("Справка о побоях")
        identity = from_monitor.get_by_test_id("person-identity")
        expect(identity).to_contain_text("Aydir Masanov")
        expect(identity).to_contain_text("Год рождения по возрасту1986")
        soles = from_monitor.locator('[data-testid="person-act"][data-act-type="ill_treatment"]')
        expect(soles).to_contain_text("били по пяткам")
        expect(soles).to_contain_text("Били по пяткам, грозили матери.")
        expect(from_monitor.get_by_test_id("person-complaint")).to_contain_text("Прокуратура Жамбылской области")
        assert errors == []
        context.close()
