"""The global storage quota: a server that is full refuses new ciphertext (507) instead of failing later.

What counts is what the server holds: every report's size, and the bytes of each upload received so
far (a completed upload's offset is its length). A declared `Upload-Length` reserves nothing, so
creations without bytes cannot fill the quota. Uploads may not take the last
`Settings.report_reserve_bytes`: that room is for reports only, so unfinished uploads and photos can
never push a family's report out (docs/intake.md#room-for-reports).

Summing every stored size on each request would cost more as the archive grows, so the total is
re-read at most every few seconds; between readings, a burst can overshoot by what it brings in
(the reserve absorbs that for uploads).
"""

import threading
import time

from anyio import to_thread
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from kua.config import Settings
from kua.db.models import Report, Upload
from kua.intake.errors import StorageFullError

REFRESH_SECONDS = 2.0


def stored_bytes(session: Session) -> int:
    """Ciphertext bytes the server holds: reports, and the bytes received of every upload.

    A report counts by its size wherever its ciphertext is: in its row (small) or in a blob file. An
    upload counts by its durable offset, which is its length once complete.
    """
    reports = session.exec(select(func.coalesce(func.sum(Report.size), 0))).one()
    uploads = session.exec(select(func.coalesce(func.sum(Upload.offset), 0))).one()
    return int(reports) + int(uploads)


class QuotaGauge:
    """The stored total, read from the database at most every REFRESH_SECONDS, by one caller at a time.

    When the total goes stale, the first request to notice reads it again (off the event loop) and
    the others check against the last total meanwhile: a burst does not start one reading each.
    """

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self._engine, self._settings = engine, settings
        self._lock = threading.Lock()
        self._total: int | None = None
        self._read_at = float("-inf")
        self._reading = False

    def claim_reading(self) -> bool:
        """Whether this caller should call `read` before checking (it moves it off the event loop then)."""
        with self._lock:
            if self._total is None:
                return True  # nothing read yet: nobody can check without reading
            if self._reading or time.monotonic() - self._read_at <= REFRESH_SECONDS:
                return False
            self._reading = True
            return True

    def read(self) -> None:
        """Read the stored total from the database."""
        try:
            with Session(self._engine) as session:
                total = stored_bytes(session)
            with self._lock:
                self._total, self._read_at = total, time.monotonic()
        finally:
            with self._lock:
                self._reading = False

    def ensure_room(self, incoming: int, *, for_upload: bool = False) -> None:
        """Raise StorageFullError if `incoming` more bytes would exceed the quota (after a first `read`).

        An upload's bytes must also leave the reports' reserve free.
        """
        with self._lock:
            total = self._total
        if total is None:
            raise RuntimeError("QuotaGauge.read() must succeed once before ensure_room")
        limit = self._settings.storage_quota_bytes
        if for_upload:
            limit -= self._settings.report_reserve_bytes
        if total + incoming > limit:
            raise StorageFullError()

    async def ensure_room_now(self, incoming: int, *, for_upload: bool = False) -> None:
        """`ensure_room`, reading the total first (off the event loop) when it is stale."""
        if self.claim_reading():
            await to_thread.run_sync(self.read)
        self.ensure_room(incoming, for_upload=for_upload)

    def add(self, stored: int) -> None:
        """Count bytes just stored, until the next reading includes them."""
        with self._lock:
            if self._total is not None:
                self._total += stored
