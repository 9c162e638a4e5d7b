"""What the people in the push stories do: reviewers opt in from the console, phones send reports
(with a reporter token) and opt in to pushes about them."""

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
import sqlalchemy as sa

from kua.db.engine import create_database_engine
from kua.intake.reporter_tokens import digest
from tests.intake.reporter import seal_report, send_report
from tests.push.push_service import Browser
from tests.review.console import API, Reviewer, enroll
from tests.support.server import RunningServer, run_kua

REPORT_TEXT = "Задержали брата у рынка в Кордае, били в отделе."


@dataclass
class LiveConsole:
    """The review API of a real `kua serve`, as tests/review/console.py's reviewers expect it."""

    server: RunningServer

    def url(self, path: str) -> str:
        return self.server.url(API + path)

    def clock(self) -> datetime:
        return datetime.now(UTC)


def a_reviewer_of(server: RunningServer, name: str) -> Reviewer:
    """Invited with `kua reviewers invite`, enrolled and signed in through the API."""
    invited = run_kua("reviewers", "invite", name, "--role", "triager", env=server.env)
    assert invited.returncode == 0, invited.stderr
    token = invited.stdout.splitlines()[-1].split("#invite=")[1]
    return enroll(LiveConsole(server), token)  # type: ignore[arg-type]


def opts_in(reviewer: Reviewer, browser: Browser) -> httpx.Response:
    """The console's push toggle: PUT the browser's subscription."""
    return reviewer.send("PUT", "/push-subscription", json=browser.subscription())


@dataclass(frozen=True)
class SentReport:
    report_id: uuid.UUID
    reporter_token: str


def a_phone_sends_a_report(base_url: str, *, happening_now: bool = False) -> SentReport:
    """A report sealed and sent as the app does, with a reporter token's digest."""
    report_id, token = uuid.uuid4(), secrets.token_urlsafe(32)
    headers = {"Kua-Reporter-Token-Sha256": digest(token)}
    if happening_now:
        headers["Kua-Happening-Now"] = "1"
    response = send_report(base_url, report_id, seal_report(REPORT_TEXT), **headers)
    assert response.status_code == 201, response.text
    return SentReport(report_id, token)


def a_phone_opts_in(base_url: str, browser: Browser, *reports: SentReport) -> httpx.Response:
    body = {
        "subscription": browser.subscription(),
        "reports": [{"report_id": str(r.report_id), "reporter_token": r.reporter_token} for r in reports],
    }
    return httpx.post(f"{base_url}/api/v1/reports/push-subscription", json=body, timeout=30)


def rows(database_url: str, table: str) -> int:
    """How many rows `table` holds now."""
    engine = create_database_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()
