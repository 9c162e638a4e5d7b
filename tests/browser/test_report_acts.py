"""Relatives report what was done to whom, act by act, each tied to a person (issue 17, phase B).

On a phone in Russian a mother names her husband and her son, then says the son was questioned
for 14 hours at night without a lawyer, had a bag put over his head and was beaten with sticks,
has a bruise on his wrist and saw a doctor. A wife reports her husband taken "for a chat", the
search of the house without papers, her own fainting, and the complaint left unanswered. The sealed
reports, opened with the development reviewer's key, must hold each act under the right person's
id: a lawyer filing under Article 146 needs exactly who was done what.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from playwright.sync_api import Page, expect

from tests.browser.intake_store import IntakeStore, open_as_reviewer
from tests.browser.phone import UI_TIMEOUT, Phone, fill, fill_in_report, outbox_item, send_report, steps, tick
from tests.support.fault_proxy import FaultProxy
from tests.support.server import RunningServer

pytestmark = pytest.mark.browser

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "frontend/src/shared/report/report-v2.schema.json").read_text("utf-8")
)
FATHER = "Масанов Ильяс"
SON = "Масанов Айдыр"


def name_two_people(page: Page) -> None:
    """The people step: the father first, then the son (so the son is person 2, not the only one)."""
    page.get_by_test_id("person-name-1").fill(FATHER)
    page.get_by_test_id("person-add").click()
    page.get_by_test_id("person-name-2").fill(SON)


def describe_the_police(page: Page) -> None:
    page.get_by_test_id("perpetrators-1-agency-police").check()
    page.get_by_test_id("perpetrators-1-unit").fill("Кордайский РОВД")
    page.get_by_test_id("perpetrators-1-count").fill("5")


def the_night_interrogation(page: Page) -> None:
    # With two people in the report nobody is ticked for her: she ticks her son.
    expect(page.get_by_test_id("interrogation-1-person-1")).not_to_be_checked()
    expect(page.get_by_test_id("interrogation-1-person-2")).not_to_be_checked()
    page.get_by_test_id("interrogation-1-person-2").check()
    page.get_by_test_id("interrogation-1-by-1").check()
    page.get_by_test_id("interrogation-1-hours").fill("14")
    page.get_by_test_id("interrogation-1-atNight-yes").check()
    page.get_by_test_id("interrogation-1-lawyerPresent-no").check()
    page.get_by_test_id("interrogation-1-breaks-no").check()
    page.get_by_test_id("interrogation-1-confessionDemanded-yes").check()
    page.get_by_test_id("interrogation-1-crime-description").fill("убийство жителя Касыка")
    page.get_by_test_id("interrogation-1-source-victim_told_me").check()


def the_bag_and_the_sticks(page: Page) -> None:
    page.get_by_test_id("ill_treatment-1-person-2").check()
    page.get_by_test_id("ill_treatment-1-by-1").check()
    page.get_by_test_id("ill_treatment-1-method-bag_over_head").check()
    page.get_by_test_id("ill_treatment-1-method-beating_with_object").check()
    page.get_by_test_id("ill_treatment-1-object").fill("палками")
    page.get_by_test_id("ill_treatment-1-source-victim_told_me").check()


def the_bruise_on_his_wrist(page: Page) -> None:
    page.get_by_test_id("injuries-region").select_option("front:right_wrist")
    page.get_by_test_id("injuries-add").click()
    editor = page.get_by_test_id("injury-editor")
    expect(editor).to_be_visible(timeout=UI_TIMEOUT)
    editor.get_by_test_id("injury-person-2").check()
    editor.get_by_test_id("injury-act").select_option(label=f"Пытки, избиение 1 ({SON})")
    editor.get_by_test_id("injury-type").select_option("bruise")
    editor.get_by_test_id("injury-source-saw_myself").check()
    editor.get_by_test_id("injury-close").click()
    expect(page.get_by_test_id("injuries-item-1")).to_contain_text(SON)


def his_medical_care(page: Page) -> None:
    # One entry per person, in the people's order: the son's is the second.
    expect(page.get_by_test_id("medical-2-card")).to_be_visible()
    page.get_by_test_id("medical-2-careReceived-yes").check()
    page.get_by_test_id("medical-2-beatingCertificate-no").check()
    page.get_by_test_id("medical-2-lostConsciousness-yes").check()


def test_each_act_is_sealed_under_the_son_it_was_done_to(
    phone: Phone, proxy: FaultProxy, reporter_server: RunningServer
) -> None:
    # Given a mother with the app open on her phone, in Russian
    page = phone.open(proxy.base_url)

    # When she reports the interrogation and the torture of her son, act by act
    page.get_by_test_id("new-report").click()
    fill_in_report(
        page,
        {
            "kind-interrogation": steps(tick("kind-interrogation"), tick("kind-torture")),
            "consent-record": tick("consent-record"),
            "person-name-1": name_two_people,
            "perpetrators-1-agency-police": describe_the_police,
            "interrogation-1-hours": the_night_interrogation,
            "ill_treatment-1-object": the_bag_and_the_sticks,
            "injuries-region": the_bruise_on_his_wrist,
            "medical-2-card": his_medical_care,
        },
    )
    report_id = send_report(page)

    # Then the report reaches the coalition
    expect(outbox_item(page, report_id)).to_have_attribute("data-state", "sent", timeout=30_000)
    ciphertext = IntakeStore(reporter_server).report_ciphertext(report_id)
    assert ciphertext is not None, "the server has no report under the id the phone showed"
    report: dict[str, Any] = json.loads(open_as_reviewer(ciphertext))

    # And it is a valid v2 report, with both people named
    assert sorted(Draft202012Validator(SCHEMA).iter_errors(report), key=str) == []
    assert (report["version"], report["reportId"]) == (2, report_id)
    ids = {person["fullName"]: person["id"] for person in report["people"]}
    assert set(ids) == {FATHER, SON}
    son, father = ids[SON], ids[FATHER]
    [police] = report["perpetrators"]
    assert (police["agency"], police["unit"], police["count"]) == ("Полиция", "Кордайский РОВД", 5)

    # And the 14-hour night interrogation without a lawyer is his, by the police, as he told her
    [questioning] = [act for act in report["acts"] if act["type"] == "interrogation"]
    assert questioning["personIds"] == [son]
    assert questioning["perpetratorIds"] == [police["id"]]
    assert (questioning["hours"], questioning["atNight"], questioning["lawyerPresent"]) == (14, "yes", "no")
    assert (questioning["breaks"], questioning["confessionDemanded"]) == ("no", "yes")
    assert questioning["crime"]["description"] == "убийство жителя Касыка"
    assert questioning["source"] == "victim_told_me"
    # Questions she passed by stay unanswered, not "don't know"
    assert (questioning["confessionSigned"], questioning["when"]) == (None, None)

    # And so are the bag over his head and the beating with sticks
    [torture] = [act for act in report["acts"] if act["type"] == "ill_treatment"]
    assert torture["personIds"] == [son]
    assert torture["perpetratorIds"] == [police["id"]]
    assert set(torture["methods"]) == {"bag_over_head", "beating_with_object"}
    assert torture["object"] == "палками"

    # And the bruise on his wrist, caused by that torture, which she saw herself
    [bruise] = report["injuries"]
    assert (bruise["personId"], bruise["actId"]) == (son, torture["id"])
    assert (bruise["side"], bruise["region"], bruise["type"], bruise["source"]) == (
        "front",
        "right_wrist",
        "bruise",
        "saw_myself",
    )

    # And his medical care; nothing at all is tied to his father
    [care] = [entry for entry in report["medical"] if entry["personId"] == son]
    assert (care["careReceived"], care["beatingCertificate"]) == ("yes", "no")
    assert care["suffocation"]["lostConsciousness"] == "yes"
    assert care["forensicExam"]["status"] is None
    assert all(father not in act["personIds"] for act in report["acts"])
    assert all(entry["personId"] != father for entry in report["medical"] + report["injuries"])
    assert phone.page_errors == []


HUSBAND = "Двумар Сейшанло"
WIFE = "Двумар Айша"


def the_husband_taken_for_a_chat(page: Page) -> None:
    page.get_by_test_id("detention-1-person-1").check()
    page.get_by_test_id("detention-1-when-today").click()
    page.get_by_test_id("detention-1-capacity-for_a_chat").check()
    page.get_by_test_id("detention-1-takenToType-district_police").check()
    page.get_by_test_id("detention-1-policeIdShown-no").check()
    page.get_by_test_id("detention-1-handcuffed-yes").check()
    # No "warrant" question: detaining a suspect needs none (docs/legal-basis.md)
    expect(page.locator('[data-testid^="detention-1-warrant"]')).to_have_count(0)
    page.get_by_test_id("detention-1-detentionRecord-no").check()
    page.get_by_test_id("detention-1-familyNotified-dont_know").check()
    page.get_by_test_id("detention-1-source-saw_myself").check()


def the_search_without_papers(page: Page) -> None:
    page.get_by_test_id("search-1-person-1").check()
    page.get_by_test_id("search-1-when").locator("input[type=date]").fill("2020-04-28")
    page.get_by_test_id("search-1-when").locator("input[type=time]").fill("12:00")
    page.get_by_test_id("search-1-whoseHouse").fill(f"Дом {HUSBAND}")
    page.get_by_test_id("search-1-where-village").select_option("bular_batyr")
    page.get_by_test_id("search-1-warrantShown-no").check()
    page.get_by_test_id("search-1-witnessesPresent-no").check()
    page.get_by_test_id("search-1-source-saw_myself").check()
    # A second search, begun by mistake and removed again, leaves nothing behind
    page.get_by_test_id("search-add").click()
    page.get_by_test_id("search-2-remove").click()
    expect(page.get_by_test_id("search-2-card")).to_have_count(0)


def she_fainted(page: Page) -> None:
    page.get_by_test_id("relatives-1-person-2").check()
    page.get_by_test_id("relatives-1-what-health_crisis").check()
    page.get_by_test_id("relatives-1-details").fill("От страха за мужа упала в обморок, давление")
    page.get_by_test_id("relatives-1-source-saw_myself").check()


def the_unanswered_complaint(page: Page) -> None:
    page.get_by_test_id("complaints-1-to").fill("Прокуратура")
    page.get_by_test_id("complaints-1-person-1").check()
    page.get_by_test_id("complaints-1-answered-no").check()


def test_a_search_without_papers_and_a_wife_who_fainted_each_belong_to_their_person(
    phone: Phone, proxy: FaultProxy, reporter_server: RunningServer
) -> None:
    # Given a wife with the app open on her phone, in Russian
    page = phone.open(proxy.base_url)

    # When she reports her husband's detention, the search of their house, her fainting and a complaint
    page.get_by_test_id("new-report").click()
    fill_in_report(
        page,
        {
            "kind-detention": steps(tick("kind-detention"), tick("kind-search"), tick("kind-harm_to_relatives")),
            "consent-record": tick("consent-record"),
            "person-name-1": steps(
                fill("person-name-1", HUSBAND),
                lambda page: page.get_by_test_id("person-add").click(),
                fill("person-name-2", WIFE),
            ),
            "detention-1-capacity-for_a_chat": the_husband_taken_for_a_chat,
            "search-1-whoseHouse": the_search_without_papers,
            "relatives-1-what-health_crisis": she_fainted,
            "complaints-1-to": the_unanswered_complaint,
        },
    )
    report_id = send_report(page)
    expect(outbox_item(page, report_id)).to_have_attribute("data-state", "sent", timeout=30_000)
    ciphertext = IntakeStore(reporter_server).report_ciphertext(report_id)
    assert ciphertext is not None, "the server has no report under the id the phone showed"
    report: dict[str, Any] = json.loads(open_as_reviewer(ciphertext))

    # Then the sealed report is valid v2 and ties each act to its person
    assert sorted(Draft202012Validator(SCHEMA).iter_errors(report), key=str) == []
    ids = {person["fullName"]: person["id"] for person in report["people"]}
    husband, wife = ids[HUSBAND], ids[WIFE]
    acts = {act["type"]: act for act in report["acts"]}
    assert sorted(act["type"] for act in report["acts"]) == ["detention", "harm_to_relative", "search"]

    # The detention "for a chat", with no police ID and no record, handcuffed; "don't know" kept as such;
    # the warrant, no longer asked, is sent as null
    detention = acts["detention"]
    assert detention["personIds"] == [husband]
    assert (detention["capacity"], detention["takenToType"]) == ("for_a_chat", "district_police")
    assert (detention["policeIdShown"], detention["handcuffed"], detention["detentionRecord"]) == ("no", "yes", "no")
    assert detention["warrant"] is None
    assert (detention["familyNotified"], detention["lawyerAllowed"]) == ("dont_know", None)
    assert detention["when"]["precision"] == "exact" and len(detention["when"]["value"]) == 10

    # The search of his house at noon without a paper or понятые
    search = acts["search"]
    assert search["personIds"] == [husband]
    assert search["when"] == {"precision": "exact", "value": "2020-04-28T12:00"}
    assert search["whoseHouse"] == f"Дом {HUSBAND}"
    assert search["where"] == {"village": "bular_batyr", "other": None, "placeType": None, "gps": None}
    assert (search["warrantShown"], search["witnessesPresent"], search["source"]) == ("no", "no", "saw_myself")

    # Her fainting is hers, not her husband's
    fainting = acts["harm_to_relative"]
    assert fainting["personIds"] == [wife]
    assert (fainting["what"], fainting["source"]) == ("health_crisis", "saw_myself")

    # And the complaint to the prosecutor about him, unanswered
    [complaint] = report["complaints"]
    assert (complaint["to"], complaint["personIds"], complaint["answered"]) == ("Прокуратура", [husband], "no")
    assert phone.page_errors == []
