"""Sessions: every review address but the anonymous ones needs one; they expire when idle or old, end
when the reviewer is disabled, and a state change without the session's CSRF token changes nothing."""

import re
import uuid
from pathlib import Path

import httpx
import pyotp
import pytest
from fastapi.testclient import TestClient

from kua.api.routes.review.deps import COOKIE
from kua.api.services import services_of
from kua.db.session import transaction
from kua.review import accounts
from tests.review.console import API, Console, Reviewer, a_reviewer, audit_actions
from tests.support.app import migrated_app
from tests.support.refusals import assert_refused

pytestmark = pytest.mark.slow

ANONYMOUS = {
    ("GET", "/invitations/{token}"),
    ("POST", "/invitations/{token}/totp"),
    ("POST", "/invitations/{token}/accept"),
    ("POST", "/session"),
}


def review_routes(console: Console) -> list[tuple[str, str]]:
    """Every (method, path) the app serves under /api/v1/review/, read from the app's own OpenAPI document."""
    paths = console.app.openapi()["paths"]
    return sorted(
        (method.upper(), path.removeprefix(API))
        for path, operations in paths.items()
        if path.startswith(API + "/")
        for method in operations
    )


def filled(path: str) -> str:
    return re.sub(r"\{[a-z_]+\}", lambda _: str(uuid.uuid4()), path)


def test_every_review_address_but_the_anonymous_ones_needs_a_session(console: Console) -> None:
    routes = review_routes(console)
    assert len(routes) >= 21 and set(routes) >= ANONYMOUS
    client = httpx.Client(cookies={COOKIE: "a-token-no-session-has"})
    for method, path in routes:
        if (method, path) in ANONYMOUS:
            continue
        for sent in (httpx.Client(), client):  # no cookie, then a cookie of no session
            response = sent.request(method, console.url(filled(path)), json={} if method != "GET" else None)
            assert_refused(response, 401, "not_signed_in")


def test_every_state_change_with_a_session_needs_its_csrf_token(console: Console) -> None:
    reviewer = a_reviewer(console, "Aigerim", "admin")
    report_id = console.send_report()
    before = audit_actions(console)
    changes = [(m, p) for m, p in review_routes(console) if m != "GET" and (m, p) not in ANONYMOUS]
    assert len(changes) >= 7
    for method, path in changes:
        url = console.url(path.replace("{report_id}", str(report_id)))
        response = reviewer.client.request(method, url, json={"status": "rejected", "priority": "urgent"})
        assert_refused(response, 403, "csrf_failed")
    assert audit_actions(console) == before
    assert reviewer.get(f"/reports/{report_id}").json()["status"] == "new"


def test_an_admin_reads_the_audit_log_and_a_triager_may_not(console: Console) -> None:
    admin, triager = a_reviewer(console, "Aigerim", "admin"), a_reviewer(console, "Bolat", "triager")
    assert_refused(triager.get("/audit"), 403, "forbidden")
    entries = admin.get("/audit").json()["entries"]
    assert [e["action"] for e in entries] == ["reviewer_invited", "invitation_accepted", "recovery_codes_issued"] * 2


def test_a_state_change_without_the_csrf_token_is_refused_and_changes_nothing(console: Console) -> None:
    reviewer = a_reviewer(console, "Aigerim")
    report_id = console.send_report()
    before = audit_actions(console)
    for headers in ({}, {"X-Kua-CSRF": ""}, {"X-Kua-CSRF": "a-token-of-another-session"}):
        status = reviewer.client.post(
            console.url(f"/reports/{report_id}/status"), json={"status": "in_review"}, headers=headers
        )
        assert_refused(status, 403, "csrf_failed")
        assert_refused(reviewer.client.delete(console.url("/session"), headers=headers), 403, "csrf_failed")
    assert reviewer.get(f"/reports/{report_id}").json()["status"] == "new"
    assert reviewer.get("/me").status_code == 200, "still signed in"
    assert audit_actions(console) == before
    # With the token, the same request goes through
    assert reviewer.post(f"/reports/{report_id}/status", json={"status": "in_review"}).status_code == 200


def test_another_session_s_csrf_token_is_refused(console: Console) -> None:
    aigerim, bolat = a_reviewer(console, "Aigerim"), a_reviewer(console, "Bolat")
    report_id = console.send_report()
    crossed = aigerim.client.post(
        console.url(f"/reports/{report_id}/status"),
        json={"status": "rejected"},
        headers={"X-Kua-CSRF": bolat.csrf_token},
    )
    assert_refused(crossed, 403, "csrf_failed")


def test_a_session_ends_after_30_idle_minutes(console: Console) -> None:
    reviewer = a_reviewer(console, "Aigerim")
    for _ in range(3):  # in use: each request keeps it alive
        console.clock.advance(minutes=29)
        assert reviewer.get("/me").status_code == 200
    console.clock.advance(minutes=30)
    assert_refused(reviewer.get("/me"), 401, "not_signed_in")


def test_a_session_ends_after_12_hours_however_busy(console: Console) -> None:
    reviewer = a_reviewer(console, "Aigerim")
    for _ in range(35):
        console.clock.advance(minutes=20)
        assert reviewer.get("/me").status_code == 200
    console.clock.advance(minutes=20)  # 12 hours after signing in
    assert_refused(reviewer.get("/me"), 401, "not_signed_in")


def test_signing_out_ends_the_session(console: Console) -> None:
    reviewer = a_reviewer(console, "Aigerim")
    token = reviewer.client.cookies[COOKIE]
    signed_out = reviewer.send("DELETE", "/session")
    assert signed_out.status_code == 204
    assert f"{COOKIE}=" in signed_out.headers["set-cookie"] and "Max-Age=0" in signed_out.headers["set-cookie"]
    assert_refused(httpx.get(console.url("/me"), cookies={COOKIE: token}), 401, "not_signed_in")
    assert audit_actions(console)[-1] == "logout"


def test_disabling_a_reviewer_ends_its_sessions_at_once(console: Console) -> None:
    # Given Bolat signed in on two browsers
    bolat = a_reviewer(console, "Bolat")
    console.clock.advance(seconds=30)
    other_browser = httpx.Client()
    assert other_browser.post(console.url("/session"), json=_credentials(bolat)).status_code == 200
    # When an operator disables him
    disabled = console.kua("reviewers", "disable", "Bolat")
    assert disabled.returncode == 0, disabled.stderr
    assert "Bolat is disabled; 2 session(s) ended." in disabled.stdout
    # Then both sessions are over, and he can no longer sign in
    assert_refused(bolat.get("/me"), 401, "not_signed_in")
    assert_refused(other_browser.get(console.url("/me")), 401, "not_signed_in")
    console.clock.advance(seconds=30)
    assert_refused(bolat.sign_in(), 401, "login_failed")


def test_a_session_of_a_reviewer_disabled_meanwhile_is_refused(console: Console) -> None:
    bolat = a_reviewer(console, "Bolat")
    with console.db() as connection, connection.begin():  # a session row that outlived the disabling
        connection.exec_driver_sql("UPDATE reviewer SET state = 'disabled'")
    assert_refused(bolat.get("/me"), 401, "not_signed_in")


def _credentials(reviewer: Reviewer) -> dict[str, str]:
    return {"name": reviewer.name, "password": reviewer.password, "totp_code": reviewer.code()}


@pytest.mark.parametrize(
    ("public_base_url", "secure"), [("http://127.0.0.1:8000", False), ("https://kua.example.org", True)]
)
def test_the_session_cookie_is_httponly_strict_and_secure_over_https(
    tmp_path: Path, public_base_url: str, secure: bool
) -> None:
    app = migrated_app(tmp_path, public_base_url=public_base_url)
    services = services_of(app)
    with transaction(services.engine) as session:
        token, _ = accounts.invite(session, name="Aigerim", role="admin", now=services.clock())
    with TestClient(app, base_url=public_base_url) as client:
        secret = client.post(f"{API}/invitations/{token}/totp").json()["secret"]
        code = pyotp.TOTP(secret).at(services.clock())
        accepted = client.post(
            f"{API}/invitations/{token}/accept", json={"password": "amber kettle under ninety", "totp_code": code}
        )
    assert accepted.status_code == 201, accepted.text
    cookie = accepted.headers["set-cookie"]
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
    assert cookie.startswith(f"{COOKIE}=")
    assert {"httponly", "path", "samesite"} <= attributes and "max-age" not in attributes
    assert "SameSite=strict" in cookie and "Path=/" in cookie
    assert ("secure" in attributes) is secure


def test_every_review_answer_is_no_store(console: Console) -> None:
    reviewer = a_reviewer(console, "Aigerim", "admin")
    report_id = console.send_report()
    for response in (
        reviewer.get("/me"),
        reviewer.get("/reports"),
        reviewer.get(f"/reports/{report_id}/ciphertext"),
        reviewer.get("/audit"),
        httpx.get(console.url("/me")),
        httpx.get(console.url("/invitations/unknown")),
    ):
        assert response.headers["cache-control"] == "no-store", response.request.url
