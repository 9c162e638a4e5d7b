"""Real tus clients upload sealed photos: tus-js-client (the reporter app's library, under Node) and
tuspy. The attachment stored is the photo, byte for byte."""

import hashlib

import pytest

from tests.support.figures import Figures
from tests.support.server import RunningServer
from tests.uploads.clients import tus_js_upload, tuspy_upload
from tests.uploads.phone import Photo, assert_tus_refused, blob, create, offset_of, patch, seal_photo


def stored_sha256(server: RunningServer, upload_id: object) -> str:
    return hashlib.sha256((server.data_dir / "blobs" / "attachments" / str(upload_id)).read_bytes()).hexdigest()


@pytest.mark.parametrize("checksums", [False, True], ids=["plain", "with-checksums"])
def test_tus_js_client_uploads_a_photo_in_chunks(
    uploads_server: RunningServer, checksums: bool, figures: Figures
) -> None:
    photo = seal_photo(700_000)
    options = ["--chunk-size", str(128 * 1024)] + (["--checksum"] if checksums else [])
    outcome = tus_js_upload(uploads_server, photo, *options)
    assert outcome == {"url": uploads_server.url(photo.path), "offset": len(photo.ciphertext), "complete": True}
    assert stored_sha256(uploads_server, photo.upload_id) == photo.sha256
    if checksums:
        figures.record(f"tus-js-client 4.3.1: {len(photo.ciphertext)} bytes in 128 KiB PATCHes with sha256 checksums")


def test_tus_js_client_resumes_after_the_phone_went_offline(uploads_server: RunningServer) -> None:
    # Given a phone that sent part of a photo and lost its connection
    photo = seal_photo(500_000)
    first = tus_js_upload(uploads_server, photo, "--chunk-size", "100000", "--stop-after", "200000")
    assert first["complete"] is False and first["offset"] == 200_000
    assert offset_of(uploads_server, photo) == 200_000
    # When it comes back online with the address it kept, Then it sends only the rest
    second = tus_js_upload(uploads_server, photo, "--chunk-size", "100000", "--upload-url", first["url"])
    assert second["complete"] is True
    assert stored_sha256(uploads_server, photo.upload_id) == photo.sha256


def test_tus_js_client_reports_a_whole_file_mismatch_instead_of_retrying_forever(
    uploads_server: RunningServer,
) -> None:
    # Given an upload declared with the SHA-256 of other bytes than the phone then sends
    photo = seal_photo(50_000)
    declared = Photo(photo.ciphertext[:-1] + bytes([photo.ciphertext[-1] ^ 1]), upload_id=photo.upload_id)
    assert create(uploads_server, declared).status_code == 201
    outcome = tus_js_upload(
        uploads_server, photo, "--upload-url", uploads_server.url(photo.path), "--retry-delays", "0,10"
    )
    assert outcome["status"] == 460
    assert offset_of(uploads_server, photo) == 0 and not blob(uploads_server, photo).exists()


@pytest.mark.parametrize("checksum", [False, True], ids=["plain", "with-sha1-checksums"])
def test_tuspy_uploads_a_photo_in_chunks(uploads_server: RunningServer, checksum: bool) -> None:
    photo = seal_photo(300_000)
    url = tuspy_upload(uploads_server, photo, chunk_size=64 * 1024, checksum=checksum)
    assert url == uploads_server.url(photo.path)
    assert stored_sha256(uploads_server, photo.upload_id) == photo.sha256


def test_tuspy_resumes_an_upload_another_client_started(uploads_server: RunningServer) -> None:
    photo = seal_photo(300_000)
    assert create(uploads_server, photo).status_code == 201
    assert patch(uploads_server, photo, 0, photo.ciphertext[:123_456]).status_code == 204
    tuspy_upload(uploads_server, photo, chunk_size=50_000, resume=True)
    assert stored_sha256(uploads_server, photo.upload_id) == photo.sha256
    assert_tus_refused(patch(uploads_server, photo, 0, photo.ciphertext[:10]), 409, "upload_completed")
