"""Send never waits on the network for the recipient list: the phone seals to the list it holds, and asks the
server for a newer one in the background (issue 21). On 2G that round trip was most of a text report's time.

The phone is Debian's Chromium through a fault proxy in front of a real `kua serve` that publishes the
development list (the build ships the same one).
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.intake_store import IntakeStore, open_as_reviewer
from tests.browser.phone import UI_TIMEOUT, Phone, fill, outbox_item, send_report, write_a_search_report
from tests.support.fault_proxy import Fault, FaultProxy
from tests.support.server import RunningServer

pytestmark = pytest.mark.browser

LIST_PATH = "/api/v1/recipients"
# Longer than any wait the app could put before sealing (it used to give up on the list after 4 s), and longer
# than delivering a short report takes here: a receipt that comes first did not wait on the list.
LIST_HANGS_SECONDS = 60.0


def write_a_short_report(page: Page, account: str) -> str:
    write_a_search_report(page, fill("account-text", account))
    return send_report(page)


def the_report_reached_the_coalition(server: RunningServer, report_id: str, account: str) -> None:
    sealed = IntakeStore(server).report_ciphertext(report_id)
    assert sealed is not None, "the server holds no such report"
    assert account.encode() in open_as_reviewer(sealed)


def test_send_with_the_network_cut_queues_at_once_and_delivers_when_it_returns(
    phone: Phone, proxy: FaultProxy, reporter_server: RunningServer
) -> None:
    # Given a relative who opened the app once while online
    page = phone.open(proxy.base_url)
    phone.wait_for_service_worker(page)

    # When the network is cut and they write a report and press Send
    proxy.set(Fault.unreachable())
    phone.context.set_offline(True)
    account = "Пришли ночью, увезли мужа без объяснений."
    report_id = write_a_short_report(page, account)

    # Then it is queued on the phone at once
    expect(outbox_item(page, report_id)).to_have_attribute("data-state", "waiting", timeout=UI_TIMEOUT)

    # When the network returns (the browser's "online" wakes the app), the report is delivered with its receipt
    proxy.set(Fault.pass_through())
    phone.context.set_offline(False)
    expect(outbox_item(page, report_id)).to_have_attribute("data-state", "sent", timeout=30_000)
    expect(outbox_item(page, report_id).get_by_test_id("receipt")).to_be_visible()
    the_report_reached_the_coalition(reporter_server, report_id, account)
    assert phone.page_errors == []


def test_send_does_not_wait_for_a_server_slow_to_answer_the_list(
    phone: Phone, proxy: FaultProxy, reporter_server: RunningServer
) -> None:
    # Given a server that takes a minute to answer the recipient list (and nothing else)
    proxy.set(Fault.delay(LIST_HANGS_SECONDS, method="GET", path_prefix=LIST_PATH))
    page = phone.open(proxy.base_url)
    # What the app asks for, in order (the proxy may see a request twice: Chromium retries one whose
    # connection closed). Playwright delivers these events during its own calls, so the waits below use it.
    asked: list[tuple[str, str]] = []
    phone.context.on("request", lambda request: asked.append((request.method, urlsplit(request.url).path)))
    # (the app asks for a newer list a few seconds after it starts, in the background: that request hangs)
    with phone.context.expect_event("request", lambda request: request.url.endswith(LIST_PATH), timeout=20_000):
        page.reload()

    # When the relative writes a report and presses Send
    account = "Задержали брата у мечети, телефон не отвечает."
    asked_before_send = len(asked)
    report_id = write_a_short_report(page, account)

    # Then the report is delivered with a receipt while the list request still hangs
    expect(outbox_item(page, report_id)).to_have_attribute("data-state", "sent", timeout=30_000)
    the_report_reached_the_coalition(reporter_server, report_id, account)

    # And nothing asked for the list between Send and the report's PUT: sealing used the list the phone held
    after_send = asked[asked_before_send:]
    put = after_send.index(("PUT", f"/api/v1/reports/{report_id}"))
    assert ("GET", LIST_PATH) not in after_send[:put], after_send[:put]
    assert phone.page_errors == []
