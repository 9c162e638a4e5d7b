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
    """The stored total, read from the database at most every REFRESH_SECONDS."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self._engine, self._settings = engine, settings
        self._lock = threading.Lock()
        self._total, self._read_at = 0, float("-inf")

    @property
    def stale(self) -> bool:
        """Whether the next check reads the database (callers move it off the event loop then)."""
        return time.monotonic() - self._read_at > REFRESH_SECONDS

    def ensure_room(self, incoming: int) -> None:
        """Raise StorageFullError if `incoming` more bytes would exceed the quota."""
        with self._lock:
            if self.stale:
                with Session(self._engine) as session:
                    self._total = stored_bytes(session)
                self._read_at = time.monotonic()
            if self._total + incoming > self._settings.storage_quota_bytes:
                raise StorageFullError()

    def add(self, stored: int) -> None:
        """Count bytes just stored, until the next reading includes them."""
        with self._lock:
            self._total += stored
