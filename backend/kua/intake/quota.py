"""The global storage quota: a server that is full refuses new ciphertext (507) instead of failing later."""

from sqlalchemy import func
from sqlmodel import Session, select

from kua.config import Settings
from kua.db.models import Report
from kua.intake.errors import StorageFullError


def stored_bytes(session: Session) -> int:
    """Ciphertext bytes the server holds or has promised room for."""
    reports = session.exec(select(func.coalesce(func.sum(Report.size), 0))).one()
    return int(reports)


def ensure_room(session: Session, settings: Settings, incoming: int) -> None:
    """Raise StorageFullError if `incoming` more bytes would exceed the quota."""
    if stored_bytes(session) + incoming > settings.storage_quota_bytes:
        raise StorageFullError()
