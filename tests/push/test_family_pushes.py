"""A family opts in on its phone, proving with reporter tokens which reports it sent; it hears (a
content-free push, the same bytes reviewers get) when a report's coarse status changes, and only then."""

import uuid

import httpx
import pytest
import sqlalchemy as sa

from tests.push.actors import SentReport, a_phone_opts_in, a_phone_sends_a_report
from tests.push.push_service import Browser, PushServiceStub
from tests.review.console import Console, Reviewer, a_reviewer
from tests.support.polling import wait_until
from tests.support.refusals import assert_refused

pytestmark = pytest.mark.slow

FAMILY_TTL = 7 * 24 * 3600


def test_a_family_hears_when_its_report_changes_coarse_status_and_not_otherwise(
    console: Console, push_service: PushServiceStub
) -> None:
    # Given a phone that sent a report and opted in to pushes about it
    report = a_phone_sends_a_report(console.server.base_url)
    phone = Browser(push_service.endpoint("phone"))
    assert a_phone_opts_in(console.server.base_url, phone, report).status_code == 204
    aigerim = a_reviewer(console, "Aigerim")

    # When a reviewer takes it up (received -> in review): the family hears
    _move(aigerim, report, "in_review")
    (push,) = push_service.wait_for(1, path=phone.path)
    assert phone.decrypt(push.body).rstrip(b" ") == b'{"v":1,"kind":"activity"}'
    assert FAMILY_TTL - 60 < int(push.headers["ttl"]) <= FAMILY_TTL and push.headers["urgency"] == "normal"

    # When it is verified (still "in review" for the family): nothing
    _move(aigerim, report, "verified")
    _wait_until_nothing_is_queued_for(console, phone)
    assert len(push_service.delivered(phone.path)) == 1

    # When it is escalated (acted on): the family hears again
    _move(aigerim, report, "escalated")
    push_service.wait_for(2, path=phone.path)


def test_a_phone_follows_only_the_reports_it_proves(console: Console, push_service: PushServiceStub) -> None:
    base_url = console.server.base_url
    ours, theirs = a_phone_sends_a_report(base_url), a_phone_sends_a_report(base_url)
    phone = Browser(push_service.endpoint("phone"))
    # A wrong token for every report proves nothing: refused, nothing stored
    forged = SentReport(theirs.report_id, ours.reporter_token)
    assert_refused(a_phone_opts_in(base_url, phone, forged), 403, "reports_not_proven")
    assert _count(console, "push_subscription") == 0
    # One proven report among unproven ones: only it is followed
    assert a_phone_opts_in(base_url, phone, ours, forged).status_code == 204
    assert _count(console, "push_subscription_report") == 1
    aigerim = a_reviewer(console, "Aigerim")
    _move(aigerim, theirs, "in_review")
    _move(aigerim, ours, "rejected")
    push_service.wait_for(1, path=phone.path)
    _wait_until_nothing_is_queued_for(console, phone)
    assert len(push_service.delivered(phone.path)) == 1

    # When the phone opts out, nothing is kept about it
    opted_out = console.server.url("/api/v1/reports/push-subscription/delete")
    assert aigerim.client.post(opted_out, json={"endpoint": phone.endpoint}).status_code == 204
    assert _count(console, "push_subscription") == _count(console, "push_subscription_report") == 0


def test_a_phone_cannot_take_over_a_reviewers_endpoint(console: Console, push_service: PushServiceStub) -> None:
    aigerim = a_reviewer(console, "Aigerim")
    console_browser = Browser(push_service.endpoint("console"))
    assert aigerim.send("PUT", "/push-subscription", json=console_browser.subscription()).status_code == 204
    report = a_phone_sends_a_report(console.server.base_url)
    thief = Browser(console_browser.endpoint)  # the same endpoint, other keys
    response = a_phone_opts_in(console.server.base_url, thief, report)
    assert_refused(response, 409, "push_endpoint_in_use")
    assert _count(console, "push_subscription_report") == 0


def _move(reviewer: Reviewer, report: SentReport, status: str) -> None:
    response = reviewer.post(f"/reports/{report.report_id}/status", json={"status": status})
    assert response.status_code == 200, response.text


def _wait_until_nothing_is_queued_for(console: Console, browser: Browser) -> None:
    """Until no push waits in the queue for `browser`.

    A family's push is queued in the status change's own transaction and leaves the queue only once the push
    service took it: when nothing waits, every push the changes so far caused is in the push service's log.
    """
    query = sa.text(
        "SELECT count(*) FROM push_message JOIN push_subscription ON push_subscription.id = subscription_id"
        " WHERE endpoint = :endpoint"
    )

    def nothing_queued() -> bool:
        with console.db() as connection:
            return connection.execute(query, {"endpoint": browser.endpoint}).scalar_one() == 0

    wait_until(nothing_queued, timeout=20, what="the push queue to hold nothing for the phone")


def _count(console: Console, table: str) -> int:
    with console.db() as connection:
        return int(connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_a_question_tells_the_phone_and_its_answer_tells_the_reviewers(
    console: Console, push_service: PushServiceStub
) -> None:
    # Given a reviewer whose console opted in, and a phone following the report it sent
    base_url = console.server.base_url
    aigerim = a_reviewer(console, "Aigerim")
    desk = Browser(push_service.endpoint("desk"))
    assert aigerim.send("PUT", "/push-subscription", json=desk.subscription()).status_code == 204
    report = a_phone_sends_a_report(base_url)
    phone = Browser(push_service.endpoint("phone"))
    assert a_phone_opts_in(base_url, phone, report).status_code == 204
    push_service.wait_for(1, path=desk.path)  # the new report, announced

    # When the reviewer asks a question (an age file; its content is not the server's business)
    question = b"age-encryption.org/v1\n-> X25519 sealed question\n"
    asked = aigerim.send(
        "PUT",
        f"/reports/{report.report_id}/questions/{uuid.uuid4()}",
        content=question,
        headers={"Content-Type": "application/octet-stream"},
    )
    assert asked.status_code == 201, asked.text
    # Then the phone hears, with the same content-free bytes as any push
    (push,) = push_service.wait_for(1, path=phone.path)
    assert phone.decrypt(push.body).rstrip(b" ") == b'{"v":1,"kind":"activity"}'

    # When the family answers, the reviewers hear
    answer = httpx.put(
        f"{base_url}/api/v1/reports/{report.report_id}/answers/{uuid.uuid4()}",
        content=b"age-encryption.org/v1\n-> X25519 sealed answer\n",
        headers={"Content-Type": "application/octet-stream", "Kua-Reporter-Token": report.reporter_token},
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    push_service.wait_for(2, path=desk.path)
