"""The blob store: immutable ciphertext objects under string keys.

The interface fits both a local directory (the embedded default, `local.py`) and S3-compatible
storage (`s3.py`): objects are written once from a stream, are durable when `put` returns, and are
read back as a stream. `factory.blob_store(settings)` builds the configured one.
"""

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

# Files a crash left behind (temporary, orphaned or staged bytes) are removed only once older than
# this: a younger one may belong to a request another server process sharing the store still handles.
LEFTOVER_GRACE = timedelta(hours=1)

_KEY = re.compile(r"^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*$")


def checked_key(key: str) -> str:
    """`key` if it is a lower-case relative path (no `..`, no absolute path); ValueError otherwise."""
    if not _KEY.match(key) or ".." in key:
        raise ValueError(f"Invalid blob key {key!r}.")
    return key


@dataclass(frozen=True)
class StoredBlob:
    """What `put` learned while streaming: the key, the SHA-256 and the size of the bytes."""

    key: str
    sha256: str
    size: int


class BlobStore(Protocol):
    """Immutable objects; every method is safe to call concurrently for different keys."""

    async def put(self, key: str, chunks: AsyncIterator[bytes]) -> StoredBlob:
        """Store the bytes durably under a new key (FileExistsError if taken); nothing is left if `chunks` raises."""
        ...

    def read(self, key: str) -> AsyncIterator[bytes]:
        """Stream an object's bytes."""
        ...

    async def exists(self, key: str) -> bool: ...

    async def delete(self, key: str) -> None:
        """Remove an object; removing a missing object is not an error."""
        ...

    async def adopt(self, key: str, path: Path) -> None:
        """Take a finished, fsynced local file as a new object under `key`; the file is gone afterwards.

        Used for attachments, which arrive in pieces over tus into a local staging file. The local
        store renames the file into place. The S3 store runs a multipart upload (CreateMultipartUpload,
        UploadPart with parts of at least 5 MiB except the last, CompleteMultipartUpload), then deletes
        the file; a crash before completion leaves the file in place, so adopting again is safe.
        """
        ...

    async def check(self) -> None:
        """Raise OSError if the store cannot take writes (for /readyz)."""
        ...

    # Blocking methods, for migrations and clean-ups: a server calls them from a worker thread.

    def put_bytes(self, key: str, data: bytes) -> None:
        """`put` for bytes already in memory, without an event loop: durable when it returns."""
        ...

    def list(self, prefix: str) -> list[tuple[str, datetime]]:
        """Every (key, last-modified time) under a key prefix."""
        ...

    def remove_leftovers(self, older_than: timedelta) -> int:
        """Remove what a crash left inside the store and is older than `older_than`; how many were removed.

        Temporary files of the local store; unfinished multipart uploads of the S3 store. Never an
        object: which objects are orphans is for the caller to decide (kua.intake.orphans).
        """
        ...
