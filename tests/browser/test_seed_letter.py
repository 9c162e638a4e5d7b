"""The seed letter, as reported (issue 17, "Done when"): the coalition's appeal of 29 April 2020, told
again by the families on their phones, read back by a lawyer in the console.

On a phone in Russian, one report per family of the letter (/work/shared/seed is the letter):
- the Masanovs: Aydir taken early in the morning without papers, handcuffed, to the Kordai district
  police; questioned for 14 hours at night without a lawyer and without breaks by five investigators,
  made to confess to the murder of a Kasyk villager; a bag over his head and a beating with sticks;
  released at 10 p.m. His father, 78, taken "for a chat" the same morning. His sister reports.
- the Dvumars: the search of Seishanlo Dvumar's house in Bular Batyr is going on now: his wife sends
  it in three screens, then adds the details: no paper shown, no понятые, and she fainted.
- the Khuzovs: Mrs Tsunder Khuzova, elderly, died of fear for her detained son.
Then the reviewer opens each report with the development key, and every fact must sit under the
person it was done to, with how the reporter knows it: what a lawyer filing under Article 146 of
the Criminal Code, or the UN Special Rapporteur, checks first.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.app_server import serving_the_app
from tests.browser.phone import UI_TIMEOUT, Answer, Phone, fill_in_report, outbox_item, send_report, steps, tick
from tests.browser.test_review_dossier import DECRYPT_TIMEOUT, reviewer_with_the_development_key
from tests.browser.test_review_report_v2 import fact, open_report
from tests.support.fault_proxy import FaultProxy

pytestmark = pytest.mark.browser


AYDIR = "Масанов Айдыр"
FATHER = "Масанов Ильяс"
SEISHANLO = "Двумар Сейшанло"
WIFE = "Двумар Айша"
TSUNDER = "Хузова Цундер"
THREAT = "Грозили посадить надолго"
# A "no" to a safeguard the law requires, as the console marks it
NO_VIOLATION = "нет — нарушение"
SAW = "видел(а) сам(а)"
TOLD = "со слов пострадавшего(ей)"
HEARD = "слышал(а) от других"


def when(testid: str, date: str, time: str) -> Answer:
    """A date and time typed into the picker of the WhenField `testid` (the letter's dates, not today).

    "Today" first makes the date exact: a time asked for ("released?") starts as "not known", which
    hides the picker."""

    def answer(page: Page) -> None:
        page.get_by_test_id(f"{testid}-today").click()
        page.get_by_test_id(testid).locator("input[type=date]").fill(date)
        page.get_by_test_id(testid).locator("input[type=time]").fill(time)

    return answer


def person(number: int, name: str, *, birth_year: str = "", relation: str = "", role: str = "victim") -> Answer:
    """The people step: person `number` (added when not the first) with a name, birth year, relation, role."""

    def answer(page: Page) -> None:
        if number > 1:
            page.get_by_test_id("person-add").click()
        page.get_by_test_id(f"person-name-{number}").fill(name)
        if birth_year:
            page.get_by_test_id(f"person-birth-year-{number}").fill(birth_year)
        if relation:
            page.get_by_test_id(f"person-relation-{number}").fill(relation)
        page.get_by_test_id(f"person-role-{number}-{role}").check()

    return answer


# The Masanovs: his sister reports; she is not one of the people.


def the_morning_of_april_27(page: Page) -> None:
    """When it happened: the ages in the console are counted on this date. ("Today" first: the
    report's date starts as "not known", which hides the picker.)"""
    page.get_by_test_id("when-today").click()
    page.locator("input[type=date]").first.fill("2020-04-27")
    page.locator("input[type=time]").first.fill("06:00")


def the_police_of_kordai(page: Page) -> None:
    page.get_by_test_id("perpetrators-1-agency-police").check()
    page.get_by_test_id("perpetrators-1-unit").fill("Кордайский РОВД")
    page.get_by_test_id("perpetrators-1-count").fill("5")


def both_taken_in_the_morning(page: Page) -> None:
    # Aydir: early in the morning as a suspect, no police ID, handcuffed, to the district police; out at 10 p.m.
    # (the phone no longer asks for a "warrant": detaining a suspect needs none)
    page.get_by_test_id("detention-1-person-1").check()
    page.get_by_test_id("detention-1-by-1").check()
    when("detention-1-when", "2020-04-27", "06:00")(page)
    page.get_by_test_id("detention-1-capacity-suspect").check()
    page.get_by_test_id("detention-1-takenToType-district_police").check()
    expect(page.locator('[data-testid^="detention-1-warrant"]')).to_have_count(0)
    page.get_by_test_id("detention-1-policeIdShown-no").check()
    page.get_by_test_id("detention-1-handcuffed-yes").check()
    page.get_by_test_id("detention-1-released").check()
    when("detention-1-releasedAt", "2020-04-27", "22:00")(page)
    page.get_by_test_id("detention-1-source-saw_myself").check()
    # His father, 78: taken "for a chat" the same morning
    page.get_by_test_id("detention-add").click()
    page.get_by_test_id("detention-2-person-2").check()
    page.get_by_test_id("detention-2-by-1").check()
    when("detention-2-when", "2020-04-27", "06:30")(page)
    page.get_by_test_id("detention-2-capacity-for_a_chat").check()
    page.get_by_test_id("detention-2-source-saw_myself").check()


def fourteen_hours_at_night(page: Page) -> None:
    page.get_by_test_id("interrogation-1-person-1").check()
    page.get_by_test_id("interrogation-1-by-1").check()
    when("interrogation-1-when", "2020-04-27", "08:00")(page)
    page.get_by_test_id("interrogation-1-hours").fill("14")
    page.get_by_test_id("interrogation-1-atNight-yes").check()
    page.get_by_test_id("interrogation-1-lawyerPresent-no").check()
    page.get_by_test_id("interrogation-1-breaks-no").check()
    page.get_by_test_id("interrogation-1-investigators").fill("5")
    page.get_by_test_id("interrogation-1-threats").fill(THREAT)
    page.get_by_test_id("interrogation-1-confessionDemanded-yes").check()
    page.get_by_test_id("interrogation-1-confessionSigned-dont_know").check()
    page.get_by_test_id("interrogation-1-crime-description").fill("убийство жителя села Касык")
    page.get_by_test_id("interrogation-1-source-victim_told_me").check()


def the_bag_and_the_sticks(page: Page) -> None:
    page.get_by_test_id("ill_treatment-1-person-1").check()
    page.get_by_test_id("ill_treatment-1-by-1").check()
    when("ill_treatment-1-when", "2020-04-27", "09:00")(page)
    for method in ("bag_over_head", "suffocation_by_hand", "beating_with_object", "restraints", "threats_of_death"):
        page.get_by_test_id(f"ill_treatment-1-method-{method}").check()
    page.get_by_test_id("ill_treatment-1-object").fill("палками")
    page.get_by_test_id("ill_treatment-1-source-victim_told_me").check()


def his_sister_reports(page: Page) -> None:
    page.get_by_test_id("reporter-role-relative").check()
    page.get_by_test_id("reporter-relation").fill("сестра Айдыра")


def report_the_masanovs(page: Page, known: set[str]) -> str:
    page.get_by_test_id("new-report").click()
    fill_in_report(
        page,
        {
            "kind-detention": steps(*(tick(f"kind-{kind}") for kind in ("detention", "interrogation", "torture"))),
            "consent-record": steps(tick("consent-record"), tick("consent-victim-yes")),
            "person-name-1": steps(
                person(1, AYDIR, birth_year="1986", relation="брат"),
                person(2, FATHER, birth_year="1942", relation="отец"),
            ),
            "village-select": the_morning_of_april_27,
            "perpetrators-1-agency-police": the_police_of_kordai,
            "detention-1-capacity-suspect": both_taken_in_the_morning,
            "interrogation-1-hours": fourteen_hours_at_night,
            "ill_treatment-1-object": the_bag_and_the_sticks,
            "reporter-role-relative": his_sister_reports,
        },
    )
    return send_report(page, known)


# The Dvumars: the wife sends "happening now" in three screens, then adds the details.


def report_the_search_happening_now(page: Page, known: set[str]) -> str:
    """Three screens, three taps: who and where, what is happening, consent and Send."""
    page.get_by_test_id("happening-now-button").click()
    expect(page.get_by_test_id("step-of")).to_have_text("Шаг 1 из 3", timeout=UI_TIMEOUT)
    page.get_by_test_id("now-person-name").fill(SEISHANLO)
    page.get_by_test_id("village-select").select_option("bular_batyr")
    page.get_by_test_id("step-next").click()
    expect(page.get_by_test_id("step-of")).to_have_text("Шаг 2 из 3", timeout=UI_TIMEOUT)
    page.get_by_test_id("kind-search").check()
    page.get_by_test_id("kind-detention").check()
    page.get_by_test_id("account-text").fill("С обеда обыскивают дом мужа, бумаг не показали, мужа забирают.")
    page.get_by_test_id("step-next").click()
    expect(page.get_by_test_id("step-of")).to_have_text("Шаг 3 из 3", timeout=UI_TIMEOUT)
    page.get_by_test_id("consent-record").check()
    return send_report(page, known)


def the_search_without_papers(page: Page) -> None:
    page.get_by_test_id("search-1-person-1").check()
    when("search-1-when", "2020-04-28", "12:00")(page)
    page.get_by_test_id("search-1-whoseHouse").fill(f"Дом {SEISHANLO}")
    page.get_by_test_id("search-1-warrantShown-no").check()
    page.get_by_test_id("search-1-witnessesPresent-no").check()
    page.get_by_test_id("search-1-source-saw_myself").check()


def her_husband_taken(page: Page) -> None:
    page.get_by_test_id("detention-1-person-1").check()
    when("detention-1-when", "2020-04-28", "13:00")(page)
    page.get_by_test_id("detention-1-capacity-dont_know").check()
    page.get_by_test_id("detention-1-source-saw_myself").check()


def she_fainted(page: Page) -> None:
    page.get_by_test_id("relatives-1-person-2").check()
    when("relatives-1-when", "2020-04-28", "15:00")(page)
    page.get_by_test_id("relatives-1-what-health_crisis").check()
    page.get_by_test_id("relatives-1-details").fill("От страха за мужа поднялось давление, упала в обморок")
    page.get_by_test_id("relatives-1-source-saw_myself").check()


def she_is_the_wife(page: Page) -> None:
    page.get_by_test_id("reporter-role-relative").check()
    page.get_by_test_id("reporter-relation").fill("жена")
    page.get_by_test_id("reporter-person").select_option(label=WIFE)


def add_the_details_of_the_search(page: Page, first_id: str, known: set[str]) -> str:
    page.get_by_test_id("nav-my-reports").click()
    page.locator(f'[data-testid="my-report"][data-report-id="{first_id}"]').get_by_test_id("add-details").click()
    expect(page.get_by_test_id("kind-search")).to_be_checked(timeout=UI_TIMEOUT)

    def the_husband_is_there_and_she_adds_herself(page: Page) -> None:
        expect(page.get_by_test_id("person-name-1")).to_have_value(SEISHANLO)
        person(2, WIFE, relation="жена", role="relative_harmed")(page)

    fill_in_report(
        page,
        {
            "kind-harm_to_relatives": tick("kind-harm_to_relatives"),
            "consent-record": tick("consent-record"),
            "person-name-1": the_husband_is_there_and_she_adds_herself,
            "detention-1-card": her_husband_taken,
            "search-1-whoseHouse": the_search_without_papers,
            "relatives-1-what-health_crisis": she_fainted,
            "reporter-role-relative": she_is_the_wife,
        },
    )
    return send_report(page, known)


# The Khuzovs: a neighbour reports that the old woman died of fear for her son.


def the_son_taken(page: Page) -> None:
    page.get_by_test_id("detention-1-person-2").check()
    page.get_by_test_id("detention-1-source-heard_from_others").check()


def she_died(page: Page) -> None:
    page.get_by_test_id("relatives-1-person-1").check()
    page.get_by_test_id("relatives-1-what-death").check()
    page.get_by_test_id("relatives-1-details").fill("Умерла от страха за сына")
    page.get_by_test_id("relatives-1-source-saw_myself").check()


def report_the_khuzovs(page: Page, known: set[str]) -> str:
    page.get_by_test_id("new-report").click()
    fill_in_report(
        page,
        {
            "kind-detention": steps(tick("kind-detention"), tick("kind-harm_to_relatives")),
            "consent-record": tick("consent-record"),
            "person-name-1": steps(
                person(1, TSUNDER, birth_year="1944", role="relative_harmed"),
                lambda page: page.get_by_test_id("person-add").click(),
                lambda page: page.get_by_test_id("person-relation-2").fill("сын Цундер Хузовой"),
                tick("person-role-2-victim"),
            ),
            "detention-1-card": the_son_taken,
            "relatives-1-what-death": she_died,
            "reporter-role-relative": steps(
                tick("reporter-role-relative"), lambda page: page.get_by_test_id("reporter-relation").fill("соседка")
            ),
        },
    )
    return send_report(page, known)


def card(console: Page, name: str) -> Locator:
    """The person card whose heading names `name`."""
    return console.get_by_test_id("person-card").filter(has=console.locator("h2", has_text=name))


def act(scope: Locator, kind: str) -> Locator:
    return scope.locator(f'[data-testid="person-act"][data-act-type="{kind}"]')


def test_the_seed_letter_as_reported_on_phones_and_read_by_person_in_the_console(
    phone: Phone, browser: Browser, tmp_path: Path
) -> None:
    with serving_the_app(tmp_path / "server") as server, FaultProxy(server.port) as proxy:
        # Given the families of the seed letter, each with the app on a phone, in Russian
        page = phone.open(proxy.base_url)

        # When Aydir Masanov's sister reports his night, and their father's detention
        # (each report's id: the one the outbox lists that is none of those sent before)
        masanovs = report_the_masanovs(page, set())
        # And Seishanlo Dvumar's wife sends the search going on now, in three screens, then its details
        search_now = report_the_search_happening_now(page, {masanovs})
        search_details = add_the_details_of_the_search(page, search_now, {masanovs, search_now})
        # And a neighbour reports that Tsunder Khuzova died of fear for her son
        khuzovs = report_the_khuzovs(page, {masanovs, search_now, search_details})
        for report_id in (masanovs, search_now, search_details, khuzovs):
            expect(outbox_item(page, report_id)).to_have_attribute("data-state", "sent", timeout=30_000)
        assert phone.page_errors == []

        # Then a reviewer with the coalition's key opens all four in the console
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server.base_url)
        console = context.new_page()
        errors: list[str] = []
        console.on("pageerror", lambda error: errors.append(str(error)))
        reviewer_with_the_development_key(console, server)
        console.get_by_test_id("nav-queue").click()
        for report_id in (masanovs, search_now, search_details, khuzovs):
            row = console.locator(f'[data-testid="queue-row"][data-report-id="{report_id}"]')
            expect(row).to_have_attribute("data-state", "open", timeout=DECRYPT_TIMEOUT)

        # The Masanovs: Aydir's card holds his detention, the night interrogation and the torture, in order
        open_report(console, masanovs)
        aydir = card(console, AYDIR)
        expect(aydir).to_have_count(1)
        expect(aydir).to_have_attribute("data-elderly", "0")
        acts = aydir.get_by_test_id("person-act")
        expect(acts).to_have_count(3)
        assert [acts.nth(i).get_attribute("data-act-type") for i in range(3)] == [
            "detention",
            "interrogation",
            "ill_treatment",
        ]
        # taken as a suspect without a police ID, handcuffed, to the district police, as his sister saw herself;
        # no "warrant" asked, none shown, none counted
        taken = act(aydir, "detention")
        expect(fact(taken, "В каком качестве забрали")).to_have_text("как подозреваемого")
        expect(taken.locator("dt", has_text="Показали бумагу, почему забирают")).to_have_count(0)
        expect(fact(taken, "Показали служебное удостоверение")).to_have_text(NO_VIOLATION)
        expect(fact(taken, "Надели наручники")).to_have_text("да")
        expect(fact(taken, "Куда доставили")).to_have_text("районный отдел полиции (РОВД)")
        expect(fact(taken, "Откуда известно")).to_have_text(SAW)
        expect(fact(taken, "Когда отпустили")).to_contain_text("22:00")
        # questioned 14 hours at night, no lawyer, no breaks, five investigators, made to confess to the
        # murder: as he told her
        questioned = act(aydir, "interrogation")
        expect(fact(questioned, "Сколько часов")).to_have_text("14")
        expect(fact(questioned, "Ночью")).to_have_text("да")
        expect(fact(questioned, "Был адвокат")).to_have_text(NO_VIOLATION)
        expect(fact(questioned, "Были перерывы")).to_have_text(NO_VIOLATION)
        expect(fact(questioned, "Сколько следователей")).to_have_text("5")
        expect(fact(questioned, "Угрозы")).to_have_text(THREAT)
        expect(fact(questioned, "Требовали признаться")).to_have_text("да")
        expect(fact(questioned, "В каком преступлении подозревали")).to_have_text("убийство жителя села Касык")
        expect(fact(questioned, "Кто это сделал")).to_have_text("Полиция, Кордайский РОВД, 5 чел.")
        expect(fact(questioned, "Откуда известно")).to_have_text(TOLD)
        # (whether he signed, she does not know: not the same as a question left unanswered)
        signed = fact(questioned, "Подписал(а) признание").locator("[data-answer]")
        expect(signed).to_have_attribute("data-answer", "dont_know")
        # the bag over his head, suffocation by hand and the beating with sticks: as he told her
        tortured = act(aydir, "ill_treatment")
        expect(tortured.locator('[data-method="bag_over_head"]')).to_have_text("пакет на голову")
        expect(tortured.locator('[data-method="suffocation_by_hand"]')).to_have_text("душили руками")
        expect(tortured.locator('[data-method="beating_with_object"]')).to_have_text("избиение предметом")
        expect(fact(tortured, "Чем били")).to_have_text("палками")
        expect(fact(tortured, "Откуда известно")).to_have_text(TOLD)
        # His father, 78, is elderly by his birth year, and was only taken "for a chat": none of the above is his
        father = card(console, FATHER)
        expect(father).to_have_attribute("data-elderly", "1")
        expect(fact(father, "Возраст на время событий")).to_have_text("около 78 (по году рождения)")
        expect(father.get_by_test_id("person-act")).to_have_count(1)
        # held "for a chat", without procedural status: a violation in itself
        expect(fact(act(father, "detention"), "В каком качестве забрали")).to_have_text("«на беседу» — нарушение")
        held = act(father, "detention").locator('[data-testid="paperwork-violation"][data-field="detention.capacity"]')
        expect(held).to_have_count(1)
        expect(fact(act(father, "detention"), "Откуда известно")).to_have_text(SAW)
        # (nobody was asked whether he was handcuffed: that reads unlike Aydir's confession "don't know")
        not_asked = fact(act(father, "detention"), "Надели наручники").locator("[data-answer]")
        expect(not_asked).to_have_attribute("data-answer", "unanswered")
        expect(not_asked).to_have_text("— не спрашивали / нет ответа")
        expect(console.get_by_test_id("untied-items")).to_have_count(0)

        # The Dvumars: the report sent in three screens lists its addition, which leads to the details
        open_report(console, search_now)
        expect(console.get_by_test_id("report-happening-now")).to_be_visible()
        expect(console.get_by_test_id("additions-list")).to_contain_text(search_details[:8])
        expect(card(console, SEISHANLO)).to_have_count(1)
        console.locator(f'[data-testid="report-link"][data-report-id="{search_details}"]').click()
        detail = console.get_by_test_id("report-detail")
        expect(detail).to_have_attribute("data-report-id", search_details, timeout=UI_TIMEOUT)
        expect(console.get_by_test_id("adds-to")).to_contain_text(search_now[:8])
        # the search of his house without a paper or понятые, and his detention, under his card
        husband = card(console, SEISHANLO)
        searched = act(husband, "search")
        expect(fact(searched, "Чей дом")).to_have_text(f"Дом {SEISHANLO}")
        expect(fact(searched, "Показали постановление на обыск")).to_have_text(NO_VIOLATION)
        expect(fact(searched, "Были понятые")).to_have_text(NO_VIOLATION)
        expect(fact(searched, "Откуда известно")).to_have_text(SAW)
        expect(act(husband, "detention")).to_have_count(1)
        expect(act(husband, "harm_to_relative")).to_have_count(0)
        # and her fainting under hers: she is the one who reports
        wife = card(console, WIFE)
        expect(wife).to_contain_text("это сам сообщающий")
        fainted = act(wife, "harm_to_relative")
        expect(fact(fainted, "Что случилось")).to_have_text("приступ, потеря сознания, резко стало плохо")
        expect(fainted).to_contain_text("упала в обморок")
        expect(fact(fainted, "Откуда известно")).to_have_text(SAW)
        expect(wife.get_by_test_id("person-act")).to_have_count(1)

        # The Khuzovs: her death is hers, elderly by her birth year; her son's detention, heard from others, his
        open_report(console, khuzovs)
        tsunder = card(console, TSUNDER)
        expect(tsunder).to_have_attribute("data-elderly", "1")
        expect(fact(act(tsunder, "harm_to_relative"), "Что случилось")).to_have_text("смерть")
        expect(tsunder.get_by_test_id("person-act")).to_have_count(1)
        son = console.get_by_test_id("person-card").filter(has_text="сын Цундер Хузовой")
        expect(son).to_have_count(1)
        expect(fact(act(son, "detention"), "Откуда известно")).to_have_text(HEARD)
        expect(son.get_by_test_id("person-act")).to_have_count(1)
        assert errors == []
        context.close()
