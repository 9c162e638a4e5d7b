"""One push endpoint written in several forms is one subscription (issue 16, finding 9).

Browsers send what the push service gave them, but anyone can send the same endpoint with the host in
upper case, a trailing dot or the default port: it names the same push channel, so it must not be
stored twice (each copy would get every push: more traffic, and pushes counted twice).
"""

import httpx
import pytest
import sqlalchemy as sa

from tests.push.actors import a_phone_sends_a_report
from tests.push.push_service import Browser, PushServiceStub
from tests.review.console import Console, a_reviewer

pytestmark = pytest.mark.slow

FCM = "https://fcm.googleapis.com/fcm/send/cXy1:APA91bH"
FORMS_OF_FCM = [
    FCM,
    "HTTPS://FCM.GOOGLEAPIS.COM/fcm/send/cXy1:APA91bH",
    "https://fcm.googleapis.com./fcm/send/cXy1:APA91bH",
    "https://Fcm.GoogleApis.com.:443/fcm/send/cXy1:APA91bH",
]
MOZILLA = "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABl"


def stored_endpoints(console: Console) -> list[str]:
    with console.db() as connection:
        return list(connection.execute(sa.text("SELECT endpoint FROM push_subscription")).scalars())


def test_a_reviewers_endpoint_in_other_forms_is_stored_once(console: Console, push_service: PushServiceStub) -> None:
    aigerim = a_reviewer(console, "Aigerim")
    browser = Browser(FCM)
    # When her console registers the same endpoint in four forms
    for endpoint in FORMS_OF_FCM:
        response = aigerim.send("PUT", "/push-subscription", json={**browser.subscription(), "endpoint": endpoint})
        assert response.status_code == 204, response.text
    # Then one subscription is stored, in the plain form
    assert stored_endpoints(console) == [FCM]
    # And opting out in yet another form forgets it
    assert aigerim.send("DELETE", "/push-subscription", json={"endpoint": FORMS_OF_FCM[-1]}).status_code == 204
    assert stored_endpoints(console) == []


def test_a_phones_endpoint_in_other_forms_is_stored_once(console: Console, push_service: PushServiceStub) -> None:
    report = a_phone_sends_a_report(console.server.base_url)
    browser = Browser(MOZILLA)
    url = console.server.url("/api/v1/reports/push-subscription")
    claim = {"report_id": str(report.report_id), "reporter_token": report.reporter_token}
    forms = [MOZILLA, MOZILLA.replace("updates.push", "UPDATES.PUSH"), MOZILLA.replace(".com/", ".com.:443/")]
    for endpoint in forms:
        body = {"subscription": {**browser.subscription(), "endpoint": endpoint}, "reports": [claim]}
        response = httpx.post(url, json=body, timeout=30)
        assert response.status_code == 204, response.text
    assert stored_endpoints(console) == [MOZILLA]
    # A path differing in case is another channel: push services' tokens are case-sensitive
    other = MOZILLA.replace("gAAAAABl", "GAAAAABL")
    body = {"subscription": {**Browser(other).subscription()}, "reports": [claim]}
    assert httpx.post(url, json=body, timeout=30).status_code == 204
    assert sorted(stored_endpoints(console)) == sorted([MOZILLA, other])
