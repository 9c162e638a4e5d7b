"""A phone that deletes everything tells the server: the server forgets its push subscription and asks
the browser (`Clear-Site-Data`) to drop this origin's storage and cache too."""

import httpx
import pytest

from tests.push.actors import a_phone_opts_in, a_phone_sends_a_report, rows
from tests.push.push_service import Browser, PushServiceStub
from tests.support.refusals import assert_refused
from tests.support.server import RunningServer

pytestmark = pytest.mark.slow


def test_a_wiped_phone_is_forgotten_and_its_browser_told_to_clear_the_site(
    server: RunningServer, database_url: str, push_service: PushServiceStub
) -> None:
    # Given a phone that follows its report's status by push
    phone = Browser(push_service.endpoint("phone"))
    assert a_phone_opts_in(server.base_url, phone, a_phone_sends_a_report(server.base_url)).status_code == 204
    assert rows(database_url, "push_subscription") == 1

    # When the relative deletes everything on it
    answer = httpx.post(server.url("/api/v1/wipe"), json={"push_endpoint": phone.endpoint}, timeout=30)

    # Then the server keeps nothing about that phone, and the browser is told to clear this site's data
    assert answer.status_code == 204, answer.text
    assert answer.headers["clear-site-data"] == '"cache", "storage"'
    assert rows(database_url, "push_subscription") == rows(database_url, "push_subscription_report") == 0


def test_a_wipe_without_a_subscription_or_with_an_unknown_one_says_nothing_of_other_phones(
    server: RunningServer, database_url: str, push_service: PushServiceStub
) -> None:
    phone = Browser(push_service.endpoint("phone"))
    assert a_phone_opts_in(server.base_url, phone, a_phone_sends_a_report(server.base_url)).status_code == 204
    stranger = Browser(push_service.endpoint("stranger"))
    for body in ({}, {"push_endpoint": None}, {"push_endpoint": stranger.endpoint}):
        answer = httpx.post(server.url("/api/v1/wipe"), json=body, timeout=30)
        assert (answer.status_code, answer.headers["clear-site-data"]) == (204, '"cache", "storage"'), body
    assert rows(database_url, "push_subscription") == 1


def test_a_malformed_wipe_is_refused_and_changes_nothing(
    server: RunningServer, database_url: str, push_service: PushServiceStub
) -> None:
    phone = Browser(push_service.endpoint("phone"))
    assert a_phone_opts_in(server.base_url, phone, a_phone_sends_a_report(server.base_url)).status_code == 204
    for body in ({"push_endpoint": phone.endpoint, "extra": 1}, {"push_endpoint": "x" * 5000}, [phone.endpoint]):
        answer = httpx.post(server.url("/api/v1/wipe"), json=body, timeout=30)
        assert_refused(answer, 422, "invalid_request")
        assert "clear-site-data" not in answer.headers
    assert rows(database_url, "push_subscription") == 1
