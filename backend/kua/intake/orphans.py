"""Removing report blobs that no row references.

A server killed between the fsync of a large report's blob and the commit of its row leaves an
orphan blob: ciphertext nobody acknowledged (the phone still holds the report and will send it
again). A small report, kept in its row, leaves nothing: its bytes and its row commit together.
Orphans older than a grace period are removed; the grace period protects a request that another
server process sharing the store is still handling. The same start-up clean-up lets the store remove
its own leftovers (temporary files, unfinished multipart uploads).
"""

import logging
from collections.abc import Iterable
from datetime import datetime

from anyio import to_thread
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from kua.db.models import Report
from kua.storage.blobs import LEFTOVER_GRACE, BlobStore

logger = logging.getLogger(__name__)


def unreferenced(engine: Engine, candidates: Iterable[tuple[str, datetime]], now: datetime) -> list[str]:
    """The keys among (key, last-modified) candidates that are old enough and referenced by no report."""
    old = [key for key, modified in candidates if now - modified > LEFTOVER_GRACE]
    if not old:
        return []
    with Session(engine) as session:
        known = set(session.exec(select(Report.blob_key).where(col(Report.blob_key).in_(old))).all())
    return [key for key in old if key not in known]


async def remove_crash_leftovers(engine: Engine, blobs: BlobStore, now: datetime) -> None:
    """At start: drop the store's old leftovers and orphan report blobs; a failure must not stop the server."""
    try:
        await to_thread.run_sync(blobs.remove_leftovers, LEFTOVER_GRACE)
        candidates = await to_thread.run_sync(blobs.list, "reports/")
        for key in await to_thread.run_sync(unreferenced, engine, candidates, now):
            await blobs.delete(key)
    except (SQLAlchemyError, OSError) as error:
        logger.warning("Clean-up of crash leftovers skipped: %s", type(error).__name__)
