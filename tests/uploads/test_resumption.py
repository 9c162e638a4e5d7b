"""Uploads over a bad network and onto a server that dies: the offset the server reports is always
backed by the bytes on its disk, and the phone's tus client resumes from it to a complete attachment.

Decided behaviour for a body cut off mid-PATCH: without Upload-Checksum, the bytes that reached the
server and were fsynced count (tus allows it); with one, none does (they cannot be verified).
"""

import hashlib
import random
import socket
import threading
import time
from datetime import timedelta
from functools import partial
from pathlib import Path

import httpx
import pytest
from tusclient.exceptions import TusCommunicationError, TusUploadFailed

from kua.uploads import receive
from tests.support.app import migrated_app
from tests.support.figures import Figures
from tests.support.polling import wait_until
from tests.support.server import RunningServer
from tests.support.threaded_server import serving
from tests.uploads.clients import tus_js_upload, tuspy_upload
from tests.uploads.phone import (
    PATCH_TYPE,
    TUS,
    Photo,
    Server,
    assert_tus_refused,
    blob,
    checksum,
    create,
    offset_of,
    patch,
    seal_photo,
    staged,
)


def start_patch(server: Server, photo: Photo, offset: int, length: int, **headers: str) -> socket.socket:
    """Open a PATCH announcing `length` bytes and send only its headers (the body follows by hand)."""
    port = httpx.URL(server.url("/")).port
    assert port is not None
    lines = [
        f"PATCH {photo.path} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Tus-Resumable: 1.0.0",
        f"Upload-Offset: {offset}",
        f"Content-Type: {PATCH_TYPE}",
        f"Content-Length: {length}",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    connection = socket.create_connection(("127.0.0.1", port))
    connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    return connection


def settled_offset(server: Server, photo: Photo, timeout: float = 10) -> int:
    """The offset once no request holds the upload (an empty PATCH is refused as busy until then)."""
    offsets: list[int] = []

    def settled() -> bool:
        offsets.append(offset_of(server, photo))
        return patch(server, photo, offsets[-1], b"").status_code == 204

    wait_until(settled, timeout=timeout, what="the upload to be free (an empty PATCH accepted)")
    return offsets[-1]


def wait_for_a_block_on_disk(server: Server, photo: Photo, offset: int, timeout: float = 10) -> None:
    """Until the staging file has grown past `offset`: the server is reading the PATCH's body.

    Bytes reach the staging file a block (receive.BLOCK_SIZE) at a time, so a body's first block on
    disk is the one sign, from outside, that the server reads it; the rest follows in memory.
    """
    wait_until(
        lambda: staged(server, photo).stat().st_size > offset,
        timeout=timeout,
        what=f"the server to write a block of the PATCH past offset {offset}",
    )


def assert_disk_agrees(server: Server, photo: Photo, offset: int) -> None:
    """After a HEAD, the staging file holds exactly the first `offset` bytes of the photo."""
    assert staged(server, photo).read_bytes() == photo.ciphertext[:offset]


def test_a_patch_cut_off_mid_body_keeps_what_arrived_and_the_phone_resumes(uploads_server: RunningServer) -> None:
    # Given an upload with 100 000 bytes received
    photo = seal_photo(1_600_000)
    assert create(uploads_server, photo).status_code == 201
    assert patch(uploads_server, photo, 0, photo.ciphertext[:100_000]).status_code == 204
    # When the next PATCH loses its connection after a block and 150 000 bytes more of its 1 400 000 bytes
    sent = receive.BLOCK_SIZE + 150_000
    connection = start_patch(uploads_server, photo, 100_000, 1_400_000)
    connection.sendall(photo.ciphertext[100_000 : 100_000 + sent])
    wait_for_a_block_on_disk(uploads_server, photo, 100_000)
    connection.close()
    # Then the bytes that arrived count, and the disk holds exactly them
    offset = settled_offset(uploads_server, photo)
    assert offset == 100_000 + sent
    assert_disk_agrees(uploads_server, photo, offset)
    # And tuspy resumes from there to a complete attachment
    tuspy_upload(uploads_server, photo, chunk_size=64 * 1024, resume=True)
    assert blob(uploads_server, photo).read_bytes() == photo.ciphertext


def test_a_cut_off_patch_with_a_checksum_keeps_nothing(uploads_server: RunningServer) -> None:
    photo = seal_photo(1_600_000)
    assert create(uploads_server, photo).status_code == 201
    assert patch(uploads_server, photo, 0, photo.ciphertext[:50_000]).status_code == 204
    body = photo.ciphertext[50_000:1_450_000]
    connection = start_patch(uploads_server, photo, 50_000, len(body), **{"Upload-Checksum": checksum(body)})
    connection.sendall(body[: receive.BLOCK_SIZE + 60_000])
    wait_for_a_block_on_disk(uploads_server, photo, 50_000)  # written, and unverifiable once cut off
    connection.close()
    assert settled_offset(uploads_server, photo) == 50_000
    assert_disk_agrees(uploads_server, photo, 50_000)


def test_a_patch_that_stalls_is_given_up_and_frees_the_upload(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a server that gives up on a body after half a second of silence (60 s in production)
    monkeypatch.setattr(receive, "STALL_TIMEOUT", timedelta(seconds=0.5))
    app = migrated_app(tmp_path, database_url=database_url, rate_limit_per_minute=60_000, rate_limit_burst=10_000)
    with serving(app) as server:
        photo = seal_photo(100_000)
        assert create(server, photo).status_code == 201
        # When a phone's connection goes silent (not closed) after 30 000 bytes of a PATCH
        connection = start_patch(server, photo, 0, len(photo.ciphertext))
        connection.sendall(photo.ciphertext[:30_000])
        # Then the upload is freed, with what arrived kept, and the silent connection is told why
        assert settled_offset(server, photo) == 30_000
        assert_disk_agrees(server, photo, 30_000)
        assert b" 408 " in connection.recv(4096).split(b"\r\n")[0]
        connection.close()
        assert patch(server, photo, 30_000, photo.ciphertext[30_000:]).status_code == 204
        assert blob(server, photo).read_bytes() == photo.ciphertext


@pytest.mark.slow
def test_an_upload_survives_kill_9_mid_patch_and_tus_js_client_completes_it(database_url: str, tmp_path: Path) -> None:
    photo = seal_photo(3_000_000)
    with RunningServer(tmp_path / "data", KUA_DATABASE_URL=database_url) as server:
        # Given 200 000 bytes acknowledged
        assert create(server, photo).status_code == 201
        assert patch(server, photo, 0, photo.ciphertext[:200_000]).status_code == 204
        # When the server is killed while the next PATCH is half-way, a block of its bytes written but not
        # acknowledged (bytes reach the staging file in blocks of receive.BLOCK_SIZE)
        connection = start_patch(server, photo, 200_000, 2_000_000)
        connection.sendall(photo.ciphertext[200_000 : 200_000 + 1_500_000])
        wait_for_a_block_on_disk(server, photo, 200_000)
        assert staged(server, photo).stat().st_size >= 200_000 + receive.BLOCK_SIZE
        server.kill()
        connection.close()
        server.restart()
        # Then the offset is the acknowledged one, and the unacknowledged bytes are cut off the disk
        assert offset_of(server, photo) == 200_000
        assert_disk_agrees(server, photo, 200_000)
        # And tus-js-client, given the upload's address, resumes and completes it
        outcome = tus_js_upload(server, photo, "--chunk-size", "65536", "--upload-url", server.url(photo.path))
        assert outcome["complete"] is True
        assert hashlib.sha256(blob(server, photo).read_bytes()).hexdigest() == photo.sha256
        assert not staged(server, photo).exists()


def _ended_or_past(upload: threading.Thread, watcher: httpx.Client, photo: Photo, target: int) -> bool:
    """Whether the upload in `upload` has ended, or the server's offset (a HEAD on `watcher`) reached `target`."""
    return not upload.is_alive() or int(watcher.head(photo.path).headers["Upload-Offset"]) >= target


@pytest.mark.slow
def test_kill_9_at_random_moments_never_makes_the_offset_lie(
    database_url: str, tmp_path: Path, figures: Figures
) -> None:
    """tuspy uploads in small chunks while the server is killed at random points of the upload; after
    each restart the offset matches the disk, and tuspy resumes from it."""
    photo = seal_photo(1_500_000)
    rng = random.Random(20200429)
    offsets = [0]
    with RunningServer(tmp_path / "data", KUA_DATABASE_URL=database_url) as server:
        assert create(server, photo).status_code == 201
        for _kill in range(3):
            # Each kill lands 8-18% of the photo further on, then a random 0-5 ms into whatever the server
            # is doing (reading a body, syncing, answering); the three leave the upload unfinished.
            target = offsets[-1] + int(rng.uniform(0.08, 0.18) * len(photo.ciphertext))
            failure: list[BaseException] = []

            def upload(server: RunningServer = server, failure: list[BaseException] = failure) -> None:
                try:
                    # 16 KiB every 3 ms at most: the watcher below (a HEAD on a kept-alive connection, about
                    # 1 ms) sees the target passed within a chunk or two, however fast the server is
                    tuspy_upload(server, photo, chunk_size=16 * 1024, resume=True, pause=0.003)
                except (TusCommunicationError, TusUploadFailed, httpx.TransportError, OSError) as error:
                    failure.append(error)

            thread = threading.Thread(target=upload)
            with httpx.Client(base_url=server.url("/"), headers=TUS, timeout=30) as watcher:
                thread.start()
                wait_until(
                    partial(_ended_or_past, thread, watcher, photo, target),
                    timeout=60,
                    what=f"the upload to pass offset {target}",
                    interval=0.001,
                )
            time.sleep(rng.uniform(0, 0.005))  # a random moment is what is tested: the kill may land anywhere
            server.kill()
            thread.join(30)
            assert not thread.is_alive(), "the upload should have ended when its server was killed"
            assert failure, "the upload should have been cut by the kill"
            server.restart()
            offset = offset_of(server, photo)
            assert target <= offset < len(photo.ciphertext)
            assert_disk_agrees(server, photo, offset)
            offsets.append(offset)
        tuspy_upload(server, photo, chunk_size=256 * 1024, resume=True)
        assert blob(server, photo).read_bytes() == photo.ciphertext
        assert_tus_refused(patch(server, photo, 0, b""), 409, "upload_completed")
    figures.record(f"tus kill -9: 3 kills during a {len(photo.ciphertext)}-byte upload, resumed at {offsets[1:]}")
