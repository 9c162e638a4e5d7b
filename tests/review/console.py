"""What a reviewer's browser does, in Python: open an invitation, enroll, sign in, call the review API.

The server runs in a thread of the test process (tests/support/threaded_server.py) so that tests can
move its clock; TOTP codes are computed with pyotp for the server's time, as an authenticator app would.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pyotp
import sqlalchemy as sa
from fastapi import FastAPI
from sqlalchemy import Engine

from kua.api.services import services_of
from kua.db.engine import create_database_engine
from kua.db.session import transaction
from kua.review import accounts
from kua.review.roles import Role
from tests.intake.reporter import seal_report, send_report
from tests.support.app import migrated_app
from tests.support.clock import FakeClock
from tests.support.server import kua_env, run_kua
from tests.support.threaded_server import ThreadedServer, serving

API = "/api/v1/review"
PASSWORD = "correct horse battery staple"
CSRF_HEADER = "X-Kua-CSRF"


@dataclass
class Console:
    """A running server with its database, its hand-moved clock, and the environment for `kua` commands."""

    server: ThreadedServer
    app: FastAPI
    engine: Engine
    clock: FakeClock
    database_url: str

    def url(self, path: str) -> str:
        return self.server.url(API + path)

    def kua(self, *args: str, **settings: str) -> Any:
        """Run a `kua` command on this server's database (with the real clock, which the fake one starts at)."""
        env = kua_env(self.server.data_dir, KUA_DATABASE_URL=self.database_url, **settings)
        return run_kua(*args, env=env)

    def invite(self, name: str, role: Role = "triager") -> str:
        """An invitation made as `kua reviewers invite` makes it (in-process, on the fake clock); its token."""
        with transaction(self.engine) as session:
            token, _invitation = accounts.invite(session, name=name, role=role, now=self.clock())
        return token

    def send_report(self, text: str = "Задержали на площади, троих увезли.", **headers: str) -> uuid.UUID:
        """A phone sends a sealed report (received at the clock's time); its id."""
        report_id = uuid.uuid4()
        response = send_report(self.server.base_url, report_id, seal_report(text), **headers)
        assert response.status_code == 201, response.text
        return report_id

    def db(self) -> sa.Connection:
        return self.engine.connect()


@contextmanager
def running_console(tmp_path: Path, database_url: str, **settings: object) -> Iterator[Console]:
    """A migrated database and a server on it; the clock starts at the real time and moves only by hand.

    Request and sign-in budgets are far above a person's, unless `settings` say otherwise.
    """
    budgets = {"rate_limit_per_minute": 60_000, "rate_limit_burst": 10_000}
    budgets |= {"sign_in_per_minute": 60_000, "sign_in_burst": 10_000}
    app = migrated_app(tmp_path, database_url=database_url, **(budgets | settings))
    clock = FakeClock(datetime.now(UTC).replace(microsecond=0))
    services_of(app).clock.set(clock)
    engine = create_database_engine(database_url)
    try:
        with serving(app) as server:
            yield Console(server, app, engine, clock, database_url)
    finally:
        engine.dispose()


@dataclass
class Reviewer:
    """A reviewer at a browser: an HTTP client that keeps the session cookie, and the TOTP secret."""

    console: Console
    name: str
    totp_secret: str
    password: str = PASSWORD
    csrf_token: str = ""
    id: str = ""
    recovery_codes: list[str] = field(default_factory=list)
    client: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=30))

    def code(self) -> str:
        """The code the authenticator app shows at the server's current time."""
        return pyotp.TOTP(self.totp_secret).at(self.console.clock())

    def sign_in(self, *, password: str | None = None, code: str | None = None) -> httpx.Response:
        body = {"name": self.name, "password": password or self.password, "totp_code": code or self.code()}
        response = self.client.post(self.console.url("/session"), json=body)
        if response.status_code == 200:
            self.csrf_token = response.json()["csrf_token"]
        return response

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(self.console.url(path), **kwargs)

    def send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """A state-changing request, with the CSRF token as the console sends it."""
        headers = {CSRF_HEADER: self.csrf_token, **kwargs.pop("headers", {})}
        return self.client.request(method, self.console.url(path), headers=headers, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.send("POST", path, **kwargs)


def enroll(console: Console, token: str, *, password: str = PASSWORD) -> Reviewer:
    """Open the invitation link, take the TOTP secret, and accept with a password and a code."""
    client = httpx.Client(timeout=30)
    invitation = client.get(console.url(f"/invitations/{token}"))
    assert invitation.status_code == 200, invitation.text
    secret = client.post(console.url(f"/invitations/{token}/totp")).json()["secret"]
    reviewer = Reviewer(console, invitation.json()["name"], secret, password=password, client=client)
    accepted = client.post(
        console.url(f"/invitations/{token}/accept"), json={"password": password, "totp_code": reviewer.code()}
    )
    assert accepted.status_code == 201, accepted.text
    reviewer.csrf_token, reviewer.id = accepted.json()["csrf_token"], accepted.json()["reviewer"]["id"]
    reviewer.recovery_codes = accepted.json()["recovery_codes"]
    return reviewer


def a_reviewer(console: Console, name: str, role: Role = "triager") -> Reviewer:
    """An enrolled, signed-in reviewer."""
    return enroll(console, console.invite(name, role))


def audit_actions(console: Console) -> list[str]:
    with console.db() as connection:
        return list(connection.execute(sa.text("SELECT action FROM audit_entry ORDER BY seq")).scalars())
