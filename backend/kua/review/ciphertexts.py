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


def attachment(session: Session, *, actor_id: uuid.UUID, attachment_id: uuid.UUID, now: datetime) -> Stored:
    upload = session.get(Upload, attachment_id)
    if upload is None or upload.completed_at is None or upload.blob_key is None:
        raise AttachmentNotFoundError()
    audit.append(session, at=now, actor_id=actor_id, action="attachment_fetched", subject=f"attachment:{attachment_id}")
    return Stored(blob_key=upload.blob_key)
