"""A phone sends encrypted reports over a bad network: each is stored once, durably, and acknowledged
with a receipt; anything else is refused with a clear reason and changes nothing."""

import hashlib
import secrets
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from sqlmodel import Session

from kua.intake import reporter_tokens
from kua.intake.reports import INLINE_MAX_BYTES
from tests.intake.reporter import new_report_id, report_status, seal_report, send_report
from tests.intake.storage import database, database_url, is_stored_in_its_row, stored_copies, stored_reports
from tests.support.refusals import assert_refused
from tests.support.server import RunningServer

# A small report is kept in its database row, a large one in a blob file: both must behave the same.
SIZES = pytest.mark.parametrize("text_length", [100, INLINE_MAX_BYTES + 1000], ids=["small", "large"])


def a_report(words: str, text_length: int) -> bytes:
    return seal_report(words.ljust(text_length, "."))


def status(server: RunningServer, *report_ids: uuid.UUID) -> dict[str, bool]:
    response = report_status(server.base_url, *report_ids)
    assert response.status_code == 200
    return {r["report_id"]: r["stored"] for r in response.json()["reports"]}


def test_a_reporter_gets_a_receipt_whose_hash_matches_what_they_sent(intake_server: RunningServer) -> None:
    report_id, sealed = new_report_id(), seal_report("Задержали рано утром, бумаг не показали.")
    response = send_report(intake_server.base_url, report_id, sealed)
    assert response.status_code == 201
    receipt = response.json()
    assert receipt["report_id"] == str(report_id) and receipt["version"] == 1
    assert receipt["sha256"] == hashlib.sha256(sealed).hexdigest() and receipt["size"] == len(sealed)
    assert stored_copies(intake_server, report_id) == [sealed]
    assert status(intake_server, report_id) == {str(report_id): True}


def test_a_small_report_is_kept_in_its_row_and_a_large_one_in_a_blob_file(intake_server: RunningServer) -> None:
    small_id, small = new_report_id(), a_report("a page of text", 100)
    large_id, large = new_report_id(), a_report("a long account", INLINE_MAX_BYTES + 1000)
    for report_id, sealed in ((small_id, small), (large_id, large)):
        assert send_report(intake_server.base_url, report_id, sealed).status_code == 201
        assert stored_copies(intake_server, report_id) == [sealed]
    assert is_stored_in_its_row(intake_server, small_id)
    assert not is_stored_in_its_row(intake_server, large_id)


@SIZES
def test_sending_the_same_report_again_returns_the_original_receipt(
    intake_server: RunningServer, text_length: int
) -> None:
    report_id, sealed = new_report_id(), a_report("retry after a lost response", text_length)
    first = send_report(intake_server.base_url, report_id, sealed)
    again = send_report(intake_server.base_url, report_id, sealed)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert stored_copies(intake_server, report_id) == [sealed]


@SIZES
def test_other_bytes_under_a_stored_id_are_refused_and_the_original_kept(
    intake_server: RunningServer, text_length: int
) -> None:
    report_id, sealed = new_report_id(), a_report("the original", text_length)
    send_report(intake_server.base_url, report_id, sealed)
    edit = a_report("an edit", text_length)
    assert_refused(send_report(intake_server.base_url, report_id, edit), 409, "report_conflict")
    assert stored_copies(intake_server, report_id) == [sealed]


@SIZES
def test_the_same_report_sent_concurrently_is_stored_once(intake_server: RunningServer, text_length: int) -> None:
    report_id, sealed = new_report_id(), a_report("sent twice at once by two sync triggers", text_length)
    with ThreadPoolExecutor(max_workers=6) as pool:
        responses = list(pool.map(lambda _: send_report(intake_server.base_url, report_id, sealed), range(6)))
    assert sorted(r.status_code for r in responses) == [200] * 5 + [201]
    assert len({r.text for r in responses}) == 1, "every caller gets the same receipt"
    assert stored_copies(intake_server, report_id) == [sealed]


def _trickle(data: bytes, size: int = 1000) -> Iterator[bytes]:
    yield from (data[i : i + size] for i in range(0, len(data), size))


@pytest.mark.parametrize(
    ("body", "headers", "status_code", "code"),
    [
        (b"Plain text that is not encrypted", {}, 415, "not_age_encrypted"),
        (b"age-encryption.org/v2\n" + b"x" * 100, {}, 415, "not_age_encrypted"),
        (b"age-encr", {}, 415, "not_age_encrypted"),
        (b"", {}, 415, "not_age_encrypted"),
        (seal_report("json instead"), {"Content-Type": "application/json"}, 415, "not_age_encrypted"),
        (seal_report("x" * 300_000), {}, 413, "report_too_large"),
        (seal_report("y"), {"Kua-Attachment-Ids": "not-a-uuid"}, 400, "invalid_attachment_ids"),
        (seal_report("y"), {"Kua-Reporter-Token-Sha256": "ABC"}, 400, "invalid_declaration"),
        (seal_report("y"), {"Kua-Reporter-Token-Sha256": "A" * 64}, 400, "invalid_declaration"),
        (seal_report("y"), {"Kua-Happening-Now": "yes"}, 400, "invalid_declaration"),
    ],
    ids=[
        "plaintext",
        "other-version",
        "cut-header",
        "empty",
        "wrong-content-type",
        "too-large",
        "bad-attachments",
        "short-token-digest",
        "uppercase-token-digest",
        "happening-now-not-1",
    ],
)
def test_a_bad_report_is_refused_and_nothing_is_stored(
    intake_server: RunningServer, body: bytes, headers: dict[str, str], status_code: int, code: str
) -> None:
    report_id = new_report_id()
    assert_refused(send_report(intake_server.base_url, report_id, body, **headers), status_code, code)
    assert stored_copies(intake_server, report_id) == []
    assert status(intake_server, report_id) == {str(report_id): False}


def test_a_report_too_large_is_refused_while_streaming(intake_server: RunningServer) -> None:
    report_id = new_report_id()
    big = seal_report("z" * 400_000)  # no Content-Length: chunked, so only counting can stop it
    response = httpx.put(
        intake_server.url(f"/api/v1/reports/{report_id}"),
        content=_trickle(big, 64 * 1024),
        headers={"Content-Type": "application/octet-stream"},
    )
    assert_refused(response, 413, "report_too_large")
    assert stored_copies(intake_server, report_id) == []


@pytest.mark.parametrize(
    ("bad_id", "status_code", "code"),
    [
        ("not-a-uuid", 422, "invalid_request"),
        ("1234", 422, "invalid_request"),
        ("..%2F..%2Fetc%2Fpasswd", 404, "not_found"),  # never reaches the route: no path is built from it
    ],
)
def test_a_report_id_that_is_not_a_uuid_is_refused(
    intake_server: RunningServer, bad_id: str, status_code: int, code: str
) -> None:
    before = sorted((intake_server.data_dir / "blobs").rglob("*")), len(stored_reports(intake_server))
    assert_refused(send_report(intake_server.base_url, bad_id, seal_report("x")), status_code, code)
    assert (sorted((intake_server.data_dir / "blobs").rglob("*")), len(stored_reports(intake_server))) == before


def test_declared_attachments_are_kept_with_the_report(intake_server: RunningServer) -> None:
    attachments = [str(uuid.uuid4()) for _ in range(3)]
    report_id = new_report_id()
    response = send_report(
        intake_server.base_url, report_id, seal_report("three photos"), **{"Kua-Attachment-Ids": ",".join(attachments)}
    )
    assert response.status_code == 201
    with database(intake_server) as connection:
        rows = connection.execute(
            sa.text("SELECT attachment_id FROM report_attachment WHERE report_id = :r ORDER BY position"),
            {"r": report_id.hex if connection.dialect.name == "sqlite" else report_id},
        ).scalars()
        assert [str(uuid.UUID(str(r))) for r in rows] == attachments


def test_the_reporter_token_digest_and_happening_now_are_kept_with_the_report(intake_server: RunningServer) -> None:
    token = secrets.token_urlsafe(32)
    urgent, calm = new_report_id(), new_report_id()
    declared = {"Kua-Reporter-Token-Sha256": reporter_tokens.digest(token), "Kua-Happening-Now": "1"}
    assert send_report(intake_server.base_url, urgent, seal_report("a search right now"), **declared).status_code == 201
    no_token = {"Kua-Reporter-Token-Sha256": ""}
    assert send_report(intake_server.base_url, calm, seal_report("last week"), **no_token).status_code == 201
    with database(intake_server) as connection:
        rows = {
            str(uuid.UUID(str(r.id))): (r.reporter_token_sha256, bool(r.happening_now))
            for r in connection.execute(sa.text("SELECT id, reporter_token_sha256, happening_now FROM report"))
        }
    assert rows[str(urgent)] == (hashlib.sha256(token.encode()).hexdigest(), True)
    assert rows[str(calm)] == (None, False)
    engine = sa.create_engine(database_url(intake_server))
    with Session(engine) as session:
        forged = token[:-1] + ("A" if token[-1] != "A" else "B")
        assert reporter_tokens.proven(session, [(urgent, token), (calm, token), (new_report_id(), token)]) == {urgent}
        assert reporter_tokens.proven(session, [(urgent, forged)]) == set()
    engine.dispose()


def test_a_phone_that_lost_responses_learns_which_reports_are_stored(intake_server: RunningServer) -> None:
    stored, lost = new_report_id(), new_report_id()
    receipt = send_report(intake_server.base_url, stored, seal_report("stored")).json()
    response = report_status(intake_server.base_url, stored, lost)
    assert response.json() == {
        "reports": [
            {"report_id": str(stored), "stored": True, "receipt": receipt},
            {"report_id": str(lost), "stored": False, "receipt": None},
        ]
    }


def test_no_plaintext_reaches_the_server_s_disk(intake_server: RunningServer) -> None:
    canary = f"CANARY-{uuid.uuid4().hex}"
    send_report(intake_server.base_url, new_report_id(), seal_report(f"sealed {canary}"))
    send_report(intake_server.base_url, new_report_id(), f"plaintext by mistake {canary}".encode())
    # Neither the data folder (SQLite's files included) nor any stored ciphertext (PostgreSQL's rows) holds it
    for path in Path(intake_server.data_dir).rglob("*"):
        if path.is_file():
            assert canary.encode() not in path.read_bytes(), path
    assert not [c for c in stored_reports(intake_server).values() if canary.encode() in c]
    assert canary not in intake_server.log()


@pytest.mark.slow
def test_a_full_server_refuses_new_reports_with_507(tmp_path: Path) -> None:
    # Room is checked for a report of the maximum size, before its body is read.
    limits = {"KUA_MAX_REPORT_BYTES": str(64 * 1024), "KUA_STORAGE_QUOTA_BYTES": str(64 * 1024 + 500)}
    with RunningServer(tmp_path / "data", **limits) as server:
        first = send_report(server.base_url, new_report_id(), seal_report("first"))
        full_id = new_report_id()
        full = send_report(server.base_url, full_id, seal_report("one too many"))
        assert first.status_code == 201
        assert_refused(full, 507, "storage_full")
        assert stored_copies(server, full_id) == []
