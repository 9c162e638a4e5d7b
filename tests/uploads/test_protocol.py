"""A phone sends a sealed photo over tus 1.0.0: the server tells it the truth about what it holds,
completes the attachment only when the whole file has the declared SHA-256, and refuses everything
else with a clear reason, changing nothing."""

import hashlib
import itertools
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.server import RunningServer
from tests.uploads.conftest import MAX_ATTACHMENT_BYTES
from tests.uploads.phone import (
    ENDPOINT,
    PATCH_TYPE,
    TUS,
    Photo,
    assert_tus_refused,
    blob,
    checksum,
    create,
    head,
    offset_of,
    patch,
    seal_photo,
    send_whole,
    staged,
)


def test_the_server_describes_what_it_speaks(uploads_server: RunningServer) -> None:
    response = httpx.options(uploads_server.url(ENDPOINT))
    assert response.status_code == 204
    assert response.headers["Tus-Resumable"] == response.headers["Tus-Version"] == "1.0.0"
    assert response.headers["Tus-Extension"] == "creation,checksum,termination,expiration"
    assert set(response.headers["Tus-Checksum-Algorithm"].split(",")) == {"sha256", "sha1"}
    assert response.headers["Tus-Max-Size"] == str(MAX_ATTACHMENT_BYTES)


def test_a_request_without_tus_resumable_is_refused(uploads_server: RunningServer) -> None:
    photo = seal_photo(1000)
    for version in ("", "0.2.2"):
        response = create(uploads_server, photo, **{"Tus-Resumable": version})
        assert_tus_refused(response, 412, "tus_version_unsupported")
        assert response.headers["Tus-Version"] == "1.0.0"
    assert_tus_refused(head(uploads_server, photo), 404, "upload_not_found")
    # Nor is a PATCH without it taken
    assert create(uploads_server, photo).status_code == 201
    response = patch(uploads_server, photo, 0, photo.ciphertext[:100], **{"Tus-Resumable": "0.2.2"})
    assert_tus_refused(response, 412, "tus_version_unsupported")
    assert offset_of(uploads_server, photo) == 0
    assert not staged(uploads_server, photo).exists()


def test_a_phone_uploads_a_photo_in_chunks_and_it_becomes_an_immutable_attachment(
    uploads_server: RunningServer,
) -> None:
    # Given a sealed photo, declared with its id and SHA-256
    photo = seal_photo(300_000)
    created = create(uploads_server, photo)
    assert created.status_code == 201
    assert created.headers["Location"] == photo.path
    assert "Upload-Expires" in created.headers
    # When the phone sends it in three PATCHes, each answered with the durable offset
    thirds = [0, 100_000, 200_000, len(photo.ciphertext)]
    for start, end in itertools.pairwise(thirds):
        status = head(uploads_server, photo)
        assert (status.status_code, int(status.headers["Upload-Offset"])) == (200, start)
        assert status.headers["Cache-Control"] == "no-store" and "Upload-Expires" in status.headers
        assert status.headers["Upload-Length"] == str(len(photo.ciphertext))
        response = patch(uploads_server, photo, start, photo.ciphertext[start:end])
        assert (response.status_code, response.headers["Upload-Offset"]) == (204, str(end))
    # Then the attachment is complete, stored byte for byte, and no longer expires
    status = head(uploads_server, photo)
    assert status.headers["Upload-Offset"] == status.headers["Upload-Length"]
    assert "Upload-Expires" not in status.headers
    assert blob(uploads_server, photo).read_bytes() == photo.ciphertext
    assert not staged(uploads_server, photo).exists()
    # And it can neither change nor be deleted
    assert_tus_refused(patch(uploads_server, photo, len(photo.ciphertext), b""), 409, "upload_completed")
    assert_tus_refused(patch(uploads_server, photo, 0, photo.ciphertext[:100]), 409, "upload_completed")
    response = httpx.delete(uploads_server.url(photo.path), headers=TUS)
    assert_tus_refused(response, 403, "upload_completed")
    assert blob(uploads_server, photo).read_bytes() == photo.ciphertext


def test_a_phone_that_lost_the_creation_response_creates_again_and_goes_on(uploads_server: RunningServer) -> None:
    photo = seal_photo(5000)
    first, again = create(uploads_server, photo), create(uploads_server, photo)
    assert (first.status_code, again.status_code) == (201, 201)
    # The same upload at a new address: the secret is drawn anew, only its hash is kept (test_capability.py)
    assert first.headers["Location"].split(".")[0] == again.headers["Location"].split(".")[0]
    assert patch(uploads_server, photo, 0, photo.ciphertext[:1000]).status_code == 204
    assert create(uploads_server, photo).status_code == 201
    assert offset_of(uploads_server, photo) == 1000, "creating again keeps what was received"


@pytest.mark.parametrize(
    ("change", "what"), [("length", "a different length"), ("sha256", "a different SHA-256")], ids=["length", "sha256"]
)
def test_another_attachment_under_a_used_id_is_refused(uploads_server: RunningServer, change: str, what: str) -> None:
    photo = seal_photo(5000)
    create(uploads_server, photo)
    patch(uploads_server, photo, 0, photo.ciphertext[:1000])
    other = Photo(seal_photo(6000).ciphertext, upload_id=photo.upload_id)
    headers = {"Upload-Metadata": photo.metadata(sha256=other.sha256)} if change == "sha256" else {}
    headers |= {"Upload-Length": str(len(other.ciphertext))} if change == "length" else {}
    assert_tus_refused(create(uploads_server, photo, **headers), 409, "upload_conflict")
    status = head(uploads_server, photo)
    assert (status.headers["Upload-Offset"], status.headers["Upload-Length"]) == ("1000", str(len(photo.ciphertext)))
    assert staged(uploads_server, photo).read_bytes() == photo.ciphertext[:1000]


@pytest.mark.parametrize(
    ("headers", "status_code", "code"),
    [
        ({"Upload-Metadata": ""}, 400, "invalid_upload_metadata"),
        ({"Upload-Metadata": "sha256 " + "YQ=="}, 400, "invalid_upload_metadata"),
        ({"Upload-Metadata": "@id"}, 400, "invalid_upload_metadata"),
        ({"Upload-Metadata": "id bm90LWEtdXVpZA==,sha256 YQ=="}, 400, "invalid_upload_metadata"),
        ({"Upload-Length": ""}, 400, "invalid_upload_length"),
        ({"Upload-Length": "-5"}, 400, "invalid_upload_length"),
        ({"Upload-Length": "12"}, 400, "invalid_upload_length"),
        ({"Upload-Length": str(MAX_ATTACHMENT_BYTES + 1)}, 413, "attachment_too_large"),
    ],
    ids=["no-metadata", "no-id", "bad-syntax", "id-not-uuid", "no-length", "negative", "too-short", "too-large"],
)
def test_a_creation_with_bad_headers_is_refused(
    uploads_server: RunningServer, headers: dict[str, str], status_code: int, code: str
) -> None:
    photo = seal_photo(1000)
    assert_tus_refused(create(uploads_server, photo, **headers), status_code, code)
    assert_tus_refused(head(uploads_server, photo), 404, "upload_not_found")
    assert not staged(uploads_server, photo).exists()


@pytest.mark.parametrize(
    ("override", "reason"),
    [
        ({"sha256": "A" * 64}, "uppercase hex"),
        ({"sha256": "ab" * 31}, "short"),
        ({"filename": "IMG_0001.jpg"}, "a key that would leak a name"),
    ],
    ids=["uppercase", "short", "filename"],
)
def test_metadata_must_be_exactly_an_id_and_a_lowercase_sha256(
    uploads_server: RunningServer, override: dict[str, str], reason: str
) -> None:
    photo = seal_photo(1000)
    response = create(uploads_server, photo, **{"Upload-Metadata": photo.metadata(**override)})
    assert_tus_refused(response, 400, "invalid_upload_metadata")
    assert_tus_refused(head(uploads_server, photo), 404, "upload_not_found")
    assert not staged(uploads_server, photo).exists()


def _upload_with(server: RunningServer, received: int) -> Photo:
    """An upload that has `received` bytes so far."""
    photo = seal_photo(200_000)
    assert create(server, photo).status_code == 201
    if received:
        assert patch(server, photo, 0, photo.ciphertext[:received]).status_code == 204
    return photo


def _unchanged(server: RunningServer, photo: Photo, received: int) -> None:
    assert offset_of(server, photo) == received
    assert staged(server, photo).read_bytes() == photo.ciphertext[:received]
    assert not blob(server, photo).exists()


def test_a_patch_at_the_wrong_offset_is_refused(uploads_server: RunningServer) -> None:
    photo = _upload_with(uploads_server, 1000)
    for offset in (0, 999, 1001):
        response = patch(uploads_server, photo, offset, photo.ciphertext[offset : offset + 500])
        assert_tus_refused(response, 409, "offset_mismatch")
        assert "offset 1000" in response.json()["error"]["message"]
    _unchanged(uploads_server, photo, 1000)


@pytest.mark.parametrize("content_type", ["application/octet-stream", "image/jpeg", ""])
def test_a_patch_of_another_content_type_is_refused(uploads_server: RunningServer, content_type: str) -> None:
    photo = _upload_with(uploads_server, 1000)
    response = patch(uploads_server, photo, 1000, photo.ciphertext[1000:2000], **{"Content-Type": content_type})
    assert_tus_refused(response, 415, "wrong_content_type")
    _unchanged(uploads_server, photo, 1000)


@pytest.mark.parametrize("algorithm", ["sha256", "sha1"])
def test_a_patch_whose_checksum_does_not_match_is_discarded(uploads_server: RunningServer, algorithm: str) -> None:
    photo = _upload_with(uploads_server, 1000)
    chunk = photo.ciphertext[1000:50_000]
    corrupted = chunk[:-1] + bytes([chunk[-1] ^ 1])
    response = patch(uploads_server, photo, 1000, corrupted, **{"Upload-Checksum": checksum(chunk, algorithm)})
    assert_tus_refused(response, 460, "checksum_mismatch")
    _unchanged(uploads_server, photo, 1000)
    # The same bytes with a matching checksum are accepted
    response = patch(uploads_server, photo, 1000, chunk, **{"Upload-Checksum": checksum(chunk, algorithm)})
    assert (response.status_code, response.headers["Upload-Offset"]) == (204, "50000")


@pytest.mark.parametrize(
    ("header", "code"),
    [("md5 " + "A" * 24, "checksum_algorithm_unsupported"), ("sha256 not-base64!", "invalid_upload_checksum")],
    ids=["md5", "garbled"],
)
def test_an_unusable_checksum_header_is_refused(uploads_server: RunningServer, header: str, code: str) -> None:
    photo = _upload_with(uploads_server, 1000)
    assert_tus_refused(
        patch(uploads_server, photo, 1000, photo.ciphertext[1000:2000], **{"Upload-Checksum": header}), 400, code
    )
    _unchanged(uploads_server, photo, 1000)


@pytest.mark.parametrize(
    "first_bytes",
    [b"\xff\xd8\xff\xe0 a plain JPEG, not sealed" + b"x" * 100, b"age-encryption.org/v2\n" + b"x" * 100, b"age-end"],
    ids=["jpeg", "other-version", "short-and-wrong"],
)
def test_an_attachment_that_is_not_an_age_file_is_refused_before_any_byte_is_kept(
    uploads_server: RunningServer, first_bytes: bytes
) -> None:
    photo = _upload_with(uploads_server, 0)
    assert_tus_refused(patch(uploads_server, photo, 0, first_bytes), 415, "not_age_encrypted")
    assert offset_of(uploads_server, photo) == 0
    assert staged(uploads_server, photo).read_bytes() == b""


def test_the_age_header_may_arrive_over_several_patches(uploads_server: RunningServer) -> None:
    photo = _upload_with(uploads_server, 0)
    assert patch(uploads_server, photo, 0, photo.ciphertext[:10]).status_code == 204
    assert_tus_refused(patch(uploads_server, photo, 10, b"XXXXXXXXXXXXXXX"), 415, "not_age_encrypted")
    assert patch(uploads_server, photo, 10, photo.ciphertext[10:30]).status_code == 204
    _unchanged(uploads_server, photo, 30)


def test_a_body_past_the_declared_length_is_refused_and_none_of_it_kept(uploads_server: RunningServer) -> None:
    photo = _upload_with(uploads_server, 1000)
    too_long = photo.ciphertext[1000:] + b"one byte more"
    assert_tus_refused(patch(uploads_server, photo, 1000, too_long), 413, "body_exceeds_upload_length")
    # Also when no Content-Length announces it (chunked transfer encoding)
    assert_tus_refused(patch(uploads_server, photo, 1000, iter([too_long])), 413, "body_exceeds_upload_length")
    _unchanged(uploads_server, photo, 1000)


def test_a_whole_file_with_another_sha256_is_not_completed_and_starts_again(uploads_server: RunningServer) -> None:
    # Given a phone that declared one SHA-256 and sends bytes whose hash differs (a bug, or corruption)
    photo = seal_photo(100_000)
    declared = Photo(photo.ciphertext[:-1] + bytes([photo.ciphertext[-1] ^ 1]), upload_id=photo.upload_id)
    assert create(uploads_server, declared).status_code == 201
    assert patch(uploads_server, photo, 0, photo.ciphertext[:60_000]).status_code == 204
    # When the last byte arrives, Then the upload is refused, not completed, and back at offset 0
    response = patch(uploads_server, photo, 60_000, photo.ciphertext[60_000:])
    assert_tus_refused(response, 460, "attachment_hash_mismatch")
    assert offset_of(uploads_server, photo) == 0
    assert staged(uploads_server, photo).read_bytes() == b""
    assert not blob(uploads_server, photo).exists()
    # And the right bytes sent again complete it
    response = patch(uploads_server, declared, 0, declared.ciphertext)
    assert (response.status_code, response.headers["Upload-Offset"]) == (204, str(len(declared.ciphertext)))
    assert hashlib.sha256(blob(uploads_server, photo).read_bytes()).hexdigest() == declared.sha256


def test_acknowledged_bytes_leave_the_page_cache(uploads_server: RunningServer) -> None:
    # Given an upload of which the phone sent a first PATCH
    photo = seal_photo(1_500_000)
    assert create(uploads_server, photo).status_code == 201
    assert patch(uploads_server, photo, 0, photo.ciphertext[:1_000_000]).status_code == 204
    # Then its bytes, fsynced and acknowledged, hold no memory: the next PATCH reuses it
    # (new pages cost the writes ten times over on these machines: docs/performance.md)
    assert _cached_bytes(staged(uploads_server, photo)) == 0


def _cached_bytes(path: Path) -> int:
    """How much of a file is in the page cache, as util-linux's fincore counts it."""
    found = subprocess.run(
        ["fincore", "--bytes", "--noheadings", "--output", "RES", str(path)], capture_output=True, text=True, check=True
    )
    return int(found.stdout.strip())


def test_a_phone_terminates_an_unfinished_upload(uploads_server: RunningServer) -> None:
    photo = _upload_with(uploads_server, 1000)
    response = httpx.delete(uploads_server.url(photo.path), headers=TUS)
    assert response.status_code == 204 and response.headers["Tus-Resumable"] == "1.0.0"
    assert_tus_refused(head(uploads_server, photo), 404, "upload_not_found")
    assert_tus_refused(patch(uploads_server, photo, 1000, photo.ciphertext[1000:]), 404, "upload_not_found")
    assert not staged(uploads_server, photo).exists()
    assert_tus_refused(httpx.delete(uploads_server.url(photo.path), headers=TUS), 404, "upload_not_found")


def test_an_address_that_is_not_an_upload_id_is_not_found(uploads_server: RunningServer) -> None:
    response = httpx.head(uploads_server.url(f"{ENDPOINT}not-a-uuid"), headers=TUS)
    assert response.status_code == 404 and response.headers["Tus-Resumable"] == "1.0.0"


def _slowly(body: bytes, pieces: int, pause: float, started: threading.Event) -> Iterator[bytes]:
    size = -(-len(body) // pieces)
    for start in range(0, len(body), size):
        yield body[start : start + size]
        started.set()
        time.sleep(pause)  # a slow phone on purpose: the PATCH is still streaming when the other one comes


def test_two_patches_at_once_are_serialised_one_wins_the_other_is_refused(uploads_server: RunningServer) -> None:
    # Given two sync triggers on the phone sending the same chunk at the same time
    photo = _upload_with(uploads_server, 1000)
    chunk = photo.ciphertext[1000:101_000]
    started = threading.Event()
    results: dict[str, httpx.Response] = {}

    def slow() -> None:
        results["slow"] = patch(uploads_server, photo, 1000, _slowly(chunk, 10, 0.1, started))

    thread = threading.Thread(target=slow)
    thread.start()
    assert started.wait(10)
    # When the second arrives while the first is still streaming, Then it is refused at once
    assert_tus_refused(patch(uploads_server, photo, 1000, chunk), 409, "upload_busy")
    # And HEAD meanwhile reports only what is durable
    assert offset_of(uploads_server, photo) == 1000
    thread.join(30)
    # Then the first one wins, and the bytes are exactly the photo's
    assert (results["slow"].status_code, results["slow"].headers["Upload-Offset"]) == (204, "101000")
    assert_tus_refused(patch(uploads_server, photo, 1000, chunk), 409, "offset_mismatch")
    _unchanged(uploads_server, photo, 101_000)
    assert send_rest(uploads_server, photo, 101_000).status_code == 204
    assert blob(uploads_server, photo).read_bytes() == photo.ciphertext


def send_rest(server: RunningServer, photo: Photo, offset: int) -> httpx.Response:
    return patch(server, photo, offset, photo.ciphertext[offset:])


def test_storage_quota_counts_bytes_received_and_keeps_the_reports_reserve(tmp_path: Path) -> None:
    # The uploads' share: 280 000 bytes less the reports' reserve (10 %, but at least a report of 30 000 bytes)
    limits = {"KUA_STORAGE_QUOTA_BYTES": str(280_000), "KUA_MAX_REPORT_BYTES": str(30_000)}
    with RunningServer(tmp_path / "data", **limits) as server:
        first, second = seal_photo(100_000), seal_photo(100_000)
        assert send_whole(server, first).status_code == 204
        assert create(server, second).status_code == 201  # declared only: counts nothing yet
        assert patch(server, second, 0, second.ciphertext).status_code == 204
        third = seal_photo(60_000)
        assert_tus_refused(create(server, third), 507, "storage_full")
        assert_tus_refused(head(server, third), 404, "upload_not_found")
        assert not staged(server, third).exists()
        # A phone re-creating an upload it already has is not counted twice
        assert create(server, first).status_code == 201


def test_a_patch_to_an_unknown_upload_or_with_a_malformed_offset_is_refused(uploads_server: RunningServer) -> None:
    photo = seal_photo(1000)
    response = httpx.patch(
        uploads_server.url(photo.path), headers={**TUS, "Upload-Offset": "0", "Content-Type": PATCH_TYPE}, content=b""
    )
    assert_tus_refused(response, 404, "upload_not_found")
    assert not staged(uploads_server, photo).exists()  # an unknown id makes no staging file
    response = patch(uploads_server, photo, 0, b"", **{"Upload-Offset": "-1"})
    assert_tus_refused(response, 400, "invalid_upload_offset")
