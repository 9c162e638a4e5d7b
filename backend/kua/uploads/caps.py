"""Caps on unfinished uploads, per client pseudonym and in total (docs/intake.md#room-for-reports).

An unfinished upload costs a row and a staging file, and a creation costs nothing to send: without a
cap, one client could create uploads by the thousand. Each client pseudonym (kua.api.client_address:
an HMAC of its address under a key of the day) may hold `max_unfinished_uploads_per_client` uploads
and `max_unfinished_upload_bytes_per_client` declared bytes; the server holds at most
`max_unfinished_uploads` in all. The numbers are sized for carrier-grade NAT, where many phones share
one address: 64 uploads is a dozen families sending five photos each at the same time.

Which pseudonym created which upload is held in this process's memory only, never stored: a restart or
a new UTC day (when the pseudonyms' key changes) forgets it, which only lets a client start afresh.
"""

import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from kua.config import Settings
from kua.db.models import Upload
from kua.uploads.errors import TooManyUnfinishedUploadsError, UploadsFullError


@dataclass(frozen=True)
class Census:
    """What the database says just before a creation: the client's uploads that are no longer unfinished,
    and how many uploads are unfinished in all."""

    gone: set[uuid.UUID]
    unfinished: int


class UnfinishedUploadCaps:
    """Admits a new upload for a client, or refuses it (429 for the client's caps, 503 for the total)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._lock = threading.Lock()
        self._by_client: dict[bytes, dict[uuid.UUID, int]] = {}  # pseudonym -> upload id -> declared length
        self._day: date | None = None

    def __repr__(self) -> str:  # never a pseudonym
        return f"UnfinishedUploadCaps(clients={len(self._by_client)})"

    def census(self, engine: Engine, client: bytes | None, now: datetime) -> Census:
        """Read what `admit` needs from the database (blocking: call it in a worker thread)."""
        with self._lock:
            mine = list(self._by_client.get(client, {})) if client is not None else []
        unfinished = col(Upload.completed_at).is_(None) & (col(Upload.expires_at) > now)
        with Session(engine) as session:
            total = session.exec(select(func.count()).select_from(Upload).where(unfinished)).one()
            still = (
                set(session.exec(select(Upload.id).where(unfinished, col(Upload.id).in_(mine))).all())
                if mine
                else set()
            )
        return Census(gone=set(mine) - still, unfinished=int(total))

    def admit(self, client: bytes | None, upload_id: uuid.UUID, length: int, census: Census, now: datetime) -> None:
        """Count a new upload for `client`, or raise (call it with no await after `census`)."""
        settings = self._settings
        if census.unfinished >= settings.max_unfinished_uploads:
            raise UploadsFullError()
        if client is None:
            return
        with self._lock:
            today = now.astimezone(UTC).date()
            if today != self._day:  # yesterday's pseudonyms will never be seen again
                self._day, self._by_client = today, {}
            held = self._by_client.setdefault(client, {})
            for gone in census.gone:
                held.pop(gone, None)
            if (
                len(held) >= settings.max_unfinished_uploads_per_client
                or sum(held.values()) + length > settings.max_unfinished_upload_bytes_per_client
            ):
                raise TooManyUnfinishedUploadsError()
            held[upload_id] = length

    def release(self, client: bytes | None, upload_id: uuid.UUID) -> None:
        """Forget an upload that was not created after all."""
        if client is None:
            return
        with self._lock:
            self._by_client.get(client, {}).pop(upload_id, None)
