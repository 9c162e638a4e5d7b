"""The SHA-256 followed from one PATCH to the next is used only for the staging file it was computed on;
anything else makes the completion read the file again."""

import hashlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kua.uploads import digests
from kua.uploads.digests import RunningDigests

FIRST_PATCH = b"age-encryption.org/v1\n" + os.urandom(1000)


@pytest.fixture
def staging_file(tmp_path: Path) -> Iterator[int]:
    descriptor = os.open(tmp_path / "upload.part", os.O_RDWR | os.O_CREAT)
    os.write(descriptor, FIRST_PATCH)
    yield descriptor
    os.close(descriptor)


def test_the_digest_of_the_bytes_so_far_is_resumed_at_their_end(staging_file: int) -> None:
    followed, upload_id = RunningDigests(), uuid.uuid4()
    followed.keep(upload_id, staging_file, len(FIRST_PATCH), hashlib.sha256(FIRST_PATCH))
    resumed = followed.resume(upload_id, staging_file, len(FIRST_PATCH))
    assert resumed is not None and resumed.hexdigest() == hashlib.sha256(FIRST_PATCH).hexdigest()
    # An upload at offset 0 has nothing to read again
    assert followed.resume(uuid.uuid4(), staging_file, 0) is not None


def test_a_file_changed_by_someone_else_is_read_again(staging_file: int) -> None:
    followed, upload_id = RunningDigests(), uuid.uuid4()
    followed.keep(upload_id, staging_file, len(FIRST_PATCH), hashlib.sha256(FIRST_PATCH))
    # Another server process rewrote it (same length), or this process asks at another offset
    os.pwrite(staging_file, b"age-encryption.org/v1\n" + os.urandom(1000), 0)
    os.utime(staging_file, ns=(0, 0))  # a coarse clock could leave the time unchanged; make sure it moved
    assert followed.resume(upload_id, staging_file, len(FIRST_PATCH)) is None
    followed.keep(upload_id, staging_file, len(FIRST_PATCH), hashlib.sha256(b"whatever"))
    assert followed.resume(upload_id, staging_file, 10) is None


def test_only_so_many_uploads_are_followed(staging_file: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(digests, "MAX_FOLLOWED", 2)
    followed = RunningDigests()
    oldest, *others = [uuid.uuid4() for _ in range(3)]
    for upload_id in (oldest, *others):
        followed.keep(upload_id, staging_file, len(FIRST_PATCH), hashlib.sha256(FIRST_PATCH))
    assert followed.resume(oldest, staging_file, len(FIRST_PATCH)) is None
    assert all(followed.resume(u, staging_file, len(FIRST_PATCH)) is not None for u in others)
