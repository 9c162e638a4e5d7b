"""A real `kua serve` with KUA_BLOB_STORE=s3 on SeaweedFS: large reports and tus attachments land in the
bucket byte for byte, a reviewer reads them back, and nothing acknowledged is lost to `kill -9`."""

import hashlib
import random
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from kua.api.services import services_of
from kua.db.engine import create_database_engine
from kua.intake.reports import INLINE_MAX_BYTES
from tests.intake.reporter import new_report_id, seal_report, send_report
from tests.intake.storage import database, report
from tests.review.console import Console, a_reviewer
from tests.storage.seaweedfs import SeaweedFS
from tests.support.app import migrated_app
from tests.support.clock import FakeClock
from tests.support.figures import Figures
from tests.support.polling import wait_until
from tests.support.server import RunningServer
from tests.support.threaded_server import serving
from tests.uploads.clients import tuspy_upload
from tests.uploads.phone import create, offset_of, patch, seal_photo, staged
from tests.uploads.test_resumption import start_patch, wait_for_a_block_on_disk

pytestmark = pytest.mark.s3

MiB = 1024 * 1024


def large_report(text: str = "Обыск в офисе.") -> bytes:
    """A report above the inline limit: stored as a blob, not in its row."""
    return seal_report(text.ljust(INLINE_MAX_BYTES + 1000, "."))


class Bucket:
    """What the object store holds, read with boto3 as an administrator (or a backup) would."""

    def __init__(self, seaweedfs: SeaweedFS, name: str) -> None:
        self.client, self.name = seaweedfs.client(), name

    def objects(self, prefix: str) -> dict[str, bytes]:
        listed = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix).get("Contents", [])
        return {o["Key"]: self.client.get_object(Bucket=self.name, Key=o["Key"])["Body"].read() for o in listed}

    def unfinished_uploads(self) -> list[str]:
        return [u["Key"] for u in self.client.list_multipart_uploads(Bucket=self.name).get("Uploads", [])]


@pytest.fixture(scope="module")
def bucket(seaweedfs: SeaweedFS) -> Bucket:
    return Bucket(seaweedfs, seaweedfs.new_bucket())


@pytest.fixture(scope="module")
def s3_server(
    seaweedfs: SeaweedFS, bucket: Bucket, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    data_dir = tmp_path_factory.mktemp("on-s3") / "data"
    with RunningServer(data_dir, **seaweedfs.settings(bucket.name)) as server:
        yield server


def test_the_server_is_ready_on_its_bucket_and_keeps_no_blob_on_its_disk(s3_server: RunningServer) -> None:
    assert httpx.get(s3_server.url("/readyz")).status_code == 200
    assert not (s3_server.data_dir / "blobs").exists()


def test_a_large_report_lands_in_the_bucket_byte_for_byte(s3_server: RunningServer, bucket: Bucket) -> None:
    # Given a phone with a report too large to be kept in its row
    sealed, report_id = large_report(), new_report_id()
    # When it sends it
    response = send_report(s3_server.base_url, report_id, sealed)
    # Then the receipt's hash is the report's, and the bucket holds exactly its bytes
    assert response.status_code == 201, response.text
    assert response.json()["sha256"] == hashlib.sha256(sealed).hexdigest()
    assert list(bucket.objects(f"reports/{report_id}.").values()) == [sealed]
    assert not (s3_server.data_dir / "blobs").exists()


def test_a_tuspy_upload_completes_into_the_bucket(s3_server: RunningServer, bucket: Bucket) -> None:
    # Given a photo larger than one part of a multipart upload (8 MiB)
    photo = seal_photo(9 * MiB)
    # When tuspy uploads it in 1 MiB chunks
    tuspy_upload(s3_server, photo, chunk_size=MiB)
    # Then the attachment is in the bucket with the SHA-256 the phone declared, and no longer staged
    stored = bucket.objects(f"attachments/{photo.upload_id}")
    assert [hashlib.sha256(body).hexdigest() for body in stored.values()] == [photo.sha256]
    assert not staged(s3_server, photo).exists()
    assert bucket.unfinished_uploads() == []


def test_a_reviewer_reads_a_large_report_back_from_the_bucket(seaweedfs: SeaweedFS, tmp_path: Path) -> None:
    settings = {k.removeprefix("KUA_").lower(): v for k, v in seaweedfs.settings(seaweedfs.new_bucket()).items()}
    app = migrated_app(tmp_path, rate_limit_per_minute=60_000, rate_limit_burst=10_000, **settings)
    clock = FakeClock(datetime.now(UTC).replace(microsecond=0))
    services_of(app).clock.set(clock)
    database_url = services_of(app).settings.database_url
    engine = create_database_engine(database_url)
    try:
        with serving(app) as server:
            reviewer = a_reviewer(Console(server, app, engine, clock, database_url), "Aigerim")
            sealed, report_id = large_report("Протокол задержания."), uuid.uuid4()
            assert send_report(server.base_url, report_id, sealed).status_code == 201
            fetched = reviewer.get(f"/reports/{report_id}/ciphertext")
            assert fetched.status_code == 200 and fetched.content == sealed
    finally:
        engine.dispose()


def test_a_server_with_a_wrong_key_is_not_ready_and_never_logs_the_key(seaweedfs: SeaweedFS, tmp_path: Path) -> None:
    settings = seaweedfs.settings(seaweedfs.new_bucket())
    settings["KUA_S3_SECRET_ACCESS_KEY"] = wrong = f"wrong-{uuid.uuid4().hex}"
    with RunningServer(tmp_path / "data", **settings) as server:
        assert httpx.get(server.url("/readyz")).status_code == 503
        response = send_report(server.base_url, new_report_id(), large_report())
        assert response.status_code == 500  # the phone keeps the report queued and tries again
        log = server.log()
    assert wrong not in log and seaweedfs.credentials.secret_access_key not in log


def test_an_upload_survives_kill_9_mid_patch_and_completes_into_the_bucket(
    seaweedfs: SeaweedFS, tmp_path: Path
) -> None:
    bucket = Bucket(seaweedfs, seaweedfs.new_bucket())
    photo = seal_photo(3_000_000)
    with RunningServer(tmp_path / "data", **seaweedfs.settings(bucket.name)) as server:
        # Given 200 000 bytes acknowledged
        assert create(server, photo).status_code == 201
        assert patch(server, photo, 0, photo.ciphertext[:200_000]).status_code == 204
        # When the server is killed while the next PATCH is half-way
        connection = start_patch(server, photo, 200_000, 2_000_000)
        connection.sendall(photo.ciphertext[200_000:1_700_000])
        wait_for_a_block_on_disk(server, photo, 200_000)
        server.kill()
        connection.close()
        server.restart()
        # Then the upload resumes from the acknowledged offset, and tuspy completes it into the bucket
        assert offset_of(server, photo) == 200_000
        tuspy_upload(server, photo, chunk_size=256 * 1024, resume=True)
    assert list(bucket.objects(f"attachments/{photo.upload_id}").values()) == [photo.ciphertext]
    assert bucket.unfinished_uploads() == []


def _sender(
    server: RunningServer, receipts: dict[uuid.UUID, str], sent: dict[uuid.UUID, bytes], stop: threading.Event
) -> None:
    while not stop.is_set():
        report_id, sealed = new_report_id(), large_report(f"report {uuid.uuid4()}")
        sent[report_id] = sealed
        try:
            response = send_report(server.base_url, report_id, sealed)
        except httpx.TransportError:
            continue  # the server died mid-request: the phone keeps the report queued
        if response.status_code == 201:
            receipts[report_id] = response.json()["sha256"]


def test_every_acknowledged_report_is_in_the_bucket_after_kill_9(
    seaweedfs: SeaweedFS, tmp_path: Path, figures: Figures
) -> None:
    bucket = Bucket(seaweedfs, seaweedfs.new_bucket())
    receipts: dict[uuid.UUID, str] = {}
    sent: dict[uuid.UUID, bytes] = {}
    rng = random.Random(20200429)
    with RunningServer(tmp_path / "data", **seaweedfs.settings(bucket.name)) as server:
        for _round in range(2):
            stop = threading.Event()
            senders = [threading.Thread(target=_sender, args=(server, receipts, sent, stop)) for _ in range(3)]
            acknowledged = len(receipts)
            for thread in senders:
                thread.start()
            # Requests in flight first (a loaded machine may take seconds for the first), then a random moment
            wait_until(lambda n=acknowledged: len(receipts) > n, timeout=60, what="a report acknowledged in this round")
            time.sleep(rng.uniform(0.5, 1.2))  # a random moment is what is tested, with requests in flight
            server.kill()  # at a random moment, mid-request for some senders
            stop.set()
            for thread in senders:
                thread.join(timeout=30)
            server.restart()
        # Then every acknowledged report's row names an object holding exactly the bytes sent
        with database(server) as connection:
            named = dict(connection.execute(sa.select(report.c.id, report.c.blob_key)).all())
    stored = bucket.objects("reports/")
    assert receipts, "no report was acknowledged before the kills"
    for report_id, sha256 in receipts.items():
        assert (
            hashlib.sha256(stored[named[report_id]]).hexdigest()
            == sha256
            == hashlib.sha256(sent[report_id]).hexdigest()
        )
    # And an object no row names (killed before its commit) holds its report's bytes, awaiting clean-up
    orphans = [key for key in stored if key not in set(named.values())]
    for key in orphans:
        assert stored[key] == sent[uuid.UUID(key.removeprefix("reports/").split(".")[0])]
    figures.record(
        f"kill -9 on S3 (SeaweedFS): 2 kills, {len(sent)} large reports sent, {len(receipts)} acknowledged and in"
        f" the bucket, 0 lost, {len(orphans)} orphan object(s) awaiting clean-up"
    )
