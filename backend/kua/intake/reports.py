"""Receiving encrypted reports: idempotent by id, durable before acknowledged.

A receipt goes out only after the ciphertext is fsynced under a fresh blob key and its row is
committed. The same id with the same bytes returns the original receipt; with other bytes, a
conflict. Concurrent submissions of one id race on the primary key: the loser reads the winner's
row and compares hashes, and deletes its own blob.
"""

import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime

from anyio import to_thread
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from kua.config import Settings
from kua.db.models import Report, ReportAttachment
from kua.db.session import transaction
from kua.intake.body import checked_age_body
from kua.intake.errors import ReportConflictError
from kua.intake.quota import ensure_room
from kua.storage.blobs import BlobStore, StoredBlob

MAX_ATTACHMENTS = 50


@dataclass(frozen=True)
class Receipt:
    """Proof that a report is durably stored; the phone deletes its copy only when the hash matches."""

    report_id: uuid.UUID
    sha256: str
    size: int
    received_at: datetime

    @classmethod
    def of(cls, report: Report) -> "Receipt":
        return cls(report.id, report.sha256, report.size, report.received_at)


@dataclass(frozen=True)
class Submission:
    receipt: Receipt
    created: bool  # False: the same report had been stored before (a retry)


async def submit_report(
    *,
    engine: Engine,
    blobs: BlobStore,
    settings: Settings,
    report_id: uuid.UUID,
    body: AsyncIterator[bytes],
    attachment_ids: list[uuid.UUID],
    now: Callable[[], datetime],
) -> Submission:
    """Store a report's ciphertext and return its receipt (see the module docstring)."""
    await to_thread.run_sync(_check_room, engine, settings)
    key = f"reports/{report_id}/{uuid.uuid4().hex}"
    stored = await blobs.put(key, checked_age_body(body, max_bytes=settings.max_report_bytes))
    try:
        submission = await to_thread.run_sync(_record, engine, report_id, stored, attachment_ids, now())
    except BaseException:
        await blobs.delete(key)
        raise
    if not submission.created:
        await blobs.delete(key)  # a retry: the original bytes are kept, this copy is not needed
    return submission


def _check_room(engine: Engine, settings: Settings) -> None:
    with Session(engine) as session:
        ensure_room(session, settings, settings.max_report_bytes)


def _record(
    engine: Engine, report_id: uuid.UUID, stored: StoredBlob, attachment_ids: list[uuid.UUID], received_at: datetime
) -> Submission:
    try:
        with transaction(engine) as session:
            report = Report(
                id=report_id, sha256=stored.sha256, size=stored.size, received_at=received_at, blob_key=stored.key
            )
            session.add(report)
            session.flush()  # a concurrent or earlier submission of this id fails here
            session.add_all(
                ReportAttachment(report_id=report_id, attachment_id=a, position=i) for i, a in enumerate(attachment_ids)
            )
            receipt = Receipt.of(report)
    except IntegrityError:
        with Session(engine) as session:
            existing = session.get(Report, report_id)
        if existing is None:
            raise
        if existing.sha256 != stored.sha256:
            raise ReportConflictError() from None
        return Submission(Receipt.of(existing), created=False)
    return Submission(receipt, created=True)


def stored_receipts(engine: Engine, report_ids: list[uuid.UUID]) -> dict[uuid.UUID, Receipt]:
    """Receipts of the reports among `report_ids` that are durably stored."""
    with Session(engine) as session:
        reports = session.exec(select(Report).where(col(Report.id).in_(report_ids))).all()
    return {r.id: Receipt.of(r) for r in reports}
