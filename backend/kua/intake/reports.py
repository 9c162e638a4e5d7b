"""Receiving encrypted reports: idempotent by id, durable before acknowledged.

A receipt goes out only after the report's row is committed (kua.intake.recorder commits waiting
reports together). A small ciphertext (at most INLINE_MAX_BYTES, nearly every report) is kept in the
row, so that one commit, and one fsync for every report in the group, makes it durable. A larger one
is first fsynced in blob storage under a fresh key, and the row points to it. The same id with the
same bytes returns the original receipt; with other bytes, a conflict. A retry's own blob is deleted.
"""

import hashlib
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session

from kua.config import Settings
from kua.intake import reporter_tokens
from kua.intake.body import checked_age_body, whole_if_small
from kua.intake.group_commit import PendingReport
from kua.intake.quota import QuotaGauge
from kua.intake.receipts import Receipt, Submission, select_receipts
from kua.intake.recorder import ReportRecorder
from kua.storage.blobs import BlobStore

MAX_ATTACHMENTS = 120
# SQLite writes and reads 10 KB blobs faster in the database than as files
# (https://www.sqlite.org/fasterthanfs.html) and reads them faster up to about 50-100 KB with its
# default 4 KiB pages (https://www.sqlite.org/intern-v-extern-blob.html). The limit also bounds what
# a request holds in memory. A padded text report is a few KB; attachments are tus uploads, never this.
INLINE_MAX_BYTES = 64 * 1024


@dataclass(frozen=True)
class Declared:
    """What the phone declares in the clear beside a report (ids and flags only; see kua.db.models.Report)."""

    attachment_ids: list[uuid.UUID] = field(default_factory=list)
    reporter_token_sha256: str | None = None
    happening_now: bool = False


async def submit_report(
    *,
    recorder: ReportRecorder,
    blobs: BlobStore,
    settings: Settings,
    quota: QuotaGauge,
    report_id: uuid.UUID,
    body: AsyncIterator[bytes],
    declared: Declared,
    clock: Callable[[], datetime],
) -> Submission:
    """Store a report's ciphertext and return its receipt (see the module docstring)."""
    await quota.ensure_room_now(settings.max_report_bytes)
    ciphertext = await whole_if_small(
        checked_age_body(body, max_bytes=settings.max_report_bytes), limit=INLINE_MAX_BYTES
    )
    if isinstance(ciphertext, bytes):
        sha256 = hashlib.sha256(ciphertext).hexdigest()
        submission = await recorder.record(
            _pending(report_id, sha256, len(ciphertext), declared, clock(), ciphertext=ciphertext)
        )
    else:
        submission = await _submit_in_blob(recorder, blobs, report_id, ciphertext, declared, clock)
    if submission.created:
        quota.add(submission.receipt.size)
    return submission


async def _submit_in_blob(
    recorder: ReportRecorder,
    blobs: BlobStore,
    report_id: uuid.UUID,
    ciphertext: AsyncIterator[bytes],
    declared: Declared,
    clock: Callable[[], datetime],
) -> Submission:
    # A fresh key per attempt: a concurrent or conflicting submission never overwrites stored bytes.
    # Flat under reports/, so storing a report creates no directory (one fsync fewer).
    key = f"reports/{report_id}.{uuid.uuid4().hex}"
    stored = await blobs.put(key, ciphertext)
    try:
        submission = await recorder.record(
            _pending(report_id, stored.sha256, stored.size, declared, clock(), blob_key=key)
        )
    except BaseException:
        await blobs.delete(key)
        raise
    if not submission.created:
        await blobs.delete(key)  # a retry: the original bytes are kept, this copy is not needed
    return submission


def _pending(
    report_id: uuid.UUID,
    sha256: str,
    size: int,
    declared: Declared,
    received_at: datetime,
    *,
    ciphertext: bytes | None = None,
    blob_key: str | None = None,
) -> PendingReport:
    return PendingReport(
        report_id,
        sha256,
        size,
        declared.attachment_ids,
        received_at,
        ciphertext=ciphertext,
        blob_key=blob_key,
        reporter_token_sha256=declared.reporter_token_sha256,
        happening_now=declared.happening_now,
    )


def proven_receipts(engine: Engine, claims: list[tuple[uuid.UUID, str]]) -> dict[uuid.UUID, Receipt]:
    """Receipts of the reports among `claims` (report id, reporter token) that are stored and whose token
    matches; the others are left out alike (kua.intake.reporter_tokens.proven)."""
    with Session(engine) as session:
        proven = reporter_tokens.proven(session, claims)
        if not proven:
            return {}
        receipts = [Receipt(*row) for row in session.execute(select_receipts(list(proven)))]
    return {receipt.report_id: receipt for receipt in receipts}
