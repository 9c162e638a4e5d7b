"""Reviewers' questions to the family: age files sealed in the console to the report's reply recipient
and to the recipient list, kept as they came and handed to the phone that proves it sent the report."""

import uuid
from datetime import datetime

from sqlmodel import Session, col, select

from kua.db.models import Report
from kua.followups import repository
from kua.followups.errors import ReporterUnreachableError
from kua.followups.repository import Kept
from kua.push import queue as push_queue
from kua.review import audit
from kua.review.errors import ReportNotFoundError


def ask(
    session: Session,
    *,
    actor_id: uuid.UUID,
    report_id: uuid.UUID,
    question_id: uuid.UUID,
    ciphertext: bytes,
    now: datetime,
) -> Kept:
    """Keep a question (once per id); a new one is in the audit log, and the phones following the
    report get a push (content-free, as for a status change).

    Refused for a report that is not stored, and for one whose phone declared no reporter token:
    such a phone can never fetch the question.
    """
    token = session.exec(select(Report.reporter_token_sha256).where(col(Report.id) == report_id)).first()
    if token is None:
        if session.exec(select(Report.id).where(col(Report.id) == report_id)).first() is None:
            raise ReportNotFoundError()
        raise ReporterUnreachableError()
    kept = repository.keep(
        session,
        followup_id=question_id,
        report_id=report_id,
        kind="question",
        author_id=actor_id,
        ciphertext=ciphertext,
        now=now,
    )
    if kept.created:
        audit.append(
            session,
            at=now,
            actor_id=actor_id,
            action="question_asked",
            subject=f"report:{report_id}",
            details={"message_id": str(question_id), "size": len(ciphertext)},
        )
        push_queue.tell_phones_following(session, report_id=report_id, now=now)  # "new activity" to the phone
    return kept
