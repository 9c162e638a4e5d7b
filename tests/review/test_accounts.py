"""A reviewer is invited, enrolls with a password and an authenticator app, and signs in; every wrong
factor gets the same answer and a code works once. What strangers' failures do: test_sign_in_abuse.py."""

import httpx
import pyotp
import pytest

from tests.review.console import PASSWORD, Console, Reviewer, a_reviewer, audit_actions, enroll
from tests.support.refusals import assert_refused

pytestmark = pytest.mark.slow


def test_an_invited_reviewer_enrolls_and_is_signed_in(console: Console) -> None:
    # Given an invitation for Aigerim
    token = console.invite("Aigerim", "admin")
    client = httpx.Client()
    invitation = client.get(console.url(f"/invitations/{token}"))
    assert invitation.json()["name"] == "Aigerim" and invitation.json()["role"] == "admin"
    # When she asks for a TOTP secret twice, Then each call gives a new one, for her authenticator app
    first = client.post(console.url(f"/invitations/{token}/totp")).json()
    second = client.post(console.url(f"/invitations/{token}/totp")).json()
    assert first["secret"] != second["secret"]
    assert second["otpauth_uri"].startswith("otpauth://totp/Kua:Aigerim?") and second["secret"] in second["otpauth_uri"]
    # When she accepts with a code of the first secret, Then it is refused: only the newest counts
    stale = {"password": PASSWORD, "totp_code": pyotp.TOTP(first["secret"]).at(console.clock())}
    assert_refused(client.post(console.url(f"/invitations/{token}/accept"), json=stale), 422, "invalid_totp_code")
    # When she accepts with the newest, Then she is signed in: a session cookie and a CSRF token
    code = pyotp.TOTP(second["secret"]).at(console.clock())
    accepted = client.post(console.url(f"/invitations/{token}/accept"), json={"password": PASSWORD, "totp_code": code})
    assert accepted.status_code == 201, accepted.text
    body = accepted.json()
    assert body["reviewer"]["name"] == "Aigerim" and body["reviewer"]["role"] == "admin"
    assert body["reviewer"]["recipient"] is None and body["reviewer"]["recipient_state"] == "none"
    assert len(body["csrf_token"]) >= 40
    me = client.get(console.url("/me"))
    assert me.status_code == 200 and me.json() == body["reviewer"]
    assert len(body["recovery_codes"]) == 10
    assert audit_actions(console) == ["reviewer_invited", "invitation_accepted", "recovery_codes_issued"]


def test_an_invitation_is_used_once(console: Console) -> None:
    token = console.invite("Bolat")
    enroll(console, token)
    again = httpx.Client()
    assert_refused(again.get(console.url(f"/invitations/{token}")), 410, "invitation_used")
    assert_refused(again.post(console.url(f"/invitations/{token}/totp")), 410, "invitation_used")
    accept = again.post(console.url(f"/invitations/{token}/accept"), json={"password": PASSWORD, "totp_code": "000000"})
    assert_refused(accept, 410, "invitation_used")


def test_an_invitation_expires_after_72_hours(console: Console) -> None:
    token = console.invite("Dana")
    console.clock.advance(hours=71, minutes=59)
    assert httpx.get(console.url(f"/invitations/{token}")).status_code == 200
    console.clock.advance(minutes=1)
    assert_refused(httpx.get(console.url(f"/invitations/{token}")), 410, "invitation_expired")
    assert_refused(httpx.post(console.url(f"/invitations/{token}/totp")), 410, "invitation_expired")


def test_an_unknown_invitation_is_not_found(console: Console) -> None:
    assert_refused(httpx.get(console.url("/invitations/not-a-token-anyone-was-given")), 404, "invitation_not_found")


def test_a_short_password_is_refused_and_the_invitation_stays_usable(console: Console) -> None:
    token = console.invite("Erlan")
    client = httpx.Client()
    secret = client.post(console.url(f"/invitations/{token}/totp")).json()["secret"]
    short = {"password": "eleven-char", "totp_code": pyotp.TOTP(secret).at(console.clock())}
    assert_refused(client.post(console.url(f"/invitations/{token}/accept"), json=short), 422, "password_too_short")
    assert client.get(console.url(f"/invitations/{token}")).status_code == 200


@pytest.mark.parametrize(
    ("password", "code"),
    [
        (" " * 12, "password_blank"),
        ("\t \u00a0" * 6, "password_blank"),
        ("a" * 12, "password_repeated"),
        ("password1234", "password_common"),
        ("qwertyuiop12", "password_common"),
        ("Kordai123456", "password_common"),
        ("Erlan-Erlan-Erlan", "password_common"),  # the reviewer's own name
    ],
)
def test_a_blank_repeated_or_common_password_is_refused_with_a_reason(
    console: Console, password: str, code: str
) -> None:
    # Given Erlan's invitation, a TOTP secret and a right code
    token = console.invite("Erlan")
    client = httpx.Client()
    secret = client.post(console.url(f"/invitations/{token}/totp")).json()["secret"]
    body = {"password": password, "totp_code": pyotp.TOTP(secret).at(console.clock())}
    # When he sends a weak password straight to the server (no console to stop him)
    refused = client.post(console.url(f"/invitations/{token}/accept"), json=body)
    # Then it is refused with a reason, and nothing changed: the invitation still works with a decent one
    assert_refused(refused, 422, code)
    body["password"] = "amber kettle under ninety"
    assert client.post(console.url(f"/invitations/{token}/accept"), json=body).status_code == 201


def test_accepting_before_asking_for_a_totp_secret_is_refused(console: Console) -> None:
    token = console.invite("Farida")
    accept = httpx.post(console.url(f"/invitations/{token}/accept"), json={"password": PASSWORD, "totp_code": "123456"})
    assert_refused(accept, 409, "totp_not_started")


@pytest.fixture
def aigerim(console: Console) -> Reviewer:
    """Aigerim, enrolled, signed out, a TOTP step after her enrollment code."""
    reviewer = a_reviewer(console, "Aigerim")
    assert reviewer.send("DELETE", "/session").status_code == 204
    console.clock.advance(seconds=30)
    return reviewer


def wrong_code(reviewer: Reviewer) -> str:
    return next(code for code in ("000000", "111111", "222222") if code != reviewer.code())


def test_a_reviewer_signs_in_with_password_and_code(console: Console, aigerim: Reviewer) -> None:
    response = aigerim.sign_in()
    assert response.status_code == 200, response.text
    assert response.json()["reviewer"]["name"] == "Aigerim"
    assert aigerim.get("/session").json()["csrf_token"] == aigerim.csrf_token
    assert audit_actions(console)[-2:] == ["logout", "login"]


def test_a_wrong_name_password_or_code_gets_one_answer(console: Console, aigerim: Reviewer) -> None:
    stranger = Reviewer(console, "Nobody", aigerim.totp_secret)
    refusals = [
        stranger.sign_in(),
        aigerim.sign_in(password="wrong horse battery staple"),
        aigerim.sign_in(code=wrong_code(aigerim)),
    ]
    for response in refusals:
        assert_refused(response, 401, "login_failed")
    assert len({response.text for response in refusals}) == 1
    assert "set-cookie" not in {name.lower() for response in refusals for name in response.headers}
    # Failures on her account are in the audit log (the unknown name has no account to name)
    assert audit_actions(console)[-2:] == ["login_failed", "login_failed"]


def test_a_code_is_accepted_once(console: Console, aigerim: Reviewer) -> None:
    code = aigerim.code()
    assert aigerim.sign_in(code=code).status_code == 200
    aigerim.send("DELETE", "/session")
    # Within the same 30 seconds, someone who watched her type it tries it again
    console.clock.advance(seconds=10)
    assert_refused(aigerim.sign_in(code=code), 401, "login_failed")
    # The next step's code works
    console.clock.advance(seconds=30)
    assert aigerim.sign_in().status_code == 200


def test_the_enrollment_code_cannot_sign_in_again(console: Console) -> None:
    reviewer = a_reviewer(console, "Gulnara")
    assert_refused(reviewer.sign_in(), 401, "login_failed")  # the same step as the enrollment


def test_a_code_from_the_step_before_or_after_is_accepted_for_clock_drift(console: Console, aigerim: Reviewer) -> None:
    totp = pyotp.TOTP(aigerim.totp_secret)
    console.clock.advance(seconds=60)  # the step before is not her enrollment's
    behind = totp.at(console.clock(), counter_offset=-1)
    assert aigerim.sign_in(code=behind).status_code == 200
    console.clock.advance(seconds=60)
    ahead = totp.at(console.clock(), counter_offset=2)
    assert_refused(aigerim.sign_in(code=ahead), 401, "login_failed")
