"""No existence oracle: `POST /api/v1/reports/status` tells whether a report is stored only to the phone that
shows its reporter token (issue 16, finding 7), as the follow-up routes do. A stranger who guesses or learned
a report id cannot tell a stored report from one that never existed, by status, body or receipt."""

import secrets
import uuid

import httpx

from tests.intake.reporter import new_report_id, reporter_token_for, seal_report, send_report, status_claims
from tests.support.refusals import assert_refused
from tests.support.server import RunningServer


def ask(server: RunningServer, body: object) -> httpx.Response:
    return httpx.post(server.url("/api/v1/reports/status"), json=body, timeout=30)


def answer_for(server: RunningServer, report_id: uuid.UUID, token: str) -> dict[str, object]:
    response = ask(server, status_claims(report_id, token_of={str(report_id): token}))
    assert response.status_code == 200, response.text
    (answer,) = response.json()["reports"]
    return {key: value for key, value in answer.items() if key != "report_id"}


def test_a_stranger_learns_nothing_about_which_reports_exist(hostile_server: RunningServer) -> None:
    # Given a family's stored report, one sent without a token, and an id that was never used
    stored, tokenless, unknown = new_report_id(), new_report_id(), new_report_id()
    assert send_report(hostile_server.base_url, stored, seal_report("stored")).status_code == 201
    no_token = {"Kua-Reporter-Token-Sha256": ""}
    assert send_report(hostile_server.base_url, tokenless, seal_report("no token"), **no_token).status_code == 201
    # When a stranger asks about each with a wrong token, Then every answer is the same
    wrong = secrets.token_urlsafe(32)
    answers = [answer_for(hostile_server, report_id, wrong) for report_id in (stored, tokenless, unknown)]
    assert answers == [{"stored": False, "receipt": None}] * 3
    # And asking with the ids only (the old request) is refused before anything is looked up
    refused = ask(hostile_server, {"report_ids": [str(stored)]})
    assert_refused(refused, 422, "invalid_request")
    assert str(stored) not in refused.text
    # While the phone that sent the report, showing its token, gets its receipt
    mine = answer_for(hostile_server, stored, reporter_token_for(stored))
    assert mine["stored"] is True and isinstance(mine["receipt"], dict)
    assert mine["receipt"]["report_id"] == str(stored)
