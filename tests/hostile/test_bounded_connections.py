"""Bounded connections (issue 16, finding 2): a body that trickles in is cut off with 408 and nothing of it
kept; bodies in progress are capped per client pseudonym and per process; and a crowd of honest phones
behind one carrier address installs the app and sends its reports while an attacker holds slow bodies.
All against a real `kua serve`, the attacks over raw sockets."""

import hashlib
import socket
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest

from kua.config import WRITES_BURST, WRITES_PER_MINUTE
from kua.crypto.age.header import AGE_MAGIC
from tests.hostile.neighbours import client_from
from tests.hostile.raw import head_of, trickle_at
from tests.intake.reporter import new_report_id, report_status, reporter_token_for, seal_report, status_claims
from tests.support.polling import wait_until
from tests.support.refusals import assert_refused
from tests.support.server import REPO, RunningServer
from tests.uploads.phone import TUS, seal_photo

# 2 s of grace and 100 bytes a second here (30 s and 512 by default), so the attack is over quickly
PACE = {"KUA_BODY_GRACE_SECONDS": "2", "KUA_BODY_MIN_BYTES_PER_SECOND": "100"}


@pytest.fixture(scope="module")
def paced_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    with RunningServer(tmp_path_factory.mktemp("paced") / "data", **PACE) as server:
        yield server


def report_head(report_id: uuid.UUID, length: int = 100_000) -> bytes:
    return (
        f"PUT /api/v1/reports/{report_id} HTTP/1.1\r\nHost: kua\r\nContent-Type: application/octet-stream\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode() + AGE_MAGIC


def assert_clean_log(server: RunningServer) -> None:
    log = server.log()
    assert " 500 " not in log and "Traceback" not in log and "CancelledError" not in log, log[-3000:]
    assert "127.0.0." not in log


def test_a_report_body_trickled_byte_by_byte_is_cut_off_with_408(paced_server: RunningServer) -> None:
    # Given an attacker who sends a report's head and then one byte every half second (the issue: every 40 s)
    report_id = new_report_id()
    answer, seconds = trickle_at(paced_server.port, report_head(report_id), every=0.5, wait=30)
    # Then the server answers 408 once the body falls below the minimum rate, with a reason, well within the wait
    assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
    assert b'"body_too_slow"' in answer and int(head_of(answer)["content-length"]) > 0
    assert seconds < 10
    # And nothing of it is stored, nothing failed, and no address was logged
    assert report_status(paced_server.base_url, report_id).json()["reports"][0]["stored"] is False
    assert_clean_log(paced_server)


def test_a_tus_patch_trickled_byte_by_byte_is_cut_off_and_keeps_what_came(paced_server: RunningServer) -> None:
    # Given an upload whose PATCH trickles in after its first bytes
    photo = seal_photo(50_000)
    created = httpx.post(
        paced_server.url("/api/v1/uploads/"),
        headers={**TUS, "Upload-Length": str(len(photo.ciphertext)), "Upload-Metadata": photo.metadata()},
    )
    assert created.status_code == 201
    location = created.headers["Location"]
    head = (
        f"PATCH {location} HTTP/1.1\r\nHost: kua\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
        f"Content-Type: application/offset+octet-stream\r\nContent-Length: {len(photo.ciphertext)}\r\n\r\n"
    ).encode() + photo.ciphertext[:100]
    answer, seconds = trickle_at(paced_server.port, head, every=0.5, wait=30)
    # Then it is cut off with 408 within the pace's deadline
    assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
    assert b'"upload_too_slow"' in answer
    assert seconds < 10
    # And the offset is durable and tells the phone where to resume (bytes without Upload-Checksum count)
    status = httpx.head(paced_server.url(location), headers=TUS)
    assert status.status_code == 200 and int(status.headers["Upload-Offset"]) >= 100
    assert_clean_log(paced_server)


@pytest.fixture
def capped_server(tmp_path: Path) -> Iterator[RunningServer]:
    """4 bodies in progress per client, 8 in all (64 and 512 by default); the default pace of 30 s."""
    caps = {"KUA_MAX_BODY_REQUESTS_PER_CLIENT": "4", "KUA_MAX_BODY_REQUESTS": "8"}
    with RunningServer(tmp_path / "data", **caps) as server:
        yield server


@contextmanager
def slow_bodies(server: RunningServer, source: str, count: int) -> Iterator[None]:
    """`count` report PUTs from `source` that send their head and the age header, then nothing more."""
    with ExitStack() as stack:
        for _ in range(count):
            connection = stack.enter_context(
                socket.create_connection(("127.0.0.1", server.port), source_address=(source, 0))
            )
            connection.sendall(report_head(new_report_id()))
        yield


def probe(server: RunningServer, source: str) -> httpx.Response:
    """A body request that is refused (415) if it gets through the caps: it stores nothing either way."""
    with client_from(source, server.base_url) as client:
        return client.put(f"/api/v1/reports/{uuid.uuid4()}", content=b"junk", headers={"Content-Type": "text/plain"})


def probe_answering(server: RunningServer, source: str, status_code: int) -> httpx.Response | None:
    response = probe(server, source)
    return response if response.status_code == status_code else None


def test_bodies_in_progress_are_capped_per_client_and_per_process(capped_server: RunningServer) -> None:
    server = capped_server
    # Given an attacker holding 4 slow bodies from one address
    with slow_bodies(server, "127.0.0.2", 4):
        # Then a fifth from that address is refused with a wait, and another network is not
        refused = wait_until(
            lambda: probe_answering(server, "127.0.0.2", 429),
            timeout=10,
            what="the client's cap reached",
        )
        assert_refused(refused, 429, "too_many_requests_in_progress")
        assert int(refused.headers["Retry-After"]) > 0
        assert probe(server, "127.0.0.3").status_code == 415
        # And once 8 bodies are in progress in all, the process refuses with 503 and a wait
        with slow_bodies(server, "127.0.0.4", 4):
            busy = wait_until(
                lambda: probe_answering(server, "127.0.0.5", 503),
                timeout=10,
                what="the process's cap reached",
            )
            assert_refused(busy, 503, "server_busy")
            assert int(busy.headers["Retry-After"]) > 0
    # When the attacker lets go, Then the same address sends a report again
    wait_until(lambda: probe(server, "127.0.0.2").status_code == 415, timeout=10, what="the slots freed")
    with client_from("127.0.0.2", server.base_url) as phone:
        answer = phone.put(
            f"/api/v1/reports/{new_report_id()}",
            content=seal_report("after the attack"),
            headers={"Content-Type": "application/octet-stream"},
        )
    assert answer.status_code == 201
    assert_clean_log(server)


CARRIER_ADDRESS = "127.0.0.20"  # every phone of the crowd: one carrier-grade NAT, one pseudonym
PHONES = 25
APP_FILES = sorted(
    "/" + str(p.relative_to(REPO / "frontend" / "dist")) for p in (REPO / "frontend" / "dist").rglob("*") if p.is_file()
)


def a_phone_installs_and_sends(server: RunningServer, number: int) -> list[int]:
    """A phone behind the carrier's NAT: a cold install (every file of the app), then one report and its status."""
    statuses = []
    with client_from(CARRIER_ADDRESS, server.base_url) as phone:
        statuses += [phone.get(path).status_code for path in ["/", *APP_FILES]]
        report_id = new_report_id()
        token_sha256 = hashlib.sha256(reporter_token_for(report_id).encode()).hexdigest()
        sent = phone.put(
            f"/api/v1/reports/{report_id}",
            content=seal_report(f"phone {number}: they were taken at night"),
            headers={"Content-Type": "application/octet-stream", "Kua-Reporter-Token-Sha256": token_sha256},
        )
        statuses.append(sent.status_code)
        stored = phone.post("/api/v1/reports/status", json=status_claims(report_id)).json()["reports"][0]["stored"]
        statuses.append(200 if stored else 0)
    return statuses


def test_a_crowd_behind_one_carrier_address_installs_and_sends_while_an_attacker_holds_slow_bodies(
    tmp_path: Path,
) -> None:
    # Given the default limits (the test servers' are otherwise raised), and an attacker holding slow bodies
    assert len(APP_FILES) >= 20, "build the reporter app first (make frontend)"
    defaults = {"KUA_RATE_LIMIT_PER_MINUTE": str(WRITES_PER_MINUTE), "KUA_RATE_LIMIT_BURST": str(WRITES_BURST)}
    with RunningServer(tmp_path / "data", **defaults) as server, slow_bodies(server, "127.0.0.21", 64):
        # When 25 phones behind one address install the app and send a report each, 6 at a time
        with ThreadPoolExecutor(max_workers=6) as pool:
            outcomes = list(pool.map(lambda n: a_phone_installs_and_sends(server, n), range(PHONES)))
        # Then every file, every report and every status answer came through
        for statuses in outcomes:
            assert set(statuses[:-2]) == {200}, statuses
            assert statuses[-2:] == [201, 200], statuses
    assert sum(len(s) for s in outcomes) >= PHONES * 40
