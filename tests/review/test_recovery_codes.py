"""A reviewer who lost the authenticator signs in with the password and one of the ten recovery codes
given at enrolment, once per code; the codes are stored only as hashes, a wrong or spent one counts as a
wrong code (the same answer, the same lockout), and every use is in the audit log with the codes left."""

import hashlib
import json
import re

import httpx
import pytest
import sqlalchemy as sa

from tests.review.console import Console, a_reviewer, audit_actions
from tests.support.refusals import assert_refused

pytestmark = pytest.mark.slow

CODE = re.compile(r"^[a-z2-7]{4}(-[a-z2-7]{4}){3}$")


def test_enrolment_gives_ten_distinct_codes_kept_only_as_hashes(console: Console) -> None:
    aigul = a_reviewer(console, "Aigul")
    assert len(aigul.recovery_codes) == 10 and len(set(aigul.recovery_codes)) == 10
    assert all(CODE.match(code) for code in aigul.recovery_codes)
    with console.db() as db:
        stored = set(db.execute(sa.text("SELECT code_sha256 FROM recovery_code")).scalars())
        everything = " ".join(str(row) for row in db.execute(sa.text("SELECT * FROM recovery_code")))
    assert stored == {hashlib.sha256(code.replace("-", "").encode()).hexdigest() for code in aigul.recovery_codes}
    for code in aigul.recovery_codes:
        assert code not in everything and code.replace("-", "") not in everything
    # The codes are given once: signing in again (a later TOTP code) does not show them
    console.clock.advance(seconds=30)
    again = aigul.sign_in()
    assert again.status_code == 200 and again.json().get("recovery_codes", []) == []


def test_a_code_signs_in_once_and_the_audit_log_says_so(console: Console) -> None:
    bolat = a_reviewer(console, "Bolat")
    code = bolat.recovery_codes[3]
    # Typed as people copy codes: upper case, spaces for dashes
    signed_in = bolat.sign_in(code=code.upper().replace("-", " "))
    assert signed_in.status_code == 200, signed_in.text
    assert bolat.get("/me").status_code == 200
    assert audit_actions(console)[-2:] == ["recovery_code_used", "login"]
    with console.db() as db:
        details = db.execute(sa.text("SELECT details FROM audit_entry ORDER BY seq DESC LIMIT 2")).scalars().all()
    assert [json.loads(d) if isinstance(d, str) else d for d in details] == [
        {"with": "recovery_code"},
        {"codes_left": 9},
    ]
    # The same code a second time is a wrong code
    assert_refused(httpx.post(console.url("/session"), json=_body(bolat.name, code)), 401, "login_failed")
    # Another code still works
    assert bolat.sign_in(code=bolat.recovery_codes[4]).status_code == 200


def test_a_code_works_only_for_its_reviewer_and_with_the_right_password(console: Console) -> None:
    dana, erlan = a_reviewer(console, "Dana"), a_reviewer(console, "Erlan")
    assert_refused(
        httpx.post(console.url("/session"), json=_body(erlan.name, dana.recovery_codes[0])), 401, "login_failed"
    )
    wrong_password = {**_body(dana.name, dana.recovery_codes[0]), "password": "not her password at all"}
    assert_refused(httpx.post(console.url("/session"), json=wrong_password), 401, "login_failed")
    # Neither attempt spent her code
    assert dana.sign_in(code=dana.recovery_codes[0]).status_code == 200


def test_wrong_codes_lock_as_wrong_totp_codes_do(console: Console) -> None:
    farida = a_reviewer(console, "Farida")
    for _ in range(3):
        assert_refused(
            httpx.post(console.url("/session"), json=_body(farida.name, "aaaa-aaaa-aaaa-aaaa")), 401, "login_failed"
        )
    # Locked for now: even a right code waits (and is not spent)
    locked = httpx.post(console.url("/session"), json=_body(farida.name, farida.recovery_codes[0]))
    assert locked.status_code in (401, 429), locked.text
    console.clock.advance(hours=1)
    assert farida.sign_in(code=farida.recovery_codes[0]).status_code == 200


def test_signing_in_with_a_code_says_how_many_are_left_and_a_totp_code_does_not(console: Console) -> None:
    gulnara = a_reviewer(console, "Gulnara")
    with_code = gulnara.sign_in(code=gulnara.recovery_codes[0])
    assert with_code.status_code == 200 and with_code.json()["recovery_codes_left"] == 9
    console.clock.advance(seconds=30)
    with_totp = gulnara.sign_in()
    assert with_totp.status_code == 200 and with_totp.json()["recovery_codes_left"] is None


def test_a_signed_in_reviewer_asks_for_a_new_set_and_the_old_codes_stop_working(console: Console) -> None:
    # Given Kairat, who has spent a code
    kairat = a_reviewer(console, "Kairat")
    old = kairat.recovery_codes
    assert kairat.sign_in(code=old[0]).status_code == 200
    # When he asks for a new set without the CSRF header, Then nothing changes
    assert kairat.client.post(console.url("/me/recovery-codes")).status_code == 403
    # When he asks with it, Then ten new codes come, once, and the log says so
    answer = kairat.post("/me/recovery-codes")
    assert answer.status_code == 201, answer.text
    new = answer.json()["recovery_codes"]
    assert len(set(new)) == 10 and all(CODE.match(code) for code in new) and not set(new) & set(old)
    assert audit_actions(console)[-1] == "recovery_codes_issued"
    # And an unused old code no longer signs in, a new one does, leaving nine
    assert_refused(httpx.post(console.url("/session"), json=_body(kairat.name, old[1])), 401, "login_failed")
    signed_in = kairat.sign_in(code=new[0])
    assert signed_in.status_code == 200 and signed_in.json()["recovery_codes_left"] == 9
    # And a stranger cannot ask for a set
    assert httpx.post(console.url("/me/recovery-codes")).status_code == 401


def _body(name: str, code: str) -> dict[str, str]:
    from tests.review.console import PASSWORD

    return {"name": name, "password": PASSWORD, "totp_code": code}
