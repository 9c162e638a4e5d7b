"""Every object of the blob store, out to local files and back in, through the `BlobStore` interface."""

import hashlib
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, TypeVar

import anyio

from kua.storage.blobs import BlobStore, checked_key

_READ_SIZE = 64 * 1024


def object_keys(store: BlobStore) -> list[str]:
    """Every object's key, sorted; what is not an object key (the local store's `.tmp/`) is left out."""
    keys = []
    for key, _modified in store.list(""):
        try:
            keys.append(checked_key(key))
        except ValueError:
            continue
    return sorted(keys)


async def fetch(store: BlobStore, key: str, destination: Path) -> tuple[int, str]:
    """Copy one object into a new file; its size and SHA-256."""
    digest, size = hashlib.sha256(), 0
    with open(destination, "xb") as handle:
        async for chunk in store.read(key):
            handle.write(chunk)
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


async def put_from(store: BlobStore, key: str, source: IO[bytes], *, replace: bool) -> None:
    """Store what `source` holds under `key` (`replace`: over an object of that key, if any)."""
    if replace and await store.exists(key):
        await store.delete(key)
    await store.put(key, _chunks(source))


async def _chunks(source: IO[bytes]) -> AsyncIterator[bytes]:
    while chunk := source.read(_READ_SIZE):
        yield chunk


T = TypeVar("T")


def run_async(func: Callable[..., Awaitable[T]], *args: object) -> T:
    """`anyio.run(func, *args)` on a thread of its own: the caller's thread may already run an event loop
    (a test harness keeping one for a browser, or an embedding application), where anyio.run refuses."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kua-backup") as pool:
        return pool.submit(anyio.run, func, *args).result()
