"""Subscriptions the server must not accept: it POSTs to their endpoints, so an endpoint that is not
https at a push service (a private address, a local name, another port) is refused, as are missing
or malformed keys. Every refusal is a 4xx in the one error shape, and stores nothing."""

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from tests.push.actors import a_phone_sends_a_report
from tests.push.push_service import Browser, PushServiceStub
from tests.review.console import Console, a_reviewer
from tests.support.app import migrated_app
from tests.support.refusals import assert_refused

pytestmark = pytest.mark.slow

FCM = "https://fcm.googleapis.com/fcm/send/cXy1:APA91bH"


def _with(browser: Browser, **changes: Any) -> dict[str, Any]:
    subscription = browser.subscription()
    keys = {**subscription["keys"], **changes.pop("keys", {})}
    return {**subscription, "keys": keys, **changes}


BAD_ENDPOINTS = {
    "plain http": "http://fcm.googleapis.com/fcm/send/x",
    "a private address": "https://10.0.0.7/push/x",
    "a loopback address as https": "https://127.0.0.1/push/x",
    "an IPv6 address": "https://[::1]/push/x",
    "a decimal address": "https://2130706433/push/x",
    "a local name": "https://localhost/push/x",
    "a name under .internal": "https://push.fcm.internal/x",
    "another port": "https://fcm.googleapis.com:8443/fcm/send/x",
    "a user name": "https://kua@fcm.googleapis.com/fcm/send/x",
    "no push service": "https://push.example.org/x",
    "a look-alike host": "https://fcm.googleapis.com.evil.example/x",
    "spaces": "https://fcm.googleapis.com/fcm/send/x y",
    "not a URL": "fcm.googleapis.com",
}


def bad_subscriptions(browser: Browser) -> dict[str, dict[str, Any]]:
    bad = {name: _with(browser, endpoint=endpoint) for name, endpoint in BAD_ENDPOINTS.items()}
    bad["too long"] = _with(browser, endpoint=FCM + "a" * 1100)
    bad["no keys"] = {"endpoint": FCM}
    bad["no auth"] = {"endpoint": FCM, "keys": {"p256dh": browser.subscription()["keys"]["p256dh"]}}
    bad["a point off the curve"] = _with(browser, endpoint=FCM, keys={"p256dh": "BA" + "A" * 85})
    bad["an auth of 8 bytes"] = _with(browser, endpoint=FCM, keys={"auth": "AAAAAAAAAAA"})
    bad["keys not base64url"] = _with(browser, endpoint=FCM, keys={"auth": "!!!!!!!!!!!!!!!!!!!!!!"})
    bad["no endpoint"] = {"keys": browser.subscription()["keys"]}
    return bad


def test_reviewers_and_phones_cannot_subscribe_endpoints_the_server_must_not_reach(
    console: Console, push_service: PushServiceStub
) -> None:
    aigerim = a_reviewer(console, "Aigerim")
    report = a_phone_sends_a_report(console.server.base_url)
    browser = Browser(push_service.endpoint("x"))

    def body(subscription: dict[str, Any]) -> dict[str, Any]:
        claim = {"report_id": str(report.report_id), "reporter_token": report.reporter_token}
        return {"subscription": subscription, "reports": [claim]}

    for subscription in bad_subscriptions(browser).values():
        by_reviewer = aigerim.send("PUT", "/push-subscription", json=subscription)
        by_phone = aigerim.client.post(console.server.url("/api/v1/reports/push-subscription"), json=body(subscription))
        for response in (by_reviewer, by_phone):
            assert_refused(response, 422, "invalid_push_subscription", "invalid_request")
    with console.db() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM push_subscription")).scalar_one() == 0


def test_a_phone_must_name_reports_with_tokens(console: Console, push_service: PushServiceStub) -> None:
    browser = Browser(push_service.endpoint("x"))
    url = console.server.url("/api/v1/reports/push-subscription")
    report = a_phone_sends_a_report(console.server.base_url)
    claim = {"report_id": str(report.report_id), "reporter_token": report.reporter_token}
    client = a_reviewer(console, "Aigerim").client
    for body in (
        {"subscription": browser.subscription(), "reports": []},
        {"subscription": browser.subscription(), "reports": [{**claim, "reporter_token": "short"}]},
        {"subscription": browser.subscription(), "reports": [claim] * 101},
        {"subscription": browser.subscription()},
    ):
        assert_refused(client.post(url, json=body), 422, "invalid_request")


@pytest.fixture
def production_like(tmp_path: Path) -> Iterator[TestClient]:
    """Loopback endpoints not allowed (as outside development and tests)."""
    with TestClient(migrated_app(tmp_path)) as client:
        yield client


def test_without_the_development_switch_a_loopback_endpoint_is_refused(
    production_like: TestClient, push_service: PushServiceStub
) -> None:
    browser = Browser(push_service.endpoint("x"))
    claim = {"report_id": "00000000-0000-4000-8000-000000000000", "reporter_token": "A" * 43}
    body = {"subscription": browser.subscription(), "reports": [claim]}
    response = production_like.post("/api/v1/reports/push-subscription", json=body)
    assert_refused(response, 422, "invalid_push_subscription")
    assert response.json()["error"]["message"] == "The endpoint must be an https:// URL."


def test_the_vapid_public_key_is_public(production_like: TestClient) -> None:
    key = production_like.get("/api/v1/push/key").json()["vapid_public_key"]
    point = base64.urlsafe_b64decode(key + "=")
    assert len(point) == 65 and point[0] == 4
    assert production_like.get("/api/v1/push/key").json()["vapid_public_key"] == key
