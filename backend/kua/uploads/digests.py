"""The SHA-256 of each unfinished upload's bytes so far, kept in memory from one PATCH to the next.

So the last PATCH checks the whole file against the declared SHA-256 without reading it again: for a
large attachment, that reading took longer than receiving the last PATCH. A digest is trusted only
for the staging file state it was computed on (offset, inode, size, modification time): if another
server process wrote to the file meanwhile, or this process lost track of it (a restart, too many
uploads at once), the completion reads the file again, as it always may.
"""

import hashlib
import os
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass

MAX_FOLLOWED = 1024  # unfinished uploads followed at once (a digest is about 200 bytes); the oldest goes first


@dataclass(frozen=True)
class _Followed:
    offset: int
    file_state: tuple[int, int, int]
    digest: "hashlib._Hash"


def _file_state(descriptor: int) -> tuple[int, int, int]:
    stat = os.fstat(descriptor)
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


class RunningDigests:
    """Per process, like the staging area that owns it; call it only while holding the upload's staging file."""

    def __init__(self) -> None:
        self._followed: OrderedDict[uuid.UUID, _Followed] = OrderedDict()
        self._lock = threading.Lock()

    def resume(self, upload_id: uuid.UUID, descriptor: int, offset: int) -> "hashlib._Hash | None":
        """A SHA-256 of the staging file's first `offset` bytes to continue, or None if they must be read again."""
        if offset == 0:
            return hashlib.sha256()
        with self._lock:
            followed = self._followed.get(upload_id)
        if followed is None or followed.offset != offset or followed.file_state != _file_state(descriptor):
            return None
        return followed.digest.copy()

    def keep(self, upload_id: uuid.UUID, descriptor: int, offset: int, digest: "hashlib._Hash") -> None:
        """Remember `digest` as the SHA-256 of the file's first `offset` bytes, as the file is now."""
        followed = _Followed(offset, _file_state(descriptor), digest.copy())
        with self._lock:
            self._followed[upload_id] = followed
            self._followed.move_to_end(upload_id)
            while len(self._followed) > MAX_FOLLOWED:
                self._followed.popitem(last=False)

    def forget(self, upload_id: uuid.UUID) -> None:
        with self._lock:
            self._followed.pop(upload_id, None)
