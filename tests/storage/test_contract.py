"""The blob store contract, checked on both stores: a local folder and an S3 bucket on SeaweedFS.

What intake and uploads rely on: bytes come back as they went in, with the SHA-256 and size `put`
measured; a key is never overwritten; a stream that fails leaves nothing behind; clean-ups see keys
by prefix and remove a crash's leftovers.
"""

import hashlib
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import anyio
import pytest

from kua.storage.blobs import LEFTOVER_GRACE, BlobStore
from kua.storage.local import LocalBlobStore
from kua.storage.s3 import S3BlobStore
from tests.storage.seaweedfs import Credentials, SeaweedFS

MiB = 1024 * 1024
SMALLEST_PART = 5 * MiB  # S3's minimum for every part but the last: the tests use it to get several parts


def run_apart(function: Callable[[], Awaitable[object]]) -> None:
    """Runs `function` in its own event loop on another thread: Playwright's sync API may already
    run a loop in this one (browser tests earlier in the same session)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(anyio.run, function).result()


class StreamBroken(Exception):
    """The phone's connection dropped mid-body."""


async def chunks_of(data: bytes, size: int = 256 * 1024, *, fail_after: int | None = None) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        if fail_after is not None and start >= fail_after:
            raise StreamBroken()
        yield data[start : start + size]
    if fail_after is not None:
        raise StreamBroken()


async def read_all(store: BlobStore, key: str) -> bytes:
    return b"".join([chunk async for chunk in store.read(key)])


def key() -> str:
    return f"reports/{uuid.uuid4()}.{uuid.uuid4().hex}"


def leftovers(store: BlobStore) -> list[str]:
    """Everything a store holds: objects, temporary files, unfinished multipart uploads."""
    if isinstance(store, LocalBlobStore):
        return [str(p) for p in store.root.rglob("*") if p.is_file()] if store.root.exists() else []
    assert isinstance(store, S3BlobStore)
    objects = store.client.list_objects_v2(Bucket=store.bucket).get("Contents", [])
    uploads = store.client.list_multipart_uploads(Bucket=store.bucket).get("Uploads", [])
    return [o["Key"] for o in objects] + [f"unfinished upload of {u['Key']}" for u in uploads]


def with_small_parts(store: BlobStore) -> BlobStore:
    if isinstance(store, S3BlobStore):
        store.part_size = SMALLEST_PART
    return store


@pytest.mark.parametrize("size", [0, 100_000, 2 * SMALLEST_PART + 12_345], ids=["empty", "one-part", "three-parts"])
def test_a_blob_is_read_back_byte_for_byte_with_the_sha256_and_size_put_measured(store: BlobStore, size: int) -> None:
    store = with_small_parts(store)
    data, name = os.urandom(size), key()

    async def story() -> None:
        stored = await store.put(name, chunks_of(data))
        assert (stored.key, stored.size, stored.sha256) == (name, size, hashlib.sha256(data).hexdigest())
        assert await store.exists(name)
        assert await read_all(store, name) == data

    run_apart(story)


def test_a_key_is_never_overwritten(store: BlobStore) -> None:
    name = key()

    async def story() -> None:
        await store.put(name, chunks_of(b"the report"))
        with pytest.raises(FileExistsError):
            await store.put(name, chunks_of(b"another body"))
        assert await read_all(store, name) == b"the report"

    run_apart(story)
    with pytest.raises(FileExistsError):
        store.put_bytes(name, b"a migration's copy")


@pytest.mark.parametrize("broken_at", [100_000, SMALLEST_PART + MiB], ids=["first-part", "second-part"])
def test_a_stream_that_breaks_leaves_nothing_behind(store: BlobStore, broken_at: int) -> None:
    store, name = with_small_parts(store), key()

    async def story() -> None:
        with pytest.raises(StreamBroken):
            await store.put(name, chunks_of(os.urandom(3 * SMALLEST_PART), fail_after=broken_at))
        assert not await store.exists(name)

    run_apart(story)
    assert leftovers(store) == []


def test_deleting_is_final_and_deleting_a_missing_blob_is_fine(store: BlobStore) -> None:
    name = key()

    async def story() -> None:
        await store.put(name, chunks_of(b"ciphertext"))
        await store.delete(name)
        assert not await store.exists(name)
        await store.delete(name)
        await store.delete(key())
        with pytest.raises(FileNotFoundError):
            await read_all(store, name)

    run_apart(story)


def test_list_gives_every_key_under_a_prefix_and_no_other(store: BlobStore) -> None:
    reports = [f"reports/{uuid.uuid4()}.a" for _ in range(3)]
    attachment = f"attachments/{uuid.uuid4()}"
    for name in [*reports, attachment]:
        store.put_bytes(name, b"ciphertext")
    listed = store.list("reports/")
    assert sorted(k for k, _modified in listed) == sorted(reports)
    assert all(modified.tzinfo is not None for _k, modified in listed)
    assert [k for k, _modified in store.list("attachments/")] == [attachment]
    assert store.list("nothing-here/") == []


@pytest.mark.parametrize("size", [300_000, SMALLEST_PART + 7], ids=["one-part", "two-parts"])
def test_adopt_takes_a_staged_file_and_removes_it(store: BlobStore, tmp_path: Path, size: int) -> None:
    store = with_small_parts(store)
    staged, data, name = tmp_path / "upload.part", os.urandom(size), f"attachments/{uuid.uuid4()}"
    staged.write_bytes(data)

    async def story() -> None:
        await store.adopt(name, staged)
        assert await read_all(store, name) == data

    run_apart(story)
    assert not staged.exists()


def test_a_healthy_store_passes_its_check_and_keeps_no_probe(store: BlobStore) -> None:
    run_apart(store.check)
    assert [k for k in leftovers(store) if "ready" in k] == []


def test_a_key_outside_the_naming_rules_is_refused(store: BlobStore) -> None:
    with pytest.raises(ValueError, match="Invalid blob key"):
        store.put_bytes("../escape", b"ciphertext")


@pytest.mark.s3
def test_wrong_keys_fail_the_check(seaweedfs: SeaweedFS) -> None:
    bucket = seaweedfs.new_bucket()
    wrong = Credentials(seaweedfs.credentials.access_key_id, "not-the-secret-" + uuid.uuid4().hex)
    with pytest.raises(OSError, match="SignatureDoesNotMatch"):
        run_apart(seaweedfs.store(bucket, wrong).check)


@pytest.mark.s3
def test_a_missing_bucket_fails_the_check(seaweedfs: SeaweedFS) -> None:
    with pytest.raises(OSError, match="NoSuchBucket"):
        run_apart(seaweedfs.store(f"kua-missing-{uuid.uuid4().hex[:8]}").check)


def test_leftovers_of_a_crash_are_removed_once_old_enough(store: BlobStore) -> None:
    # Given what a crash mid-write leaves: a temporary file, or a multipart upload never completed
    if isinstance(store, LocalBlobStore):
        store.temporary.mkdir(parents=True)
        (store.temporary / f"{uuid.uuid4().hex}.part").write_bytes(b"half a report")
    else:
        assert isinstance(store, S3BlobStore)
        store.client.create_multipart_upload(Bucket=store.bucket, Key=key())
    store.put_bytes(key(), b"a stored report")  # never a leftover
    # Then it is kept while it may be another process's write in flight, and removed once old enough
    assert store.remove_leftovers(LEFTOVER_GRACE) == 0
    assert len(leftovers(store)) == 2
    assert store.remove_leftovers(timedelta(0)) == 1
    assert len(leftovers(store)) == 1
