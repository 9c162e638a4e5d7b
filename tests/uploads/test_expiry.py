"""Unfinished uploads expire 2 days after their last progress; the running server removes them within
`upload_sweep_seconds`, and `kua uploads expire` (and every server
start) deletes them with their bytes, removes staging files nobody owns, and finishes what a crash
interrupted. The app's clock is moved by hand: the only fake these tests use."""

import os
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import update
from typer.testing import CliRunner

import kua.clock
from kua.api.services import services_of
from kua.cli.app import app as kua_cli
from kua.db.engine import create_database_engine
from kua.db.models import Upload
from tests.support.app import migrated_app
from tests.support.clock import FakeClock
from tests.support.polling import wait_until
from tests.support.threaded_server import ThreadedServer, serving
from tests.uploads.phone import TUS, assert_tus_refused, blob, create, head, offset_of, patch, seal_photo, staged

START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
EXPIRY = timedelta(days=2)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def server(database_url: str, tmp_path: Path, clock: FakeClock) -> Iterator[ThreadedServer]:
    with _server(database_url, tmp_path, clock, sweep_seconds=3600) as running:
        yield running


@pytest.fixture
def sweeping_server(database_url: str, tmp_path: Path, clock: FakeClock) -> Iterator[ThreadedServer]:
    """The running server's own sweep, every 200 ms here (5 minutes by default)."""
    with _server(database_url, tmp_path, clock, sweep_seconds=0.2) as running:
        yield running


@contextmanager
def _server(database_url: str, tmp_path: Path, clock: FakeClock, *, sweep_seconds: float) -> Iterator[ThreadedServer]:
    app = migrated_app(
        tmp_path,
        database_url=database_url,
        rate_limit_per_minute=60_000,
        rate_limit_burst=10_000,
        upload_sweep_seconds=sweep_seconds,
    )
    services_of(app).clock.set(clock)
    with serving(app) as running:
        yield running


@pytest.fixture
def expire_command(
    server: ThreadedServer, database_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[CliRunner]:
    """`kua uploads expire` in-process, on the server's data, with the same hand-moved clock."""
    monkeypatch.setattr(kua.clock, "utc_now", clock)
    for name, value in {
        "KUA_ENV": "development",
        "KUA_DATA_DIR": str(server.data_dir),
        "KUA_DATABASE_URL": database_url,
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("KUA_ENV_FILE", raising=False)
    yield CliRunner()


def expire(runner: CliRunner) -> str:
    # In a thread of its own: the command runs its own event loop, and the browser tests leave one
    # running in the main thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(runner.invoke, kua_cli, ["uploads", "expire"]).result()
    assert result.exit_code == 0, result.output
    return result.output


def expires_header(response: httpx.Response) -> datetime:
    return parsedate_to_datetime(response.headers["Upload-Expires"])


def test_an_abandoned_upload_expires_and_the_clean_up_deletes_its_bytes(
    server: ThreadedServer, clock: FakeClock, expire_command: CliRunner
) -> None:
    # Given an upload that received 1000 bytes, then nothing more
    photo = seal_photo(5000)
    created = create(server, photo)
    assert created.headers["Upload-Expires"] == format_datetime(START + EXPIRY, usegmt=True)
    assert patch(server, photo, 0, photo.ciphertext[:1000]).status_code == 204
    # When 2 days pass, Then it answers 410 and takes no more bytes
    clock.advance(days=2)
    assert_tus_refused(head(server, photo), 410, "upload_expired")
    assert_tus_refused(patch(server, photo, 1000, photo.ciphertext[1000:]), 410, "upload_expired")
    assert staged(server, photo).read_bytes() == photo.ciphertext[:1000], "kept until the clean-up runs"
    # When `kua uploads expire` runs, Then its row and its bytes are gone
    assert "Expired uploads removed: 1;" in expire(expire_command)
    assert_tus_refused(head(server, photo), 404, "upload_not_found")
    assert not staged(server, photo).exists()


def test_progress_keeps_an_upload_alive(server: ThreadedServer, clock: FakeClock, expire_command: CliRunner) -> None:
    photo = seal_photo(5000)
    create(server, photo)
    clock.advance(days=1)
    response = patch(server, photo, 0, photo.ciphertext[:1000])
    assert expires_header(response) == START + timedelta(days=1) + EXPIRY
    clock.advance(days=1.5)
    assert "Expired uploads removed: 0;" in expire(expire_command)
    assert offset_of(server, photo) == 1000
    assert expires_header(head(server, photo)) == START + timedelta(days=3)


def test_a_completed_attachment_never_expires(
    server: ThreadedServer, clock: FakeClock, expire_command: CliRunner
) -> None:
    photo = seal_photo(5000)
    create(server, photo)
    assert patch(server, photo, 0, photo.ciphertext).status_code == 204
    clock.advance(days=3650)
    expire(expire_command)
    status = head(server, photo)
    assert status.status_code == 200 and "Upload-Expires" not in status.headers
    assert blob(server, photo).read_bytes() == photo.ciphertext


def test_an_expired_upload_is_created_afresh_under_the_same_id(server: ThreadedServer, clock: FakeClock) -> None:
    # Given an upload that expired before the clean-up ran, with 1000 stale bytes staged
    photo = seal_photo(5000)
    create(server, photo)
    patch(server, photo, 0, photo.ciphertext[:1000])
    clock.advance(days=3)
    # When the phone (tus-js-client on a 410) creates it again, Then it starts from nothing
    assert create(server, photo).status_code == 201
    assert offset_of(server, photo) == 0
    assert_tus_refused(patch(server, photo, 1000, photo.ciphertext[1000:]), 409, "offset_mismatch")
    assert patch(server, photo, 0, photo.ciphertext).status_code == 204
    assert blob(server, photo).read_bytes() == photo.ciphertext


def test_the_clean_up_removes_staging_files_nobody_owns_once_they_are_old(
    server: ThreadedServer, clock: FakeClock, expire_command: CliRunner
) -> None:
    orphan = server.data_dir / "uploads" / f"{uuid.uuid4()}.part"
    orphan.write_bytes(b"age-encryption.org/v1\n left by a crash between deleting a row and its file")
    written = (START - timedelta(minutes=10)).timestamp()
    os.utime(orphan, (written, written))
    assert "leftover staging files removed: 0." in expire(expire_command)  # it may be another process's
    assert orphan.exists()
    clock.advance(hours=2)
    assert "leftover staging files removed: 1." in expire(expire_command)
    assert not orphan.exists()


def test_the_clean_up_finishes_a_completion_interrupted_by_a_crash(
    server: ThreadedServer, database_url: str, expire_command: CliRunner
) -> None:
    # Given the state a crash leaves between committing a completion and moving the file to blob storage
    photo = seal_photo(5000)
    create(server, photo)
    staged(server, photo).write_bytes(photo.ciphertext)
    engine = create_database_engine(database_url)
    with engine.begin() as connection:
        connection.execute(
            update(Upload)
            .where(Upload.id == photo.upload_id)  # type: ignore[arg-type]
            .values(offset=len(photo.ciphertext), completed_at=START, blob_key=f"attachments/{photo.upload_id}")
        )
    engine.dispose()
    # When the clean-up runs (as at every server start), Then the attachment is in blob storage
    expire(expire_command)
    assert blob(server, photo).read_bytes() == photo.ciphertext
    assert not staged(server, photo).exists()
    assert_tus_refused(httpx.delete(server.url(photo.path), headers=TUS), 403, "upload_completed")


def test_the_running_server_reclaims_a_stale_upload_without_a_command(
    sweeping_server: ThreadedServer, clock: FakeClock
) -> None:
    server = sweeping_server
    # Given an upload that received 1000 bytes and then nothing for two days
    photo = seal_photo(5000)
    create(server, photo)
    assert patch(server, photo, 0, photo.ciphertext[:1000]).status_code == 204
    clock.advance(days=2)
    # Then the running server deletes its row and its bytes by itself (no restart, no `kua uploads expire`)
    wait_until(lambda: head(server, photo).status_code == 404, timeout=10, what="the stale upload reclaimed")
    assert not staged(server, photo).exists()
    # And a phone that comes back later starts that photo again from nothing
    assert create(server, photo).status_code == 201 and offset_of(server, photo) == 0
