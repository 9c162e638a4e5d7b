"""One upload, several writers: two server processes sharing a database and a data folder never both
write or advance the same upload, and a large attachment streams through in bounded memory."""

import hashlib
import os
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kua.db import migrate
from kua.db.engine import create_database_engine
from kua.db.models import Upload
from kua.db.session import transaction
from kua.uploads import repository
from tests.support.figures import Figures
from tests.support.server import RunningServer
from tests.uploads.phone import Photo, assert_tus_refused, blob, create, offset_of, patch, seal_photo

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def test_the_offset_only_moves_from_the_value_it_was_read_at(database_url: str) -> None:
    """The database guard behind every PATCH: of two writers that read offset 0, only one advances it."""
    migrate.upgrade(database_url, MIGRATIONS)
    engine = create_database_engine(database_url)
    upload_id = uuid.uuid4()
    with transaction(engine) as session:
        session.add(Upload(id=upload_id, length=1000, offset=0, sha256="0" * 64, created_at=NOW, expires_at=NOW))
    later = NOW + timedelta(days=30)
    assert repository.advance(engine, upload_id, expected=0, to=400, expires_at=later) is True
    assert repository.advance(engine, upload_id, expected=0, to=300, expires_at=later) is False
    assert repository.complete(engine, upload_id, expected=0, blob_key="attachments/x", now=NOW) is False
    assert repository.rewind(engine, upload_id, expected=300, to=0) is False
    upload = repository.get(engine, upload_id)
    assert upload is not None and (upload.offset, upload.completed_at) == (400, None)
    engine.dispose()


def _slowly(body: bytes, started: threading.Event) -> Iterator[bytes]:
    for start in range(0, len(body), 10_000):
        yield body[start : start + 10_000]
        started.set()
        time.sleep(0.05)  # a slow phone on purpose: the PATCH is still streaming when the second one comes


@pytest.mark.slow
def test_two_server_processes_never_write_one_upload_at_once(database_url: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with (
        RunningServer(data_dir, KUA_DATABASE_URL=database_url) as first,
        RunningServer(data_dir, KUA_DATABASE_URL=database_url) as second,
    ):
        # Given a phone whose PATCH is streaming into the first process
        photo = seal_photo(200_000)
        assert create(first, photo).status_code == 201
        started, results = threading.Event(), {}
        chunk = photo.ciphertext[:100_000]
        thread = threading.Thread(target=lambda: results.update(slow=patch(first, photo, 0, _slowly(chunk, started))))
        thread.start()
        assert started.wait(10)
        # When the same chunk reaches the second process, Then it is refused at once (the staging file is locked)
        assert_tus_refused(patch(second, photo, 0, chunk), 409, "upload_busy")
        thread.join(30)
        assert results["slow"].status_code == 204
        # And the second process continues from the offset the first one made durable
        assert offset_of(second, photo) == 100_000
        assert patch(second, photo, 100_000, photo.ciphertext[100_000:]).status_code == 204
        assert blob(first, photo).read_bytes() == photo.ciphertext


def _peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_a_large_attachment_streams_through_in_bounded_memory(tmp_path: Path, figures: Figures) -> None:
    # Only the first bytes need to be an age header for the server; the rest need not be real ciphertext.
    size = 40 * 1024 * 1024
    photo = Photo(b"age-encryption.org/v1\n" + os.urandom(size - 22))
    with RunningServer(tmp_path / "data") as server:
        assert create(server, photo).status_code == 201
        before = _peak_rss_kib(server.pid)
        response = patch(server, photo, 0, (photo.ciphertext[i : i + (1 << 20)] for i in range(0, size, 1 << 20)))
        assert response.status_code == 204, response.text
        grown = _peak_rss_kib(server.pid) - before
        assert hashlib.sha256(blob(server, photo).read_bytes()).hexdigest() == photo.sha256
    assert grown < 16 * 1024, f"the server's peak memory grew by {grown} KiB for a 40 MiB PATCH"
    figures.record(f"tus: one 40 MiB PATCH grew the server's peak memory by {grown // 1024} MiB")
