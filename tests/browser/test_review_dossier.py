"""A reviewer builds a case's dossier in the console: the facts of two reports (one with a photo of an
injury), the injuries table with the photo's SHA-256, the source reports, and the two appeal drafts,
in Russian and in English, printed without the console around it.

The fastest setup: the reports and the photo are sealed here, in Python, to the development reviewer's
recipient (as phones seal them) and sent over the intake API; the reviewer imports that key.
"""

import base64
import hashlib
import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, Request, expect

from kua.crypto import age
from kua.crypto.keys import identity_to_recipient, parse_recipient
from kua.crypto.padding import pad
from kua.intake.reporter_tokens import digest as token_digest
from tests.browser.app_server import serving_the_app
from tests.browser.intake_store import REVIEWER_IDENTITY
from tests.browser.phone import UI_TIMEOUT, png
from tests.browser.reviewer import accept_invitation, invitation_path
from tests.support.server import RunningServer

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
DECRYPT_TIMEOUT = 30_000
TUS = {"Tus-Resumable": "1.0.0"}
# What the console may ask the server for while it builds a dossier: the existing reads, the case's
# saved drafts, and each report's follow-ups and notes (the families' answers and the recordings'
# transcripts the drafts quote), nothing new (the case view it opens from may still be reading the
# case's people map). Every one of them is a read the report's own page makes too.
DOSSIER_READS = re.compile(
    r"^/api/v1/review/(cases|cases/[0-9a-f-]+/(people-map|drafts)|session|reports(\?.*)?|reports/ciphertexts|"
    r"reports/[0-9a-f-]+|reports/[0-9a-f-]+/(followups|notes)|followups/[0-9a-f-]+/ciphertext|"
    r"attachments/[0-9a-f-]+/ciphertext)$"
)


@dataclass(frozen=True)
class SentReport:
    report_id: str
    sha256: str


def recipient() -> Any:
    identity = REVIEWER_IDENTITY.read_text(encoding="utf-8").split()[-1]
    return parse_recipient(identity_to_recipient(identity))


def upload_photo(server: RunningServer, photo: bytes) -> str:
    """The photo sealed and sent over tus, as a phone does; its attachment id."""
    ciphertext = age.encrypt_bytes(pad(photo), [recipient()])
    attachment_id = str(uuid.uuid4())
    metadata = {"id": attachment_id, "sha256": hashlib.sha256(ciphertext).hexdigest()}
    encoded = ",".join(f"{key} {base64.b64encode(value.encode()).decode()}" for key, value in metadata.items())
    with httpx.Client(base_url=server.base_url, timeout=60) as client:
        created = client.post(
            "/api/v1/uploads/", headers={**TUS, "Upload-Length": str(len(ciphertext)), "Upload-Metadata": encoded}
        )
        assert created.status_code == 201, created.text
        sent = client.patch(
            created.headers["Location"],
            headers={**TUS, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"},
            content=ciphertext,
        )
        assert sent.status_code == 204, sent.text
    return attachment_id


def send_report(
    server: RunningServer,
    report: dict[str, Any],
    attachment_ids: list[str],
    *,
    recipients: list[str] | None = None,
    reporter_token: str | None = None,
) -> SentReport:
    """The report sealed (JSON, Padmé-padded, age) to the development reviewer, or to `recipients`, and PUT,
    as a phone sends it; with the digest of the phone's `reporter_token`, its family can answer questions.
    Its SHA-256 is the receipt's, checked against the ciphertext sent."""
    sealed_to = [recipient()] if recipients is None else [parse_recipient(text) for text in recipients]
    ciphertext = age.encrypt_bytes(pad(json.dumps(report, ensure_ascii=False).encode()), sealed_to)
    headers = {"Content-Type": "application/octet-stream"}
    if attachment_ids:
        headers["Kua-Attachment-Ids"] = ",".join(attachment_ids)
    if reporter_token is not None:
        headers["Kua-Reporter-Token-Sha256"] = token_digest(reporter_token)
    response = httpx.put(
        f"{server.base_url}/api/v1/reports/{report['reportId']}", content=ciphertext, headers=headers, timeout=60
    )
    assert response.status_code == 201, response.text
    receipt = str(response.json()["sha256"])
    assert receipt == hashlib.sha256(ciphertext).hexdigest()
    return SentReport(report["reportId"], receipt)


def seed_report(**changes: Any) -> dict[str, Any]:
    """A kua.report v1 with nothing known but what `changes` say (frontend/src/shared/report/model.ts)."""
    report: dict[str, Any] = {
        "format": "kua.report",
        "version": 1,
        "formVersion": 1,
        "reportId": str(uuid.uuid4()),
        "deviceTime": "2020-04-29T10:00:00+05:00",
        "language": "ru",
        "happeningNow": False,
        "reporter": {"role": "relative", "relationToVictim": None, "safeContact": None, "reprisalRisk": "unknown"},
        "consent": {"record": True, "photograph": True, "shareWithProsecutor": True, "shareWithUn": True},
        "kinds": [],
        "when": {"precision": "unknown", "value": None},
        "where": {"village": None, "other": None, "placeType": None, "gps": None},
        "account": None,
        "victims": [],
        "perpetrators": {
            "agency": None,
            "unit": None,
            "count": None,
            "clothing": None,
            "vehicles": None,
            "namesOrDescriptions": None,
        },
        "detention": None,
        "search": None,
        "interrogation": None,
        "torture": None,
        "injuries": [],
        "medical": None,
        "harmToRelatives": [],
        "otherPhotos": [],
    }
    return {**report, **changes}


def mother_report(photo: bytes, attachment_id: str) -> dict[str, Any]:
    """The seed letter's facts: an arrest in Sortobe without papers, 14 hours at night without a
    lawyer, a bag over the head, a bruise photographed."""
    digest = hashlib.sha256(photo).hexdigest()
    return seed_report(
        kinds=["detention", "interrogation", "torture", "paperwork"],
        when={"precision": "exact", "value": "2020-04-28T06:00"},
        where={"village": "sortobe", "other": None, "placeType": "home", "gps": None},
        victims=[
            {
                "id": "v1",
                "name": "Айдир Масанов",
                "age": None,
                "sex": "male",
                "relationToReporter": "сын",
                "health": None,
            }
        ],
        perpetrators={
            "agency": "Полиция",
            "unit": "Кордайский РОВД",
            "count": 5,
            "clothing": "both",
            "vehicles": None,
            "namesOrDescriptions": None,
        },
        detention={
            "when": {"precision": "exact", "value": "2020-04-28T06:00"},
            "takenTo": "Кордайский РОВД",
            "paperwork": {
                "detentionRecord": "no",
                "warrant": "no",
                "inventory": "unknown",
                "familyNotified": "unknown",
                "chargesTold": "no",
                "lawyerAllowed": "no",
            },
            "releasedAt": {"precision": "exact", "value": "2020-04-28T22:00"},
            "whereaboutsUnknown": False,
        },
        interrogation={
            "start": {"precision": "exact", "value": "2020-04-28T08:00"},
            "hours": 14,
            "atNight": "yes",
            "investigators": 5,
            "lawyerPresent": "no",
            "breaks": "no",
            "confessionDemanded": "yes",
            "confessionSigned": "unknown",
            "threats": None,
        },
        torture={"methods": ["bag_over_head"], "object": None, "details": None},
        injuries=[
            {
                "id": "injury-1",
                "victimId": "v1",
                "side": "front",
                "region": "left_upper_arm",
                "x": 0.72,
                "y": 0.34,
                "type": "bruise",
                "sizeCm": 4,
                "shape": None,
                "colour": "синий",
                "happened": {"precision": "exact", "value": "2020-04-28"},
                "firstSeen": None,
                "observedBy": None,
                "photos": [
                    {
                        "attachmentId": attachment_id,
                        "originalSha256": digest,
                        "sealedSha256": digest,
                        "capturedAt": "2020-04-29T05:15:00Z",
                        "downscaled": False,
                        "width": 64,
                        "height": 48,
                    }
                ],
            }
        ],
    )


def neighbour_report() -> dict[str, Any]:
    """A search in Sortobe since noon, no warrant shown."""
    return seed_report(
        kinds=["search"],
        when={"precision": "exact", "value": "2020-04-28T12:00"},
        where={"village": "sortobe", "other": None, "placeType": "home", "gps": None},
        search={
            "start": {"precision": "exact", "value": "2020-04-28T12:00"},
            "end": None,
            "warrantShown": "no",
            "itemsSeized": None,
            "inventoryGiven": "unknown",
            "present": None,
        },
    )


def reviewer_with_the_development_key(page: Page, server: RunningServer) -> None:
    """Accept an invitation and import the development reviewer's key (in the published list)."""
    accept_invitation(page, server, invitation_path(server, "Айгуль", "triager"), name="Айгуль", password=PASSWORD)
    page.get_by_test_id("key-passphrase").fill(PASSWORD)
    page.get_by_test_id("key-passphrase-repeat").fill(PASSWORD)
    page.get_by_test_id("key-import-file").set_input_files(str(REVIEWER_IDENTITY))
    page.get_by_test_id("key-import").click()
    page.get_by_test_id("key-done").click(timeout=60_000)


def case_of(page: Page, title: str, report_ids: list[str]) -> str:
    """A case (its title sealed to the reviewer) with the reports linked, through the review API."""
    csrf = page.request.get("/api/v1/review/session").json()["csrf_token"]
    sealed = age.encrypt_bytes(pad(title.encode()), [recipient()])
    created = page.request.post(
        "/api/v1/review/cases",
        data=sealed,
        headers={"Content-Type": "application/octet-stream", "X-Kua-CSRF": csrf},
    )
    assert created.status == 201, created.text()
    case_id = str(created.json()["case_id"])
    for report_id in report_ids:
        linked = page.request.put(
            f"/api/v1/review/reports/{report_id}/case", data={"case_id": case_id}, headers={"X-Kua-CSRF": csrf}
        )
        assert linked.status == 200, linked.text()
    return case_id


def test_a_reviewer_prints_a_case_dossier_with_both_appeal_drafts(browser: Browser, tmp_path: Path) -> None:
    with serving_the_app(tmp_path / "server") as server:
        # Given two reports about the same morning in Sortobe, one with a photo of a bruise
        photo = png(64, 48, seed=11)
        attachment_id = upload_photo(server, photo)
        mother = send_report(server, mother_report(photo, attachment_id), [attachment_id])
        neighbour = send_report(server, neighbour_report(), [])
        photo_sha256 = hashlib.sha256(photo).hexdigest()

        # And a reviewer whose key opens them, with both reports grouped in a case
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.base_url)
        console = context.new_page()
        errors: list[str] = []
        console.on("pageerror", lambda error: errors.append(str(error)))
        reviewer_with_the_development_key(console, server)
        rows = console.locator('[data-testid="queue-row"][data-state="open"]')
        expect(rows).to_have_count(2, timeout=DECRYPT_TIMEOUT)
        case_id = case_of(console, "Задержания в Сортобе, 28 апреля", [mother.report_id, neighbour.report_id])

        # When the reviewer opens the case and its dossier
        console.get_by_test_id("nav-cases").click()
        console.locator(f'[data-testid="case-row"][data-case-id="{case_id}"] button').click()
        expect(console.get_by_test_id("case-view")).to_be_visible(timeout=UI_TIMEOUT)
        requests: list[Request] = []
        console.on("request", lambda request: requests.append(request))
        console.get_by_test_id("dossier-open").click()
        dossier = console.get_by_test_id("dossier")
        expect(dossier).to_have_attribute("data-case-id", case_id)
        expect(dossier).to_have_attribute("data-ready", "1", timeout=DECRYPT_TIMEOUT)

        # Then it holds the facts, in Russian (the console's language): dates, the village, the paperwork
        expect(console.get_by_test_id("dossier-summary")).to_contain_text("28 апреля 2020")
        expect(console.get_by_test_id("dossier-summary")).to_contain_text("с. Сортобе")
        expect(console.get_by_test_id("dossier-timeline")).to_contain_text("28 апреля 2020, 08:00")
        detentions = console.get_by_test_id("dossier-detentions")
        expect(detentions.locator('[data-field="detention.detentionRecord"]')).to_contain_text("Нет (нарушение)")
        # Whereabouts were not said to be unknown: "Нет", as the report view shows, not "не известно"
        whereabouts = detentions.locator("tr", has_text="Местонахождение неизвестно")
        expect(whereabouts.locator("td")).to_have_text("Нет")
        searches = console.get_by_test_id("dossier-searches")
        expect(searches.locator('[data-field="search.warrantShown"]')).to_have_count(1)
        expect(console.get_by_test_id("dossier-interrogations")).to_contain_text("14")
        # And the injury, on the body diagram and in the table, with its photo opened and its SHA-256
        injury = console.locator('[data-testid="dossier-injury"][data-injury-id="injury-1"]')
        expect(injury).to_contain_text("Левая рука выше локтя (спереди)")
        expect(injury).to_contain_text("кровоподтёк")
        expect(console.get_by_test_id("dossier-injuries").locator("svg .marker")).to_have_count(1)
        shown = console.locator(f'[data-testid="dossier-photo"][data-sha256="{photo_sha256}"]')
        expect(shown).to_contain_text(photo_sha256)
        expect(shown.locator("img")).to_be_visible(timeout=DECRYPT_TIMEOUT)
        expect(shown).to_contain_text("совпадает с SHA-256")
        # The phone sent the original (not downscaled): no second hash of a "smaller copy" that was never sent
        expect(shown).not_to_contain_text("уменьшенной копии")
        # And both source reports with when they arrived and their receipt's SHA-256
        for sent in (mother, neighbour):
            source = console.locator(f'[data-testid="dossier-source"][data-report-id="{sent.report_id}"]')
            expect(source).to_contain_text(sent.sha256)
        # And the prosecutor draft tells what was done to whom, cites Article 146 and asks for the case to
        # be registered in the ЕРДР and Istanbul Protocol examinations; hashes stay in the annex
        prosecutor = console.get_by_test_id("appeal-prosecutor")
        expect(prosecutor).to_have_value(re.compile(r"Айдир Масанов, мужчина.*\n– 28 апреля 2020, 06:00: был задержан"))
        expect(prosecutor).to_have_value(re.compile(r"статьи 146 Уголовного кодекса"))
        expect(prosecutor).to_have_value(re.compile(r"Едином реестре досудебных расследований"))
        expect(prosecutor).to_have_value(re.compile(r"Стамбульского протокола"))
        expect(prosecutor).to_have_value(re.compile(r"протокол задержания не составлялся"))
        expect(prosecutor).not_to_have_value(re.compile(photo_sha256))
        expect(console.get_by_test_id("appeal-un")).to_have_value(re.compile(r"Специальному докладчику"))
        # And the UN draft, which the UN forwards to the Government, names nobody: these reports never
        # said "yes" to giving names to the Government; the prosecutor's draft keeps them
        un = console.get_by_test_id("appeal-un")
        expect(un).to_have_value(re.compile(r"имя не раскрывается"))
        expect(un).not_to_have_value(re.compile(r"Масанов"))
        expect(console.get_by_test_id("appeal-names-withheld")).to_be_visible()
        expect(prosecutor).to_have_value(re.compile(r"Айдир Масанов"))

        # When the reviewer switches the dossier to English
        console.get_by_test_id("dossier-language").select_option("en")
        # Then the document and the drafts are in English, the reporters' words quoted as written
        expect(console.get_by_test_id("dossier-summary")).to_contain_text("Sortobe village")
        expect(detentions.locator('[data-field="detention.detentionRecord"]')).to_contain_text("No (a violation)")
        expect(injury).to_contain_text("Left upper arm (front)")
        expect(prosecutor).to_have_value(re.compile(r"Article 146\(2\) of the Criminal Code"))
        expect(prosecutor).to_have_value(re.compile(r"Istanbul Protocol"))
        expect(prosecutor).to_have_value(re.compile(r"Aidir Masanov, male.*\n– 28 April 2020, 06:00: he was detained"))
        expect(prosecutor).to_have_value(re.compile(r"no detention record was drawn up"))
        expect(prosecutor).not_to_have_value(re.compile(r"[\u0400-\u04FF]"))
        # The UN draft is an allegation letter (the family was released: nobody at risk now), and the
        # reviewer can make it an urgent appeal
        un_draft = console.get_by_test_id("appeal-un")
        expect(console.get_by_test_id("appeal-un-procedure")).to_have_value("allegation_letter")
        expect(un_draft).to_have_value(re.compile(r"send an allegation letter to the Government"))
        console.get_by_test_id("appeal-un-procedure").select_option("urgent_appeal")
        expect(un_draft).to_have_value(re.compile(r"Request for urgent action"))
        # And the console's own words stay in its language
        expect(console.get_by_test_id("dossier-print")).to_have_text("Печать или PDF")

        # And an edit to a draft is printed as edited
        edited = "To the General Prosecutor: edited by the reviewer."
        prosecutor.fill(edited)
        # When it is printed: no console bar, no controls, each draft as text
        console.emulate_media(media="print")
        expect(console.locator("header.bar")).to_be_hidden()
        expect(console.get_by_test_id("dossier-print")).to_be_hidden()
        expect(prosecutor).to_be_hidden()
        expect(console.locator(".dossier-appeal-print").first).to_have_text(edited)
        expect(console.get_by_test_id("dossier-injuries")).to_be_visible()
        pdf = console.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 3
        console.screenshot(path=str(tmp_path / "dossier-print.png"), full_page=True)

        # And building it asked the server for nothing but the reports, the case and the photo it already serves
        api_paths = [r.url.removeprefix(server.base_url) for r in requests if "/api/" in r.url]
        assert api_paths and [path for path in api_paths if not DOSSIER_READS.search(path)] == []
        assert errors == []
        context.close()
