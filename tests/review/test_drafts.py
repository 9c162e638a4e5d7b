"""A case's appeal drafts are saved sealed, a version at a time: every save is the case's next version,
even when reviewers save at once, a colleague lists them all, and every bad request is refused and changes
nothing. The server learns only the case, the author, the time and the size."""

import base64
import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import sqlalchemy as sa

from kua.review.drafts import MAX_DRAFT_BYTES
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


def a_sealed_draft(text: str) -> bytes:
    draft = {"format": "kua.draft", "version": 1, "addressee": "prosecutor", "language": "ru", "variant": None}
    return seal_report(json.dumps({**draft, "text": text}, ensure_ascii=False))


def save(reviewer: Reviewer, case_id: str, body: bytes, **headers: str) -> httpx.Response:
    return reviewer.post(f"/cases/{case_id}/drafts", content=body, headers={**AGE_FILE, **headers})


def stored_versions(console: Console, case_id: str) -> list[int]:
    with console.db() as connection:
        table = sa.table("case_draft", sa.column("case_id", sa.Uuid()), sa.column("version", sa.Integer()))
        query = sa.select(table.c.version).where(table.c.case_id == uuid.UUID(case_id)).order_by(table.c.version)
        return list(connection.execute(query).scalars())


def test_a_reviewer_saves_drafts_and_a_colleague_lists_every_version(
    shared_console: Console, lawyer: Reviewer, colleague: Reviewer
) -> None:
    # Given a case with no drafts yet
    case_id = a_case(lawyer)
    empty = colleague.get(f"/cases/{case_id}/drafts")
    assert empty.status_code == 200, empty.text
    assert empty.json() == {"drafts": []}
    # When the lawyer saves three times, and the colleague once in between
    bodies = [a_sealed_draft(f"Прокурору, правка {n}") for n in range(4)]
    entries = len(audit_actions(shared_console))
    saved = [save(lawyer, case_id, bodies[0]), save(lawyer, case_id, bodies[1])]
    saved += [save(colleague, case_id, bodies[2]), save(lawyer, case_id, bodies[3])]
    # Then each is the case's next version, by its author, of its size
    for response in saved:
        assert response.status_code == 201, response.text
    assert [r.json()["version"] for r in saved] == [1, 2, 3, 4]
    assert [r.json()["author_id"] for r in saved] == [lawyer.id, lawyer.id, colleague.id, lawyer.id]
    assert [r.json()["size"] for r in saved] == [len(body) for body in bodies]
    assert {r.json()["case_id"] for r in saved} == {case_id}
    assert "ciphertext" not in saved[0].json()
    # And the colleague lists them oldest first, byte for byte
    listed = colleague.get(f"/cases/{case_id}/drafts").json()["drafts"]
    assert [base64.b64decode(d.pop("ciphertext")) for d in listed] == bodies
    assert listed == [r.json() for r in saved]
    # And the audit log says who saved which version of which case, and how big, never what
    assert audit_actions(shared_console)[entries:] == ["draft_saved"] * 4
    with shared_console.db() as connection:
        row = connection.execute(sa.text("SELECT subject, details FROM audit_entry ORDER BY seq DESC LIMIT 1")).one()
    assert row.subject == f"case:{case_id}"
    assert json.loads(row.details) == {"draft_id": saved[3].json()["draft_id"], "version": 4, "size": len(bodies[3])}


def test_reviewers_saving_at_once_get_distinct_versions(
    shared_console: Console, lawyer: Reviewer, colleague: Reviewer
) -> None:
    # Given a case, When two reviewers save twelve drafts of it at the same time
    case_id = a_case(lawyer)
    savers = [lawyer, colleague] * 6
    with ThreadPoolExecutor(max_workers=len(savers)) as pool:
        saved = list(pool.map(lambda reviewer: save(reviewer, case_id, a_sealed_draft("одновременно")), savers))
    # Then every save is kept, each under a version of its own, 1 to 12
    assert [response.status_code for response in saved] == [201] * len(savers), [r.text for r in saved]
    assert sorted(response.json()["version"] for response in saved) == list(range(1, len(savers) + 1))
    assert stored_versions(shared_console, case_id) == list(range(1, len(savers) + 1))


def test_deleting_a_case_deletes_its_drafts(shared_console: Console, lawyer: Reviewer) -> None:
    # Given two cases with saved drafts
    case_id, other_id = a_case(lawyer), a_case(lawyer)
    for case in (case_id, case_id, other_id):
        assert save(lawyer, case, a_sealed_draft("x")).status_code == 201
    # When the case is deleted (as an operator would, in the database)
    with shared_console.db() as connection, connection.begin():
        review_case = sa.table("review_case", sa.column("id", sa.Uuid()))
        connection.execute(sa.delete(review_case).where(review_case.c.id == uuid.UUID(case_id)))
    # Then its drafts went with it, and the other case's stay
    assert stored_versions(shared_console, case_id) == []
    assert stored_versions(shared_console, other_id) == [1]
    assert_refused(lawyer.get(f"/cases/{case_id}/drafts"), 404, "case_not_found")


def test_bad_requests_are_refused_and_change_nothing(shared_console: Console, lawyer: Reviewer) -> None:
    case_id = a_case(lawyer)
    entries = len(audit_actions(shared_console))
    large = b"age-encryption.org/v1\n" + bytes(MAX_DRAFT_BYTES)
    plaintext = b'{"format": "kua.draft", "text": "in the clear"}'
    refusals = [
        (save(lawyer, case_id, plaintext), 415, "not_age_encrypted"),
        (save(lawyer, case_id, a_sealed_draft("x"), **{"Content-Type": "application/json"}), 415, "not_age_encrypted"),
        (save(lawyer, case_id, large), 413, "too_large"),
        (save(lawyer, str(uuid.uuid4()), a_sealed_draft("x")), 404, "case_not_found"),
        (save(lawyer, "not-a-case", a_sealed_draft("x")), 422, "invalid_request"),
        (save(lawyer, case_id, a_sealed_draft("x"), **{"X-Kua-CSRF": "forged"}), 403, "csrf_failed"),
    ]
    for response, status, code in refusals:
        assert_refused(response, status, code)
    streamed = lawyer.post(
        f"/cases/{case_id}/drafts",
        content=iter([large[:100_000], large[100_000:]]),  # no Content-Length
        headers=AGE_FILE,
    )
    assert_refused(streamed, 413, "too_large")
    assert_refused(lawyer.get(f"/cases/{uuid.uuid4()}/drafts"), 404, "case_not_found")
    drafts_url = shared_console.url(f"/cases/{case_id}/drafts")
    anonymous = httpx.post(drafts_url, content=a_sealed_draft("x"), headers=AGE_FILE)
    assert_refused(anonymous, 401, "not_signed_in")
    assert_refused(httpx.get(drafts_url), 401, "not_signed_in")
    # Nothing was kept, nothing was logged
    assert stored_versions(shared_console, case_id) == []
    assert lawyer.get(f"/cases/{case_id}/drafts").json() == {"drafts": []}
    assert audit_actions(shared_console)[entries:] == []


def test_a_draft_just_under_the_limit_is_kept(shared_console: Console, lawyer: Reviewer) -> None:
    # A long appeal (Cyrillic, two bytes a letter) past a note's 64 KiB, under the draft's limit
    case_id = a_case(lawyer)
    body = a_sealed_draft("Ж" * 100_000)
    assert 64 * 1024 < len(body) <= MAX_DRAFT_BYTES
    assert save(lawyer, case_id, body).status_code == 201
    exactly = b"age-encryption.org/v1\n" + bytes(MAX_DRAFT_BYTES - 22)
    assert len(exactly) == MAX_DRAFT_BYTES
    assert save(lawyer, case_id, exactly).status_code == 201
    assert stored_versions(shared_console, case_id) == [1, 2]
