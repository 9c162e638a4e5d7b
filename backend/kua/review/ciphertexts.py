"""Handing ciphertext to a reviewer: a report or a completed attachment, each fetch in the audit log."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from kua.db.models import Report, Upload
from kua.review import audit
from kua.review.errors import AttachmentNotFoundError, ReportNotFoundError


@dataclass(frozen=True)
class Stored:
    """Where an age file is: in hand (a small report, kept in its row) or in blob storage under `blob_key`."""

    ciphertext: bytes | None = None
    blob_key: str | None = None


def report(session: Session, *, actor_id: uuid.UUID, report_id: uuid.UUID, now: datetime) -> Stored:
    found = session.exec(select(Report.ciphertext, Report.blob_key).where(col(Report.id) == report_id)).first()
    if found is None:
        raise ReportNotFoundError()
    audit.append(session, at=now, actor_id=actor_id, action="report_fetched", subject=f"report:{report_id}")
    return Stored(ciphertext=found[0], blob_key=found[1])


MAX_BATCH = 200


@dataclass(frozen=True)
class Batch:
    """Several reports' age files at once: those kept in their rows, and the ids of the larger ones
    in blob storage (to fetch one by one)."""

    in_hand: dict[uuid.UUID, bytes]
    in_blobs: list[uuid.UUID]


def reports(session: Session, *, actor_id: uuid.UUID, report_ids: list[uuid.UUID], now: datetime) -> Batch:
    """The age files of these reports that exist, in one audit entry listing them (ids not found are left out).

    A queue of a thousand reports is then a few requests and a few audit entries, not a thousand.
    """
    rows = session.exec(select(Report.id, Report.ciphertext).where(col(Report.id).in_(report_ids))).all()
    in_hand = {report_id: ciphertext for report_id, ciphertext in rows if ciphertext is not None}
    in_blobs = [report_id for report_id, ciphertext in rows if ciphertext is None]
    if rows:
        fetched = sorted(str(report_id) for report_id in in_hand)
        audit.append(
            session,
            at=now,
            actor_id=actor_id,
            action="report_fetched",
            subject="reports",
            details={"report_ids": fetched},
        )
    return Batch(in_hand=in_hand, in_blobs=in_blobs)


def attachment(session: Session, *, actor_id: uuid.UUID, attachment_id: uuid.UUID, now: datetime) -> Stored:
    upload = session.get(Upload, attachment_id)
    if upload is None or upload.completed_at is None or upload.blob_key is None:
        raise AttachmentNotFoundError()
    audit.append(session, at=now, actor_id=actor_id, action="attachment_fetched", subject=f"attachment:{attachment_id}")
    return Stored(blob_key=upload.blob_key)


def held(session: Session, attachment_ids: list[uuid.UUID]) -> list[uuid.UUID]:
    """Which of these attachments the server holds complete (no ciphertext handed out, so no audit entry).

    A follow-up answer names its attachments only inside its sealed body, so the server cannot say
    which arrived (docs/media.md, "In follow-up answers"): the console asks, instead of downloading one.
    """
    complete = col(Upload.completed_at).is_not(None) & col(Upload.blob_key).is_not(None)
    found = set(session.exec(select(Upload.id).where(col(Upload.id).in_(attachment_ids), complete)).all())
    return [attachment_id for attachment_id in attachment_ids if attachment_id in found]
