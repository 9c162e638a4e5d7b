"""Receiving encrypted reports: idempotent by id, durable before acknowledged.

A receipt goes out only after the ciphertext is fsynced under a fresh blob key and its row is
committed (kua.intake.recorder commits waiting reports together). The same id with the same bytes
returns the original receipt; with other bytes, a conflict. A retry's own blob is deleted.
"""

import uuid
from collections.abc import AsyncIterator, Callable
from datetime import datetime

from anyio import to_thread
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from kua.config import Settings
from kua.db.models import Report
from kua.intake.body import checked_age_body
from kua.intake.quota import QuotaGauge
from kua.intake.receipts import Receipt, Submission
from kua.intake.recorder import PendingReport, ReportRecorder
from kua.storage.blobs import BlobStore

MAX_ATTACHMENTS = 50


async def submit_report(
    *,
    recorder: ReportRecorder,
    blobs: BlobStore,
    settings: Settings,
    quota: QuotaGauge,
    report_id: uuid.UUID,
    body: AsyncIterator[bytes],
    attachment_ids: list[uuid.UUID],
    now: Callable[[], datetime],
) -> Submission:
    """Store a report's ciphertext and return its receipt (see the module docstring)."""
    if quota.stale:
        await to_thread.run_sync(quota.ensure_room, settings.max_report_bytes)
    else:
        quota.ensure_room(settings.max_report_bytes)
    # A fresh key per attempt: a concurrent or conflicting submission never overwrites stored bytes.
    # Flat under reports/, so storing a report creates no directory (one fsync fewer).
    key = f"reports/{report_id}.{uuid.uuid4().hex}"
    stored = await blobs.put(key, checked_age_body(body, max_bytes=settings.max_report_bytes))
    try:
        submission = await recorder.record(PendingReport(report_id, stored, attachment_ids, now()))
    except BaseException:
        await blobs.delete(key)
        raise
    if submission.created:
        quota.add(stored.size)
    else:
        await blobs.delete(key)  # a retry: the original bytes are kept, this copy is not needed
    return submission


def stored_receipts(engine: Engine, report_ids: list[uuid.UUID]) -> dict[uuid.UUID, Receipt]:
    """Receipts of the reports among `report_ids` that are durably stored."""
    with Session(engine) as session:
        reports = session.exec(select(Report).where(col(Report.id).in_(report_ids))).all()
    return {r.id: Receipt.of(r) for r in reports}
