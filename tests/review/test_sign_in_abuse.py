"""Strangers try to sign in as a reviewer, and to learn who the reviewers are (issue 16, finding 3).

No stranger can keep a reviewer out: a wrong password counts against no account, and each client
(pseudonym of its address) has a small budget of tries, whatever names it tries. Unknown, active,
disabled and delayed names get the same answer, in the same time. Only someone who holds the password
can delay the account, by typing wrong codes after it.

Strangers speak from other loopback addresses (127.0.0.2, ...), so they are other clients to the server.
"""

import statistics
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from kua.db.session import transaction
from kua.review import accounts
from kua.review.accounts import code_delay
from tests.review.console import PASSWORD, Console, Reviewer, a_reviewer, running_console
from tests.support.refusals import assert_refused

pytestmark = pytest.mark.slow

SIGN_IN_BURST = 10  # the defaults of KUA_SIGN_IN_BURST and KUA_SIGN_IN_PER_MINUTE
SIGN_IN_PER_MINUTE = 5


@pytest.fixture
def console(database_url: str, tmp_path: Path) -> Iterator[Console]:
    """A console with the default sign-in budget per client (the request budget stays generous)."""
    with running_console(
        tmp_path, database_url, sign_in_per_minute=SIGN_IN_PER_MINUTE, sign_in_burst=SIGN_IN_BURST
    ) as running:
        yield running


def from_address(address: str) -> httpx.Client:
    """A client whose connections come from `address` (any 127.x.y.z reaches the server on 127.0.0.1)."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=30)


@pytest.fixture
def aigerim(console: Console) -> Reviewer:
    """Aigerim, enrolled, signed out, a TOTP step after her enrollment code, at her desk (127.0.0.1)."""
    reviewer = a_reviewer(console, "Aigerim")
    assert reviewer.send("DELETE", "/session").status_code == 204
    console.clock.advance(seconds=30)
    return reviewer


def stranger_as(console: Console, name: str, address: str, *, password: str = "hunter2hunter2") -> Reviewer:
    """A stranger at `address` who types `name`; the TOTP secret is a guess (any base32 will do)."""
    return Reviewer(console, name, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", password=password, client=from_address(address))


def wrong_code(reviewer: Reviewer) -> str:
    return next(code for code in ("000000", "111111", "222222") if code != reviewer.code())


def test_a_strangers_endless_failures_never_keep_the_reviewer_out(console: Console, aigerim: Reviewer) -> None:
    # Given strangers at two addresses who try her name with wrong passwords, as fast as they are let
    strangers = [stranger_as(console, "Aigerim", "127.0.0.2"), stranger_as(console, "Aigerim", "127.0.0.3")]
    for round_ in range(6):
        for stranger in strangers:
            for _ in range(SIGN_IN_BURST if round_ == 0 else SIGN_IN_PER_MINUTE):
                assert_refused(stranger.sign_in(), 401, "login_failed")
        # When she signs in between their rounds, with her password and the code of the moment
        response = aigerim.sign_in()
        # Then she is in, every time
        assert response.status_code == 200, response.text
        assert aigerim.send("DELETE", "/session").status_code == 204
        console.clock.advance(minutes=1)


def test_a_client_that_tries_too_often_waits_whatever_name_it_tries(console: Console, aigerim: Reviewer) -> None:
    # Given a stranger who spent the sign-in budget of his address on names that do not exist
    stranger = stranger_as(console, "Nobody", "127.0.0.2")
    for _ in range(SIGN_IN_BURST):
        assert_refused(stranger.sign_in(), 401, "login_failed")
    # Then his next tries wait, for an unknown name and for hers alike
    unknown = stranger.sign_in()
    stranger.name = "Aigerim"
    known = stranger.sign_in()
    for refused in (unknown, known):
        assert_refused(refused, 429, "rate_limited")
    assert unknown.json() == known.json()
    assert unknown.headers["retry-after"] == known.headers["retry-after"] == str(60 // SIGN_IN_PER_MINUTE)
    # While she, at another address, signs in at once
    assert aigerim.sign_in().status_code == 200
    # And once the wait is over, he may try again
    console.clock.advance(seconds=60 // SIGN_IN_PER_MINUTE)
    assert_refused(stranger.sign_in(), 401, "login_failed")


def test_wrong_codes_after_the_right_password_delay_the_account(console: Console, aigerim: Reviewer) -> None:
    # Given someone who holds her password, at another address, and types three wrong codes
    holder = stranger_as(console, "Aigerim", "127.0.0.2", password=PASSWORD)
    holder.totp_secret = aigerim.totp_secret
    for _ in range(3):
        assert_refused(holder.sign_in(code=wrong_code(aigerim)), 401, "login_failed")
    # Then for 30 seconds even the right code is refused, with the same answer as any failure
    console.clock.advance(seconds=29)
    assert_refused(holder.sign_in(), 401, "login_failed")
    assert_refused(aigerim.sign_in(), 401, "login_failed")
    # And once the delay is over, the right password and code sign in
    console.clock.advance(seconds=1)
    assert aigerim.sign_in().status_code == 200
    # The admins can tell that someone held the password
    with console.db() as connection:
        details = (
            connection.exec_driver_sql("SELECT details FROM audit_entry WHERE action = 'login_failed' ORDER BY seq")
            .scalars()
            .all()
        )
    assert sum('"password_right":true' in detail for detail in details) == 5


def test_the_delay_after_wrong_codes_doubles_up_to_15_minutes() -> None:
    delays = [code_delay(failures) for failures in range(1, 12)]
    assert delays[:2] == [timedelta(0), timedelta(0)]
    assert delays[2:7] == [timedelta(seconds=seconds) for seconds in (30, 60, 120, 240, 480)]
    assert delays[7:] == [timedelta(minutes=15)] * 4


def names_in_every_state(console: Console) -> dict[str, Reviewer]:
    """Strangers at one address each, typing: no such name, an active reviewer's, a disabled reviewer's,
    and the name of a reviewer whose account waits after wrong codes."""
    for name in ("Active", "Disabled"):
        reviewer = a_reviewer(console, name)
        assert reviewer.send("DELETE", "/session").status_code == 204
    with transaction(console.engine) as session:
        assert accounts.disable(session, name="Disabled", now=console.clock()) is not None
    console.clock.advance(seconds=30)
    delayed = a_reviewer(console, "Delayed")
    holder = stranger_as(console, "Delayed", "127.0.0.9", password=PASSWORD)
    holder.totp_secret = delayed.totp_secret
    for _ in range(5):  # five: the old lockout's count too
        assert_refused(holder.sign_in(code=wrong_code(holder)), 401, "login_failed")
    return {
        name: stranger_as(console, name, f"127.0.1.{index}")
        for index, name in enumerate(("Nobody", "Active", "Disabled", "Delayed"), start=1)
    }


def test_unknown_active_disabled_and_delayed_names_get_the_same_answer(console: Console) -> None:
    strangers = names_in_every_state(console)
    answers = {name: stranger.sign_in() for name, stranger in strangers.items()}
    for answer in answers.values():
        assert_refused(answer, 401, "login_failed")
    assert len({answer.content for answer in answers.values()}) == 1
    headers = {
        name: sorted((k, v) for k, v in answer.headers.items() if k != "date") for name, answer in answers.items()
    }
    assert len({tuple(value) for value in headers.values()}) == 1, headers


def test_unknown_active_disabled_and_delayed_names_take_the_same_time(console: Console) -> None:
    strangers = names_in_every_state(console)
    durations: dict[str, list[float]] = {name: [] for name in strangers}
    for _ in range(15):  # in rounds, so that a busy moment of the machine slows every name alike
        for name, stranger in strangers.items():
            started = time.perf_counter()
            assert stranger.sign_in().status_code == 401
            durations[name].append(time.perf_counter() - started)
        console.clock.advance(seconds=60 // SIGN_IN_PER_MINUTE)  # within each address's budget
    medians = {name: statistics.median(taken) for name, taken in durations.items()}
    ratios = {name: median / medians["Active"] for name, median in medians.items()}
    assert all(0.6 <= ratio <= 1.6 for ratio in ratios.values()), medians
