"""Reviewers' notes on a report: age files sealed in the browser, kept as they came."""

import uuid
from datetime import datetime

from sqlmodel import Session, col, select

from kua.db.models import ReviewNote
from kua.review import audit, queue
from kua.review.errors import ReportNotFoundError


def add(session: Session, *, actor_id: uuid.UUID, report_id: uuid.UUID, ciphertext: bytes, now: datetime) -> ReviewNote:
    if not queue.exists(session, report_id):
        raise ReportNotFoundError()
    note = ReviewNote(id=uuid.uuid4(), report_id=report_id, author_id=actor_id, created_at=now, ciphertext=ciphertext)
    session.add(note)
    session.flush()
    audit.append(
        session,
        at=now,
        actor_id=actor_id,
        action="note_added",
        subject=f"report:{report_id}",
        details={"note_id": str(note.id), "size": len(ciphertext)},
    )
    return note


def of_report(session: Session, report_id: uuid.UUID) -> list[ReviewNote]:
    """The report's notes, oldest first."""
    if not queue.exists(session, report_id):
        raise ReportNotFoundError()
    query = select(ReviewNote).where(col(ReviewNote.report_id) == report_id)
    return list(session.exec(query.order_by(col(ReviewNote.created_at), col(ReviewNote.id))).all())
