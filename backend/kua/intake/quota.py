"""The global storage quota: a server that is full refuses new ciphertext (507) instead of failing later.

Summing every stored size on each request would cost more as the archive grows, so the total is
re-read at most every few seconds; between readings, a burst can overshoot by what it brings in.
"""

import threading
import time

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from kua.config import Settings
from kua.db.models import Report, Upload
from kua.intake.errors import StorageFullError

REFRESH_SECONDS = 2.0


def stored_bytes(session: Session) -> int:
    """Ciphertext bytes the server holds or has promised room for (every upload, finished or not).

    A report counts by its size wherever its ciphertext is: in its row (small) or in a blob file.
    """
    reports = session.exec(select(func.coalesce(func.sum(Report.size), 0))).one()
    uploads = session.exec(select(func.coalesce(func.sum(Upload.length), 0))).one()
    return int(reports) + int(uploads)


def ensure_room(session: Session, settings: Settings, incoming: int) -> None:
    """Raise StorageFullError if `incoming` more bytes would exceed the quota."""
    if stored_bytes(session) + incoming > settings.storage_quota_bytes:
        raise StorageFullError()


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

    def ensure_room(self, incoming: int) -> None:
        """Raise StorageFullError if `incoming` more bytes would exceed the quota (after a first `read`)."""
        with self._lock:
            total = self._total
        if total is None:
            raise RuntimeError("QuotaGauge.read() must succeed once before ensure_room")
        if total + incoming > self._settings.storage_quota_bytes:
            raise StorageFullError()

    def add(self, stored: int) -> None:
        """Count bytes just stored, until the next reading includes them."""
        with self._lock:
            if self._total is not None:
                self._total += stored
