"""Removing report blobs that no row references.

A server killed between the fsync of a report's bytes and the commit of its row leaves an orphan
blob: ciphertext nobody acknowledged (the phone still holds the report and will send it again).
Orphans older than a grace period are removed; the grace period protects a request that another
server process sharing the store is still handling.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from kua.db.models import Report

GRACE = timedelta(hours=1)


def unreferenced(engine: Engine, candidates: Iterable[tuple[str, datetime]], now: datetime) -> list[str]:
    """The keys among (key, last-modified) candidates that are old enough and referenced by no report."""
    old = [key for key, modified in candidates if now - modified > GRACE]
    if not old:
        return []
    with Session(engine) as session:
        known = set(session.exec(select(Report.blob_key).where(col(Report.blob_key).in_(old))).all())
    return [key for key in old if key not in known]
