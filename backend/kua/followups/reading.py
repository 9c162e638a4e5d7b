"""What reviewers read of a report's follow-ups: the list (no ciphertext) and each age file, every
fetch of an age file in the audit log, as for reports."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from kua.db.models import ReportMessage
from kua.followups import repository
from kua.followups.errors import MessageNotFoundError
from kua.review import audit, queue
from kua.review.errors import ReportNotFoundError


@dataclass(frozen=True)
class MessageView:
    """A question or answer as listed: who, when, and the age file's hash and size, never its bytes."""

    message_id: uuid.UUID
    report_id: uuid.UUID
    kind: str
    author_id: uuid.UUID | None
    created_at: datetime
    sha256: str
    size: int

    @classmethod
    def of(cls, message: ReportMessage) -> "MessageView":
        return cls(
            message_id=message.id,
            report_id=message.report_id,
            kind=message.kind,
            author_id=message.author_id,
            created_at=message.created_at,
            sha256=message.sha256,
            size=len(message.ciphertext),
        )


def of_report(session: Session, report_id: uuid.UUID) -> list[MessageView]:
    """The report's questions and answers, oldest first."""
    if not queue.exists(session, report_id):
        raise ReportNotFoundError()
    return [MessageView.of(message) for message in repository.of_report(session, report_id)]


def ciphertext(session: Session, *, actor_id: uuid.UUID, message_id: uuid.UUID, now: datetime) -> bytes:
    """A question's or answer's age file (the fetch is in the audit log)."""
    message = session.get(ReportMessage, message_id)
    if message is None:
        raise MessageNotFoundError()
    audit.append(
        session,
        at=now,
        actor_id=actor_id,
        action="message_fetched",
        subject=f"report:{message.report_id}",
        details={"message_id": str(message_id), "kind": message.kind},
    )
    return message.ciphertext
