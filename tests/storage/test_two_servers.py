"""Two `kua serve` processes sharing one PostgreSQL database, one bucket and one data folder (the tus
staging area and the VAPID key), as docs/deploy.md describes several processes on one host, with a
phone's requests alternating between them: a report is stored once and every caller gets the same
receipt, whichever process takes it; an upload begun on one process resumes on the other, after a cut
connection or a `kill -9`, and two PATCHes of one upload never both write it."""

import hashlib
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

import httpx
import pytest
import sqlalchemy as sa

from kua.intake.reports import INLINE_MAX_BYTES
from tests.intake.reporter import new_report_id, report_status, seal_report, send_report
from tests.intake.storage import report, upload
from tests.storage.seaweedfs import SeaweedFS
from tests.storage.test_server_on_s3 import Bucket
from tests.support.databases import fresh_postgres_database
from tests.support.figures import Figures
from tests.support.refusals import assert_refused
from tests.support.server import RunningServer
from tests.uploads.clients import tuspy_upload
from tests.uploads.phone import Photo, assert_tus_refused, create, head, offset_of, patch, seal_photo, staged
from tests.uploads.test_resumption import settled_offset, start_patch, wait_for_a_block_on_disk

pytestmark = [pytest.mark.s3, pytest.mark.postgres]

# A small report is kept in its row, a large one in the bucket: both must behave the same.
SIZES = pytest.mark.parametrize("text_length", [100, INLINE_MAX_BYTES + 1000], ids=["small", "large"])
T = TypeVar("T")
SETTLE_TIMEOUT = 60.0  # generous: another test run may share the machine's two cores


@dataclass(frozen=True)
class Pair:
    """Two identically configured servers, and what they share."""

    first: RunningServer
    second: RunningServer
    bucket: Bucket
    database_url: str

    def in_turn(self, count: int) -> list[RunningServer]:
        """`count` servers, alternating: first, second, first..."""
        return [(self.first, self.second)[i % 2] for i in range(count)]

    def rows(self, query: sa.Select[tuple[object, ...]]) -> list[sa.Row[tuple[object, ...]]]:
        engine = sa.create_engine(self.database_url)
        try:
            with engine.connect() as connection:
                return list(connection.execute(query).all())
        finally:
            engine.dispose()


@pytest.fixture(scope="module")
def pair(seaweedfs: SeaweedFS, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    bucket = Bucket(seaweedfs, seaweedfs.new_bucket())
    folder = tmp_path_factory.mktemp("two-servers")
    with fresh_postgres_database() as database_url:
        settings = {"KUA_DATABASE_URL": database_url, **seaweedfs.settings(bucket.name)}
        first = RunningServer(folder / "data", **settings)
        second = RunningServer(folder / "data", **settings)
        first.log_path, second.log_path = folder / "first-server.log", folder / "second-server.log"
        with first, second:
            yield Pair(first, second, bucket, database_url)
            logs = {server.log_path.name: server.log() for server in (first, second)}
    for name, log in logs.items():  # no 5xx answered, no error logged (a staging file shorter than its offset...)
        assert not re.search(r"Traceback| ERROR |kua\.request: \S+ \S+ 5\d\d ", log), f"{name}:\n{log[-5000:]}"


def at_once(calls: list[Callable[[], T]]) -> list[T]:
    """Run `calls` in as many threads, released together; their results in order."""
    together = threading.Barrier(len(calls))

    def run(call: Callable[[], T]) -> T:
        together.wait(timeout=60)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def a_report(words: str, text_length: int) -> bytes:
    return seal_report(words.ljust(text_length, "."))


def status(server: RunningServer, *report_ids: uuid.UUID) -> dict[str, bool]:
    response = report_status(server.base_url, *report_ids)
    assert response.status_code == 200, response.text
    return {r["report_id"]: r["stored"] for r in response.json()["reports"]}


def assert_stored_once(pair: Pair, report_id: uuid.UUID, sealed: bytes) -> None:
    """One row for the report, holding `sealed` or naming the one object of its id that does; both servers say so."""
    rows = pair.rows(sa.select(report.c.ciphertext, report.c.blob_key).where(report.c.id == report_id))
    assert len(rows) == 1
    ciphertext, blob_key = rows[0]
    objects = pair.bucket.objects(f"reports/{report_id}.")
    if len(sealed) <= INLINE_MAX_BYTES:
        assert (ciphertext, blob_key, objects) == (sealed, None, {})
    else:
        assert ciphertext is None
        assert objects == {blob_key: sealed}, "a retry's own object is deleted, the original kept"
    for server in (pair.first, pair.second):
        assert status(server, report_id) == {str(report_id): True}


def assert_completed_once(pair: Pair, photo: Photo) -> None:
    """The upload's one row is complete, its object in the bucket holds exactly the photo, nothing is staged."""
    rows = pair.rows(
        sa.select(upload.c.length, upload.c.offset, upload.c.completed_at, upload.c.blob_key).where(
            upload.c.id == photo.upload_id
        )
    )
    assert len(rows) == 1
    length, offset, completed_at, blob_key = rows[0]
    assert (length, offset, blob_key) == (
        len(photo.ciphertext),
        len(photo.ciphertext),
        f"attachments/{photo.upload_id}",
    )
    assert completed_at is not None
    stored = pair.bucket.objects(f"attachments/{photo.upload_id}")
    assert list(stored) == [blob_key]
    assert hashlib.sha256(stored[blob_key]).hexdigest() == photo.sha256 and stored[blob_key] == photo.ciphertext
    assert not staged(pair.first, photo).exists()
    assert pair.bucket.unfinished_uploads() == []
    for server in (pair.first, pair.second):
        assert offset_of(server, photo) == len(photo.ciphertext)


def test_both_servers_share_one_data_folder_and_one_vapid_key(pair: Pair) -> None:
    assert pair.first.data_dir == pair.second.data_dir
    keys = [httpx.get(server.url("/api/v1/push/key"), timeout=30) for server in (pair.first, pair.second)]
    assert [k.status_code for k in keys] == [200, 200]
    assert keys[0].json() == keys[1].json()
    for server in (pair.first, pair.second):
        assert httpx.get(server.url("/readyz"), timeout=30).status_code == 200
    assert not (pair.first.data_dir / "blobs").exists() and not (pair.first.data_dir / "kua.sqlite3").exists()


# --- Idempotency of reports ---


@SIZES
def test_a_report_sent_to_each_server_in_turn_is_stored_once(pair: Pair, text_length: int) -> None:
    # Given a phone that lost the responses and sends the same report again, to whichever server
    report_id, sealed = new_report_id(), a_report("retry after a lost response", text_length)
    responses = [send_report(server.base_url, report_id, sealed) for server in pair.in_turn(4)]
    # Then the first is stored, the others get the same receipt
    assert [r.status_code for r in responses] == [201, 200, 200, 200]
    assert len({r.text for r in responses}) == 1, "every caller gets the same receipt"
    assert responses[0].json()["sha256"] == hashlib.sha256(sealed).hexdigest()
    assert_stored_once(pair, report_id, sealed)


@SIZES
def test_the_same_report_sent_concurrently_to_both_servers_is_stored_once(pair: Pair, text_length: int) -> None:
    for _round in range(3):
        report_id, sealed = new_report_id(), a_report(f"sent at once by six triggers {_round}", text_length)
        responses = at_once([partial(send_report, server.base_url, report_id, sealed) for server in pair.in_turn(6)])
        assert sorted(r.status_code for r in responses) == [200] * 5 + [201], [r.text for r in responses]
        assert len({r.text for r in responses}) == 1, "every caller gets the same receipt"
        assert_stored_once(pair, report_id, sealed)


@SIZES
def test_other_bytes_under_a_stored_id_are_refused_by_either_server(pair: Pair, text_length: int) -> None:
    report_id, sealed = new_report_id(), a_report("the original", text_length)
    assert send_report(pair.second.base_url, report_id, sealed).status_code == 201
    for server in pair.in_turn(2):
        edit = a_report(f"an edit sent to {server.log_path.name}", text_length)
        assert_refused(send_report(server.base_url, report_id, edit), 409, "report_conflict")
    assert_stored_once(pair, report_id, sealed)


@SIZES
def test_two_versions_of_a_report_sent_at_once_to_both_servers_one_wins(pair: Pair, text_length: int) -> None:
    # Given two versions under one id, each sent three times, to both servers
    report_id = new_report_id()
    versions = [a_report("version one", text_length), a_report("version two", text_length)]
    bodies = [versions[(i // 2) % 2] for i in range(6)]  # one, one, two, two, one, one
    sends = [
        partial(send_report, server.base_url, report_id, body)
        for server, body in zip(pair.in_turn(6), bodies, strict=True)
    ]
    outcomes = list(zip(bodies, at_once(sends), strict=True))
    # Then exactly one is stored; its senders get its receipt, the others a conflict
    created = [body for body, response in outcomes if response.status_code == 201]
    assert len(created) == 1, [r.text for _b, r in outcomes]
    winner = created[0]
    receipts = set()
    for body, response in outcomes:
        if body == winner:
            assert response.status_code in (200, 201), response.text
            receipts.add(response.text)
        else:
            assert_refused(response, 409, "report_conflict")
    assert len(receipts) == 1
    assert_stored_once(pair, report_id, winner)


def test_either_server_tells_a_phone_which_reports_are_stored(pair: Pair) -> None:
    stored_on_first, stored_on_second, lost = new_report_id(), new_report_id(), new_report_id()
    assert send_report(pair.first.base_url, stored_on_first, a_report("one", 100)).status_code == 201
    large = a_report("two", INLINE_MAX_BYTES + 1000)
    assert send_report(pair.second.base_url, stored_on_second, large).status_code == 201
    expected = {str(stored_on_first): True, str(stored_on_second): True, str(lost): False}
    for server in (pair.first, pair.second):
        assert status(server, stored_on_first, stored_on_second, lost) == expected


# --- Resumption of uploads ---


def test_an_upload_cut_off_on_one_server_resumes_on_the_other(pair: Pair) -> None:
    # Given an upload created on the first server, with 300 000 bytes acknowledged there
    photo = seal_photo(2_500_000)
    assert create(pair.first, photo).status_code == 201
    assert patch(pair.first, photo, 0, photo.ciphertext[:300_000]).status_code == 204
    # When its next PATCH to the first server loses its connection mid-body (after a block is on disk)
    connection = start_patch(pair.first, photo, 300_000, 2_000_000)
    connection.sendall(photo.ciphertext[300_000:1_600_000])
    wait_for_a_block_on_disk(pair.first, photo, 300_000, timeout=SETTLE_TIMEOUT)
    connection.close()
    # Then the second server reports the durable offset: what arrived and was kept, backed by the disk
    offset = settled_offset(pair.second, photo, timeout=SETTLE_TIMEOUT)
    assert 300_000 < offset <= 1_600_000
    assert offset_of(pair.first, photo) == offset
    assert staged(pair.second, photo).read_bytes() == photo.ciphertext[:offset]
    # And tuspy resumes on the second server to a complete attachment in the bucket
    tuspy_upload(pair.second, photo, chunk_size=256 * 1024, resume=True)
    assert_completed_once(pair, photo)


def test_an_upload_alternating_between_the_servers_at_every_chunk_completes(pair: Pair) -> None:
    photo = seal_photo(3_000_000)
    chunk_size = 256 * 1024
    starts = list(range(0, len(photo.ciphertext), chunk_size))
    # Given an upload created on the second server
    assert create(pair.second, photo).status_code == 201
    for start, server in zip(starts, pair.in_turn(len(starts)), strict=True):
        other = pair.second if server is pair.first else pair.first
        # Each server knows the offset the other made durable, and continues from it
        assert offset_of(other, photo) == start
        response = patch(server, photo, start, photo.ciphertext[start : start + chunk_size])
        assert response.status_code == 204, response.text
        assert int(response.headers["Upload-Offset"]) == min(start + chunk_size, len(photo.ciphertext))
    # Then the SHA-256 of the whole is checked (neither process followed every byte) and the object is whole
    assert_completed_once(pair, photo)


def _slowly(body: bytes) -> Iterator[bytes]:
    for start in range(0, len(body), 20_000):
        yield body[start : start + 20_000]
        time.sleep(0.02)  # a slow phone on purpose: both PATCHes are still streaming when they meet


def test_concurrent_patches_of_one_upload_on_both_servers_are_serialised(pair: Pair, figures: Figures) -> None:
    photo = seal_photo(1_200_000)
    chunk_size = 250_000
    assert create(pair.first, photo).status_code == 201
    offset, refusals = 0, []
    while offset < len(photo.ciphertext):
        # Two PATCHes of the same bytes at the same offset, one to each server, at once
        chunk = photo.ciphertext[offset : offset + chunk_size]
        responses = at_once([partial(patch, server, photo, offset, _slowly(chunk)) for server in pair.in_turn(2)])
        # Then exactly one writes them; the other is refused without touching the file
        accepted = [r for r in responses if r.status_code == 204]
        assert len(accepted) == 1, [r.text for r in responses]
        refused = next(r for r in responses if r.status_code != 204)
        assert_tus_refused(refused, 409, "upload_busy", "offset_mismatch", "upload_completed")
        refusals.append(refused.json()["error"]["code"])
        offset += len(chunk)
        assert int(accepted[0].headers["Upload-Offset"]) == offset
        assert offset_of(pair.first, photo) == offset_of(pair.second, photo) == offset
    assert_completed_once(pair, photo)
    figures.record(
        f"two servers, one upload: {len(refusals)} pairs of concurrent PATCHes, each written once; the other refused"
        f" ({refusals.count('upload_busy')} upload_busy, {refusals.count('offset_mismatch')} offset_mismatch,"
        f" {refusals.count('upload_completed')} upload_completed)"
    )


def test_an_upload_survives_kill_9_of_one_server_and_completes_on_the_other(pair: Pair) -> None:
    photo = seal_photo(3_000_000)
    # Given 200 000 bytes acknowledged by the first server
    assert create(pair.first, photo).status_code == 201
    assert patch(pair.first, photo, 0, photo.ciphertext[:200_000]).status_code == 204
    try:
        # When the first server is killed while the next PATCH is half-way (bytes past the offset on disk)
        connection = start_patch(pair.first, photo, 200_000, 2_000_000)
        connection.sendall(photo.ciphertext[200_000:1_700_000])
        wait_for_a_block_on_disk(pair.first, photo, 200_000, timeout=SETTLE_TIMEOUT)
        pair.first.kill()
        connection.close()
        # Then the second server reports the acknowledged offset, and cuts the unacknowledged bytes
        assert head(pair.second, photo).headers["Upload-Offset"] == "200000"
        assert settled_offset(pair.second, photo, timeout=SETTLE_TIMEOUT) == 200_000
        assert staged(pair.second, photo).read_bytes() == photo.ciphertext[:200_000]
        # And tuspy completes the upload on the second server
        tuspy_upload(pair.second, photo, chunk_size=256 * 1024, resume=True)
    finally:
        pair.first.restart()
    # And the restarted first server sees it complete too
    assert_completed_once(pair, photo)
