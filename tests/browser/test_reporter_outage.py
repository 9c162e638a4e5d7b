"""The server goes down for 30 s while a report waits on the phone; once it is back the report arrives in seconds
(issue 22: the drain's backoff alone could wait a minute, and no browser event says that a server came back).

The phone is Debian's Chromium with a profile on disk, talking straight to a real `kua serve` that is killed and
started again on the same port with the same data, as after a crash or a deploy.
"""

import time

import pytest
from playwright.sync_api import expect

from tests.browser.app_server import DELIVERED_WITHIN_SECONDS, OUTAGE_SECONDS
from tests.browser.phone import UI_TIMEOUT, Phone, fill, outbox_item, send_report, write_a_search_report
from tests.support.figures import Figures
from tests.support.server import RunningServer

pytestmark = pytest.mark.browser


def test_a_report_queued_during_an_outage_arrives_within_seconds_of_the_return(
    phone: Phone, own_server: RunningServer, figures: Figures
) -> None:
    # Given a relative with the app open (installed: its code comes from the service worker), and a server
    # that then goes down (killed, as a crash would)
    page = phone.open(own_server.base_url)
    phone.wait_for_service_worker(page)
    own_server.kill()
    down_since = time.monotonic()

    # When they write a report and send it while the server is down
    write_a_search_report(page, fill("account-text", "Обыск дома, пока сервер не отвечал."))
    report_id = send_report(page)
    # Then it waits on the phone, the try having found no server
    item = outbox_item(page, report_id)
    expect(item).to_have_attribute("data-state", "waiting", timeout=UI_TIMEOUT)
    expect(item.get_by_test_id("outbox-error")).to_be_visible(timeout=UI_TIMEOUT)

    # When the server comes back on the same address with the same data after 30 s down
    # (the outage's length is the scenario itself, not a wait for something to happen)
    time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - down_since)))
    own_server.restart(same_port=True)
    back_at = time.monotonic()

    # Then the report is delivered, its receipt on screen, within 10 s of the server's return
    expect(item).to_have_attribute("data-state", "sent", timeout=DELIVERED_WITHIN_SECONDS * 1000)
    delivered_after = time.monotonic() - back_at
    expect(item.get_by_test_id("receipt")).to_be_visible(timeout=UI_TIMEOUT)
    figures.record(
        f"reporter outage: server down {OUTAGE_SECONDS} s, report delivered {delivered_after:.1f} s after its return"
    )
