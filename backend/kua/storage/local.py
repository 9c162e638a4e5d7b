"""Blob store in a local directory: temporary file, fsync, atomic rename, fsync of the directory.

After `put` returns, the object survives a crash or `kill -9` at any moment: its bytes and its
directory entry are both on disk. A crash before that leaves only a temporary file, removed by the
next start.
"""

import errno
import hashlib
import os
import shutil
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from anyio import to_thread

from kua.storage.blobs import StoredBlob, checked_key

_READ_SIZE = 64 * 1024
TEMPORARY_DIR = ".tmp"


def fsync_directory(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _make_directories(path: Path) -> None:
    """Create `path` and its missing parents, each durably (the parent's entry fsynced)."""
    if path.is_dir():
        return
    _make_directories(path.parent)
    path.mkdir(exist_ok=True)
    fsync_directory(path.parent)


class LocalBlobStore:
    """Objects as files under `root`; keys are lower-case relative paths (no `..`, no absolute paths)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.temporary = root / TEMPORARY_DIR
        self._temporary_ready = False

    def path(self, key: str) -> Path:
        return self.root / checked_key(key)

    async def put(self, key: str, chunks: AsyncIterator[bytes]) -> StoredBlob:
        final = self.path(key)
        temporary = self.temporary / f"{uuid.uuid4().hex}.part"
        digest, size = hashlib.sha256(), 0
        if not self._temporary_ready:
            await to_thread.run_sync(_make_directories, self.temporary)
            self._temporary_ready = True
        try:
            with open(temporary, "xb") as handle:
                async for chunk in chunks:
                    handle.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                handle.flush()
                # One trip to a worker thread for everything that waits on the disk.
                await to_thread.run_sync(self._sync_and_publish, handle.fileno(), temporary, final)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return StoredBlob(key, digest.hexdigest(), size)

    def put_bytes(self, key: str, data: bytes) -> None:
        """`put` for bytes already in memory, without an event loop (for migrations): durable when it returns."""
        _make_directories(self.temporary)
        temporary = self.temporary / f"{uuid.uuid4().hex}.part"
        try:
            with open(temporary, "xb") as handle:
                handle.write(data)
                handle.flush()
                self._sync_and_publish(handle.fileno(), temporary, self.path(key))
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    @classmethod
    def _sync_and_publish(cls, descriptor: int, temporary: Path, final: Path) -> None:
        os.fsync(descriptor)
        cls._publish(temporary, final)

    @staticmethod
    def _publish(temporary: Path, final: Path) -> None:
        _make_directories(final.parent)
        if final.exists():
            raise FileExistsError(f"Blob {final.name} exists already; objects are immutable.")
        os.rename(temporary, final)
        fsync_directory(final.parent)

    async def adopt(self, key: str, path: Path) -> None:
        """Rename a finished, fsynced file into place as `key` (copied if it is on another file system)."""
        await to_thread.run_sync(self._adopt, path, self.path(key))

    def _adopt(self, source: Path, final: Path) -> None:
        _make_directories(final.parent)
        if final.exists():
            raise FileExistsError(f"Blob {final.name} exists already; objects are immutable.")
        try:
            os.rename(source, final)
        except OSError as error:
            if error.errno != errno.EXDEV:
                raise
            temporary = self.temporary / f"{uuid.uuid4().hex}.part"
            shutil.copyfile(source, temporary)
            with open(temporary, "rb") as handle:
                os.fsync(handle.fileno())
            self._publish(temporary, final)
            source.unlink()
        fsync_directory(final.parent)
        fsync_directory(source.parent)

    async def read(self, key: str) -> AsyncIterator[bytes]:
        with open(self.path(key), "rb") as handle:
            while chunk := await to_thread.run_sync(handle.read, _READ_SIZE):
                yield chunk

    async def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    async def delete(self, key: str) -> None:
        path = self.path(key)
        path.unlink(missing_ok=True)
        await to_thread.run_sync(fsync_directory, path.parent)

    async def check(self) -> None:
        self.temporary.mkdir(parents=True, exist_ok=True)
        probe = self.temporary / f"ready-{uuid.uuid4().hex}"
        probe.write_bytes(b"ready")
        probe.unlink()

    def list(self, prefix: str) -> list[tuple[str, datetime]]:
        """Every (key, last-modified time) under a key prefix such as `reports/`."""
        base = self.root / prefix
        if not base.is_dir():
            return []
        return [
            (path.relative_to(self.root).as_posix(), datetime.fromtimestamp(path.stat().st_mtime, UTC))
            for path in base.rglob("*")
            if path.is_file()
        ]

    def remove_leftovers(self, older_than: timedelta) -> int:
        """Delete temporary files a crash left behind (old enough not to be another process's); returns how many."""
        cutoff = datetime.now(UTC) - older_than
        leftovers = [
            p for p in self.temporary.glob("*.part") if datetime.fromtimestamp(p.stat().st_mtime, UTC) < cutoff
        ]
        for path in leftovers:
            path.unlink(missing_ok=True)
        return len(leftovers)
