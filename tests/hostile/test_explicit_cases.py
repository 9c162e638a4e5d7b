"""Hostile requests a fuzzer would not make, each refused with a clear 4xx in the one error shape, or
with a closed connection, and never a stored byte (row counts and the blob and staging folders are
compared before and after). Malformed reports and tus requests already have their tests in
tests/intake/test_reports.py and tests/uploads/test_protocol.py; these are the rest.
"""

import socket
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kua.api import request_body, request_head
from tests.hostile.raw import exchange_at
from tests.hostile.stored import Reviewer, snapshot
from tests.intake.reporter import report_status, seal_report
from tests.support.app import migrated_app
from tests.support.polling import wait_until
from tests.support.server import RunningServer
from tests.support.threaded_server import serving

pytestmark = pytest.mark.slow

AGE = b"age-encryption.org/v1\n"
TUS = {"Tus-Resumable": "1.0.0"}
# Test ids name it: a fixed value keeps them the same in every process that collects them (pytest-xdist).
SOME_ID = "5b0c2f4e-8d3a-4f6b-9c1e-2a7d4e6f8b0c"
BAD_IDS = {
    "dot-dot-slash": "..%2F..%2Fkua.sqlite3",
    "encoded-dot-dot": "%2E%2E",  # a bare ".." is resolved away by the client before it is sent
    "encoded-nul": "%00",
    "nul-in-uuid": f"{SOME_ID}%00",
    "long": "a" * 4000,
    "not-a-uuid": "report-1",
}
PUBLIC_ROUTES = [
    ("PUT", "/api/v1/reports/{id}", {"Content-Type": "application/octet-stream"}),
    ("PUT", f"/api/v1/reports/{{id}}/answers/{SOME_ID}", {"Content-Type": "application/octet-stream"}),
    ("PUT", f"/api/v1/reports/{SOME_ID}/answers/{{id}}", {"Content-Type": "application/octet-stream"}),
    ("HEAD", "/api/v1/uploads/{id}", TUS),
    ("PATCH", "/api/v1/uploads/{id}", {**TUS, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}),
    ("DELETE", "/api/v1/uploads/{id}", TUS),
]
PUBLIC_IDS = [f"{method} {template.split('/')[-1]}" for method, template, _headers in PUBLIC_ROUTES]
REVIEW_ROUTES = [
    ("GET", "/api/v1/review/reports/{id}"),
    ("PATCH", "/api/v1/review/reports/{id}"),
    ("GET", "/api/v1/review/reports/{id}/ciphertext"),
    ("POST", "/api/v1/review/reports/{id}/status"),
    ("GET", "/api/v1/review/reports/{id}/notes"),
    ("POST", "/api/v1/review/reports/{id}/notes"),
    ("GET", "/api/v1/review/reports/{id}/followups"),
    ("PUT", f"/api/v1/review/reports/{{id}}/questions/{SOME_ID}"),
    ("PUT", "/api/v1/review/reports/{id}/case"),
    ("GET", "/api/v1/review/cases/{id}/drafts"),
    ("POST", "/api/v1/review/cases/{id}/drafts"),
    ("GET", "/api/v1/review/reports/{id}/grants"),
    ("POST", "/api/v1/review/reports/{id}/grants"),
    ("GET", "/api/v1/review/attachments/{id}/grants"),
    ("GET", "/api/v1/review/attachments/{id}/ciphertext"),
    ("GET", "/api/v1/review/followups/{id}/ciphertext"),
    ("GET", "/api/v1/review/invitations/{id}"),
    ("POST", "/api/v1/review/invitations/{id}/totp"),
]


@pytest.fixture(autouse=True)
def nothing_is_stored(request: pytest.FixtureRequest, hostile_server: RunningServer, admin: Reviewer) -> Iterator[None]:
    """Every test here must leave the server's rows and files exactly as they were (the control: one report more)."""
    before = snapshot(hostile_server)
    yield
    after = snapshot(hostile_server)
    # Reading a review route with a session appends to the audit log; nothing else may change.
    for table in ("audit_entry", "review_session"):
        before.rows.pop(table, None), after.rows.pop(table, None)
    if request.node.name == test_a_sealed_report_is_still_accepted_after_all_this.__name__:
        before.rows["report"] += 1
    assert after == before


def assert_error_shape(response: httpx.Response, *statuses: int) -> None:
    assert response.status_code in statuses, (response.status_code, response.text[:200])
    if response.request.method == "HEAD":
        return
    error = response.json()["error"]
    assert set(error) == {"code", "message"} and error["message"].endswith("."), error


@pytest.mark.parametrize("bad_id", BAD_IDS.values(), ids=BAD_IDS.keys())
@pytest.mark.parametrize(("method", "template", "headers"), PUBLIC_ROUTES, ids=PUBLIC_IDS)
def test_an_id_that_is_no_uuid_is_refused_on_every_public_route(
    hostile_server: RunningServer, method: str, template: str, headers: dict[str, str], bad_id: str
) -> None:
    url = hostile_server.url(template.replace("{id}", bad_id))
    response = httpx.request(method, url, headers=headers, content=AGE + b"sealed bytes", timeout=30)
    assert_error_shape(response, 404, 405, 422)


@pytest.mark.parametrize("bad_id", BAD_IDS.values(), ids=BAD_IDS.keys())
@pytest.mark.parametrize(("method", "template"), REVIEW_ROUTES, ids=[f"{m} {t}" for m, t in REVIEW_ROUTES])
def test_an_id_that_is_no_uuid_is_refused_on_every_review_route(
    hostile_server: RunningServer, admin: Reviewer, method: str, template: str, bad_id: str
) -> None:
    path = template.replace("{id}", bad_id).removeprefix("/api/v1/review")
    response = admin.send(method, path, content=AGE + b"sealed", headers={"Content-Type": "application/octet-stream"})
    assert_error_shape(response, 404, 405, 422)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", AGE + b"x"),
        ("application/json", b'{"report": "plaintext"}'),
        ("multipart/form-data; boundary=x", b"--x\r\n\r\nplaintext\r\n--x--"),
        ("application/octet-stream", b"\x89PNG\r\n\x1a\n plaintext photo"),
        ("application/octet-stream", b"-----BEGIN AGE ENCRYPTED FILE-----\n"),  # armored: not what Kua stores
    ],
    ids=["text", "json", "multipart", "png", "armored"],
)
def test_a_body_that_is_not_an_age_file_is_refused_on_every_sealed_route(
    hostile_server: RunningServer, admin: Reviewer, content_type: str, body: bytes
) -> None:
    headers = {"Content-Type": content_type}
    report = httpx.put(hostile_server.url(f"/api/v1/reports/{uuid.uuid4()}"), content=body, headers=headers)
    assert_error_shape(report, 415)
    answer = httpx.put(
        hostile_server.url(f"/api/v1/reports/{uuid.uuid4()}/answers/{uuid.uuid4()}"), content=body, headers=headers
    )
    assert_error_shape(answer, 403, 415)  # no token proves the (unknown) report: refused before its body is read
    assert_error_shape(admin.post("/cases", content=body, headers=headers), 415)
    assert_error_shape(admin.post(f"/cases/{uuid.uuid4()}/drafts", content=body, headers=headers), 415)


def test_a_report_announcing_too_many_bytes_is_refused_before_they_are_sent(hostile_server: RunningServer) -> None:
    # Given a client that announces 1 GiB and sends only the first bytes
    head = (
        f"PUT /api/v1/reports/{uuid.uuid4()} HTTP/1.1\r\nHost: kua\r\nContent-Type: application/octet-stream\r\n"
        f"Content-Length: {2**30}\r\n\r\n"
    ).encode()
    answer = exchange(hostile_server, head + AGE)
    # Then the answer comes at once: 413, without waiting for the body
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:100]
    assert b'"report_too_large"' in answer


@pytest.mark.parametrize("size", [64 * 1024, 1024 * 1024], ids=["64KiB", "1MiB"])
def test_a_huge_header_is_refused_with_431(hostile_server: RunningServer, size: int) -> None:
    request = f"GET /healthz HTTP/1.1\r\nHost: kua\r\nX-Padding: {'a' * size}\r\n\r\n".encode()
    answer = exchange(hostile_server, request)
    assert answer == b"" or answer.startswith(b"HTTP/1.1 431 "), answer[:100]


def test_too_many_headers_are_refused_with_431(hostile_server: RunningServer) -> None:
    headers = "".join(f"X-Header-{i}: v\r\n" for i in range(3000))
    answer = exchange(hostile_server, f"GET /healthz HTTP/1.1\r\nHost: kua\r\n{headers}\r\n".encode())
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:100]
    assert b'"request_head_too_large"' in answer


def test_a_very_long_address_is_refused_with_431(hostile_server: RunningServer) -> None:
    answer = exchange(hostile_server, f"GET /api/v1/reports/{'a' * 100_000} HTTP/1.1\r\nHost: kua\r\n\r\n".encode())
    assert answer.startswith(b"HTTP/1.1 431 "), answer[:100]


def test_headers_of_a_normal_size_still_pass(hostile_server: RunningServer) -> None:
    response = httpx.get(hostile_server.url("/healthz"), headers={"X-Padding": "a" * 8000})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "first_bytes", [b"", b"GET /healthz HTTP/1.1\r\nHost: kua\r\nX-Slow: "], ids=["idle", "trickle"]
)
def test_a_slow_loris_is_disconnected_within_the_head_deadline(
    hostile_server: RunningServer, first_bytes: bytes
) -> None:
    # Given a client that connects, and then sends one byte of its request head a second, or nothing
    with socket.create_connection(("127.0.0.1", hostile_server.port)) as connection:
        connection.sendall(first_bytes)
        connection.settimeout(1.0)
        started = time.monotonic()
        closed_after = None
        while time.monotonic() - started < request_head.HEAD_TIMEOUT_SECONDS + 10:
            try:
                connection.sendall(b"a" if first_bytes else b"")
                if connection.recv(1024) == b"":
                    closed_after = time.monotonic() - started
                    break
            except TimeoutError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                closed_after = time.monotonic() - started
                break
    # Then the server closes the connection once the head deadline has passed, not before, not never
    assert closed_after is not None, "the connection was still open"
    assert closed_after <= request_head.HEAD_TIMEOUT_SECONDS + 2


def test_a_report_cut_off_mid_body_is_not_stored_and_not_a_server_error(hostile_server: RunningServer) -> None:
    report_id = uuid.uuid4()
    head = (
        f"PUT /api/v1/reports/{report_id} HTTP/1.1\r\nHost: kua\r\nContent-Type: application/octet-stream\r\n"
        "Content-Length: 10000\r\n\r\n"
    ).encode()
    refusal_line = "kua.request: PUT /api/v1/reports/{report_id} 400 "  # body_interrupted, in the request log
    refusals_before = hostile_server.log().count(refusal_line)
    with socket.create_connection(("127.0.0.1", hostile_server.port)) as connection:
        connection.sendall(head + AGE + b"only the beginning")
    # The request log's line is written when the request has been handled, after anything it logged on the way
    wait_until(
        lambda: hostile_server.log().count(refusal_line) > refusals_before,
        timeout=10,
        what="the request log's line for the cut-off report (400)",
    )
    assert "ClientDisconnect" not in hostile_server.log()
    assert "Unhandled" not in hostile_server.log()
    status = report_status(hostile_server.base_url, report_id)
    assert status.json()["reports"][0]["stored"] is False


def test_a_trickled_report_body_is_refused_when_it_stalls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a server whose stall deadline is one second (60 in production), in this process
    monkeypatch.setattr(request_body, "STALL_SECONDS", 1.0)
    app = migrated_app(tmp_path, rate_limit_per_minute=60_000, rate_limit_burst=10_000)
    report_id = uuid.uuid4()
    with serving(app) as server:
        port = int(server.base_url.rsplit(":", 1)[1])
        # When a phone sends the head and a few bytes of its report, then nothing more
        head = (
            f"PUT /api/v1/reports/{report_id} HTTP/1.1\r\nHost: kua\r\nContent-Type: application/octet-stream\r\n"
            "Content-Length: 5000\r\n\r\n"
        ).encode()
        started = time.monotonic()
        answer = exchange_at(port, head + AGE + b"abc", wait=10)
        # Then it is told 408 once no byte came for the deadline, and nothing is stored
        assert answer.startswith(b"HTTP/1.1 408 "), answer[:100]
        assert b'"body_stalled"' in answer
        assert time.monotonic() - started < 5
        status = report_status(server.base_url, report_id)
        assert status.json()["reports"][0]["stored"] is False
        assert sorted(p.name for p in (server.data_dir / "blobs").rglob("*") if p.is_file()) == []


def test_a_sealed_report_is_still_accepted_after_all_this(hostile_server: RunningServer) -> None:
    """The control: the refusals above were not a server refusing everything (this one stores a row)."""
    response = httpx.put(
        hostile_server.url(f"/api/v1/reports/{uuid.uuid4()}"),
        content=seal_report("control"),
        headers={"Content-Type": "application/octet-stream"},
    )
    assert response.status_code == 201


def exchange(server: RunningServer, request: bytes, wait: float = 10) -> bytes:
    return exchange_at(server.port, request, wait=wait)
