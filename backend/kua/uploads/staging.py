"""Staging files: the bytes of unfinished uploads, one `{id}.part` file each in `{data_dir}/uploads`.

A staging file is only ever touched while it is held: an in-process lock (one request per upload at a
time in this process) plus an exclusive `flock` (the same across server processes on this host). Both
are tried without waiting: a second writer is refused at once rather than queued behind a slow phone.
Whoever holds the file must read the upload's row *after* taking it, and trust that row over the file.
"""

import fcntl
import hashlib
import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from kua.storage.local import fsync_directory
from kua.uploads.digests import RunningDigests
from kua.uploads.errors import UploadBusyError

SUFFIX = ".part"
_READ_SIZE = 1024 * 1024


class PartFile:
    """An open, exclusively held staging file."""

    def __init__(self, path: Path, descriptor: int) -> None:
        self.path = path
        self.descriptor = descriptor

    def size(self) -> int:
        return os.fstat(self.descriptor).st_size

    def write_at(self, position: int, chunk: bytes | bytearray) -> None:
        view = memoryview(chunk)
        while view:
            written = os.pwrite(self.descriptor, view, position)
            position += written
            view = view[written:]

    def write_all_at(self, position: int, chunks: list[bytes]) -> None:
        """Write `chunks` one after the other from `position`, in one system call when the kernel takes them all."""
        written = os.pwritev(self.descriptor, chunks, position) if chunks else 0
        if written < sum(map(len, chunks)):  # a short write: the rest, the slow way
            self.write_at(position + written, b"".join(chunks)[written:])

    def start_writeback(self, position: int, size: int) -> None:
        """Have the disk start on bytes just written, so the fsync that ends the PATCH has less to wait for.

        Python has no sync_file_range; on Linux, DONTNEED starts the writeback of dirty pages (it drops
        only clean ones: `drop_cached` frees these once they are fsynced).
        """
        if hasattr(os, "posix_fadvise"):
            os.posix_fadvise(self.descriptor, position, size, os.POSIX_FADV_DONTNEED)

    def sync(self) -> None:
        os.fsync(self.descriptor)

    def drop_cached(self, position: int, size: int) -> None:
        """Free the page cache of bytes already fsynced: a staged attachment is not read again soon.

        Kept cached, every staged byte took a page of memory not used lately, which cost ten times the
        write itself on the project's virtual machines (most likely the host taking back free guest
        memory: docs/performance.md). Freed at once, the pages serve the next PATCH.
        """
        if size and hasattr(os, "posix_fadvise"):  # a size of 0 would mean "to the end of the file"
            os.posix_fadvise(self.descriptor, position, size, os.POSIX_FADV_DONTNEED)

    def cut_to(self, size: int) -> None:
        """Drop every byte from `size` on, durably."""
        if self.size() > size:
            os.ftruncate(self.descriptor, size)
            os.fsync(self.descriptor)

    def sha256(self) -> str:
        digest, position = hashlib.sha256(), 0
        while chunk := os.pread(self.descriptor, _READ_SIZE, position):
            digest.update(chunk)
            position += len(chunk)
        return digest.hexdigest()

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)
        fsync_directory(self.path.parent)


class StagingArea:
    """The folder of staging files; one instance per process (it holds the in-process locks)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        if not root.is_dir():
            root.mkdir(parents=True, exist_ok=True)
            fsync_directory(root.parent)
        self._held: set[uuid.UUID] = set()
        self._guard = threading.Lock()  # the clean-up holds files from a worker thread
        self.digests = RunningDigests()

    def path(self, upload_id: uuid.UUID) -> Path:
        return self.root / f"{upload_id}{SUFFIX}"

    def has_file(self, upload_id: uuid.UUID) -> bool:
        return self.path(upload_id).exists()

    @contextmanager
    def hold(self, upload_id: uuid.UUID, *, create: bool = True) -> Iterator[PartFile]:
        """Hold the staging file (created empty if missing and `create`), or raise UploadBusyError."""
        with self._guard:
            if upload_id in self._held:
                raise UploadBusyError()
            self._held.add(upload_id)
        try:
            path = self.path(upload_id)
            descriptor = _open(path, create=create)
            try:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    raise UploadBusyError() from None
                yield PartFile(path, descriptor)
            finally:
                os.close(descriptor)  # releases the flock
        finally:
            with self._guard:
                self._held.discard(upload_id)

    def files(self) -> list[tuple[Path, uuid.UUID | None, datetime]]:
        """Every staging file: its path, the upload id its name holds (None if none), its last change."""
        found = []
        for path in self.root.glob(f"*{SUFFIX}"):
            try:
                upload_id: uuid.UUID | None = uuid.UUID(path.name.removesuffix(SUFFIX))
            except ValueError:
                upload_id = None
            found.append((path, upload_id, datetime.fromtimestamp(path.stat().st_mtime, UTC)))
        return found


def _open(path: Path, *, create: bool) -> int:
    """Open a staging file; a new one is made durable at once (its directory entry fsynced), so an
    offset counted in it can never outlive the file after a power cut."""
    if create:
        try:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            fsync_directory(path.parent)
            return descriptor
    return os.open(path, os.O_RDWR)
