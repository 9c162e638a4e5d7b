"""Reviewers hear of new reports from a real `kua serve` through real pywebpush requests to a push
service on 127.0.0.1: every push has the same size and the same content-free plaintext, a TTL, and
high urgency only when something is happening now. A dead subscription is pruned; a hanging push
service delays no submission; a push waiting when the server is killed arrives after the restart."""

import statistics
import time

import httpx
import pytest
from py_vapid import Vapid02

from tests.push.actors import REPORT_TEXT, a_phone_sends_a_report, a_reviewer_of, opts_in, rows
from tests.push.push_service import Browser, PushServiceStub
from tests.support.polling import wait_until
from tests.support.server import RunningServer

pytestmark = pytest.mark.slow

REVIEWER_TTL = 12 * 3600


def test_every_reviewer_hears_of_new_reports_in_identical_content_free_pushes(
    server: RunningServer, push_service: PushServiceStub
) -> None:
    # Given two reviewers whose consoles opted in to pushes
    aigerim, bolat = a_reviewer_of(server, "Aigerim"), a_reviewer_of(server, "Bolat")
    at_aigerim, at_bolat = Browser(push_service.endpoint("aigerim")), Browser(push_service.endpoint("bolat"))
    assert opts_in(aigerim, at_aigerim).status_code == 204
    assert opts_in(bolat, at_bolat).status_code == 204

    # When a phone sends a report, then another one saying something is happening now
    ordinary = a_phone_sends_a_report(server.base_url)
    first = push_service.wait_for(2)
    urgent = a_phone_sends_a_report(server.base_url, happening_now=True)
    pushes = push_service.wait_for(4)

    # Then each console got one push per report, all of one size, all with the same plaintext
    assert sorted(p.path for p in pushes) == sorted([at_aigerim.path, at_bolat.path] * 2)
    assert len({len(p.body) for p in pushes}) == 1
    browsers = {at_aigerim.path: at_aigerim, at_bolat.path: at_bolat}
    plaintexts = {browsers[p.path].decrypt(p.body) for p in pushes}
    assert len(plaintexts) == 1
    (plaintext,) = plaintexts
    assert plaintext.rstrip(b" ") == b'{"v":1,"kind":"activity"}' and len(plaintext) == 128
    # And nothing about a report travels: not in the plaintext, the headers or the address
    for push in pushes:
        seen = (push.path + repr(push.headers)).encode() + browsers[push.path].decrypt(push.body)
        for report in (ordinary, urgent):
            assert str(report.report_id).encode() not in seen and report.report_id.hex.encode() not in seen
        assert REPORT_TEXT.encode() not in seen
        assert push.headers["content-encoding"] == "aes128gcm"
        # And every push says how long the push service may keep it, signed with the server's VAPID key
        assert REVIEWER_TTL - 60 < int(push.headers["ttl"]) <= REVIEWER_TTL  # 12 h, less the time it waited
        assert Vapid02.verify(push.headers["authorization"])
        vapid_key = httpx.get(server.url("/api/v1/push/key")).json()["vapid_public_key"]
        assert f"k={vapid_key}" in push.headers["authorization"]
    # And only the report happening now went with high urgency
    assert {p.headers["urgency"] for p in first} == {"normal"}
    assert {p.headers["urgency"] for p in pushes[2:]} == {"high"}
    # And nothing waits any more
    assert rows(server.env["KUA_DATABASE_URL"], "push_message") == 0


def test_a_subscription_the_push_service_calls_gone_is_deleted(
    server: RunningServer, push_service: PushServiceStub
) -> None:
    # Given a reviewer whose browser dropped its subscription: the push service answers 410
    dana = a_reviewer_of(server, "Dana")
    gone = Browser(push_service.endpoint("gone"))
    push_service.modes[gone.path] = "gone"
    assert opts_in(dana, gone).status_code == 204
    database_url = server.env["KUA_DATABASE_URL"]
    assert rows(database_url, "push_subscription") == 1

    # When a report arrives and the push is refused as gone
    a_phone_sends_a_report(server.base_url)
    wait_until(lambda: any(p.status == 410 for p in push_service.received), timeout=20, what="the 410")

    # Then the subscription and its push are deleted
    wait_until(lambda: rows(database_url, "push_subscription") == 0, timeout=10, what="the subscription to be deleted")
    assert rows(database_url, "push_message") == 0


def test_a_push_service_that_hangs_delays_no_submission(server: RunningServer, push_service: PushServiceStub) -> None:
    # Given how long a submission takes while no reviewer is subscribed
    before = [_timed_submission(server) for _ in range(8)]
    # And a reviewer subscribed at a push service that never answers
    push_service.mode = "hang"
    erlan = a_reviewer_of(server, "Erlan")
    assert opts_in(erlan, Browser(push_service.endpoint("erlan"))).status_code == 204

    # When phones send reports while every push hangs
    during = [_timed_submission(server) for _ in range(8)]
    wait_until(lambda: push_service.hanging >= 1, timeout=20, what="a push to hang")
    during += [_timed_submission(server) for _ in range(8)]

    # Then every report was stored (201) as fast as before: no submission waits for a push
    assert max(during) < 1.0, during
    assert statistics.median(during) < max(3 * statistics.median(before), 0.25), (before, during)


def test_a_push_waiting_when_the_server_is_killed_arrives_after_the_restart(
    server: RunningServer, push_service: PushServiceStub
) -> None:
    # Given a reviewer subscribed at a push service that does not answer
    push_service.mode = "hang"
    farida = a_reviewer_of(server, "Farida")
    browser = Browser(push_service.endpoint("farida"))
    assert opts_in(farida, browser).status_code == 204
    a_phone_sends_a_report(server.base_url)
    wait_until(lambda: push_service.hanging >= 1, timeout=20, what="the push to hang")

    # When the server is killed (kill -9) while the push is waiting, and the push service recovers
    server.kill()
    push_service.mode = "accept"
    server.restart()

    # Then the push arrives after the restart
    (push,) = push_service.wait_for(1, path=browser.path, timeout=30)
    assert browser.decrypt(push.body).rstrip(b" ") == b'{"v":1,"kind":"activity"}'


def _timed_submission(server: RunningServer) -> float:
    started = time.perf_counter()
    a_phone_sends_a_report(server.base_url)
    return time.perf_counter() - started
