"""The blob store: immutable ciphertext objects under string keys.

The interface fits both a local directory (the embedded default) and S3-compatible storage: objects
are written once from a stream, are durable when `put` returns, and are read back as a stream.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

# Files a crash left behind (temporary, orphaned or staged bytes) are removed only once older than
# this: a younger one may belong to a request another server process sharing the store still handles.
LEFTOVER_GRACE = timedelta(hours=1)


@dataclass(frozen=True)
class StoredBlob:
    """What `put` learned while streaming: the key, the SHA-256 and the size of the bytes."""

    key: str
    sha256: str
    size: int


class BlobStore(Protocol):
    """Immutable objects; every method is safe to call concurrently for different keys."""

    async def put(self, key: str, chunks: AsyncIterator[bytes]) -> StoredBlob:
        """Store the bytes durably under a new key; nothing is left behind if `chunks` raises."""
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
        store renames the file into place. An S3 store would run a multipart upload (CreateMultipartUpload,
        UploadPart with parts of at least 5 MiB except the last, CompleteMultipartUpload), then delete
        the file; a crash before completion leaves the file in place, so adopting again is safe.
        """
        ...

    def list(self, prefix: str) -> list[tuple[str, datetime]]:
        """Every (key, last-modified time) under a key prefix (for clean-ups, off the request path)."""
        ...

    async def check(self) -> None:
        """Raise OSError if the store cannot take writes (for /readyz)."""
        ...
