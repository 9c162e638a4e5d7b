"""A case's people map (which person of one report is which of another) is kept sealed, a version at a
time: a reviewer saves it based on the newest version, a save based on an older one is refused with 409,
and every bad request is refused and changes nothing. The server learns only sizes and versions."""

import base64
import json
import uuid
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from kua.review.sealed import MAX_SEALED_BYTES
from tests.intake.reporter import seal_report
from tests.review.console import Console, Reviewer, a_reviewer, audit_actions
from tests.support.refusals import assert_refused

AGE_FILE = {"Content-Type": "application/octet-stream"}


@pytest.fixture(scope="module")
def lawyer(shared_console: Console) -> Reviewer:
    return a_reviewer(shared_console, f"Lawyer {uuid.uuid4().hex[:6]}")


@pytest.fixture(scope="module")
def colleague(shared_console: Console) -> Reviewer:
    return a_reviewer(shared_console, f"Colleague {uuid.uuid4().hex[:6]}")


def a_case(reviewer: Reviewer) -> str:
    created = reviewer.post("/cases", content=seal_report("Масанов, два сообщения"), headers=AGE_FILE)
    assert created.status_code == 201, created.text
    return str(created.json()["case_id"])


def save(reviewer: Reviewer, case_id: str, expected: Any, body: bytes, **headers: str) -> httpx.Response:
    return reviewer.send(
        "PUT",
        f"/cases/{case_id}/people-map",
        params={"expected_version": expected},
        content=body,
        headers={**AGE_FILE, **headers},
    )


def stored_versions(console: Console, case_id: str) -> list[int]:
    with console.db() as connection:
        table = sa.table("case_people_map", sa.column("case_id", sa.Uuid()), sa.column("version", sa.Integer()))
        query = sa.select(table.c.version).where(table.c.case_id == uuid.UUID(case_id)).order_by(table.c.version)
        return list(connection.execute(query).scalars())


def test_a_reviewer_saves_the_map_and_a_colleague_reads_the_newest(
    shared_console: Console, lawyer: Reviewer, colleague: Reviewer
) -> None:
    # Given a case with no map yet
    case_id = a_case(lawyer)
    empty = colleague.get(f"/cases/{case_id}/people-map")
    assert empty.status_code == 200, empty.text
    assert empty.json() == {"case_id": case_id, "version": 0, "ciphertext": None, "saved_at": None, "saved_by": None}
    # When the lawyer saves a first map and then a second one on top of it
    first, second = seal_report('{"same":[]}'), seal_report('{"same":[["a","b"]]}')
    saved = save(lawyer, case_id, 0, first)
    assert saved.status_code == 200, saved.text
    assert (saved.json()["version"], saved.json()["saved_by"]) == (1, lawyer.id)
    entries = len(audit_actions(shared_console))
    again = save(lawyer, case_id, 1, second)
    assert again.status_code == 200, again.text
    # Then the colleague reads the second, byte for byte, at version 2
    newest = colleague.get(f"/cases/{case_id}/people-map").json()
    assert newest["version"] == 2 and base64.b64decode(newest["ciphertext"]) == second
    assert newest == again.json()
    # And the audit log says who saved which version of which case, and how big, never what
    assert audit_actions(shared_console)[entries:] == ["people_map_saved"]
    with shared_console.db() as connection:
        row = connection.execute(sa.text("SELECT subject, details FROM audit_entry ORDER BY seq DESC LIMIT 1")).one()
    assert row.subject == f"case:{case_id}"
    assert json.loads(row.details) == {"version": 2, "size": len(second)}


def test_a_save_based_on_an_older_version_is_refused_and_keeps_the_newer(
    shared_console: Console, lawyer: Reviewer, colleague: Reviewer
) -> None:
    # Given both reviewers opened the map at version 1, and the colleague saved first
    case_id = a_case(lawyer)
    assert save(lawyer, case_id, 0, seal_report("v1")).status_code == 200
    theirs = seal_report("the colleague's decisions")
    assert save(colleague, case_id, 1, theirs).status_code == 200
    # When the lawyer saves on top of version 1
    stale = save(lawyer, case_id, 1, seal_report("the lawyer's decisions"))
    # Then it is refused, saying why, and the colleague's map is still the newest
    assert_refused(stale, 409, "stale_people_map")
    assert "version 2" in stale.json()["error"]["message"]
    newest = lawyer.get(f"/cases/{case_id}/people-map").json()
    assert newest["version"] == 2 and base64.b64decode(newest["ciphertext"]) == theirs
    # A version from the future is as stale as one from the past
    assert_refused(save(lawyer, case_id, 7, seal_report("x")), 409, "stale_people_map")
    assert_refused(save(lawyer, case_id, 0, seal_report("x")), 409, "stale_people_map")
    assert stored_versions(shared_console, case_id) == [1, 2]


def test_bad_requests_are_refused_and_change_nothing(shared_console: Console, lawyer: Reviewer) -> None:
    case_id = a_case(lawyer)
    entries = len(audit_actions(shared_console))
    large = b"age-encryption.org/v1\n" + bytes(MAX_SEALED_BYTES)
    refusals = [
        (save(lawyer, case_id, 0, b'{"same": []} in the clear'), 415, "not_age_encrypted"),
        (save(lawyer, case_id, 0, b'{"same": []}', **{"Content-Type": "application/json"}), 415, "not_age_encrypted"),
        (save(lawyer, case_id, 0, large), 413, "too_large"),
        (save(lawyer, str(uuid.uuid4()), 0, seal_report("x")), 404, "case_not_found"),
        (save(lawyer, "not-a-case", 0, seal_report("x")), 422, "invalid_request"),
        (save(lawyer, case_id, -1, seal_report("x")), 422, "invalid_request"),
        (save(lawyer, case_id, "one", seal_report("x")), 422, "invalid_request"),
        (
            lawyer.send("PUT", f"/cases/{case_id}/people-map", content=seal_report("x"), headers=AGE_FILE),
            422,
            "invalid_request",
        ),
        (save(lawyer, case_id, 0, seal_report("x"), **{"X-Kua-CSRF": "forged"}), 403, "csrf_failed"),
    ]
    for response, status, code in refusals:
        assert_refused(response, status, code)
    streamed = lawyer.send(
        "PUT",
        f"/cases/{case_id}/people-map",
        params={"expected_version": 0},
        content=iter([large[:40_000], large[40_000:]]),  # no Content-Length
        headers=AGE_FILE,
    )
    assert_refused(streamed, 413, "too_large")
    assert_refused(lawyer.get(f"/cases/{uuid.uuid4()}/people-map"), 404, "case_not_found")
    assert_refused(httpx.get(shared_console.url(f"/cases/{case_id}/people-map")), 401, "not_signed_in")
    # Nothing was kept, nothing was logged
    assert stored_versions(shared_console, case_id) == []
    assert lawyer.get(f"/cases/{case_id}/people-map").json()["version"] == 0
    assert audit_actions(shared_console)[entries:] == []
