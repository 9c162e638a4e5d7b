"""What reviewers read of a report's follow-ups: the list (no ciphertext) and each age file, every
fetch of an age file in the audit log, as for reports."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from kua.db.models import Followup
from kua.followups import repository
from kua.followups.errors import FollowupNotFoundError
from kua.review import audit, queue
from kua.review.errors import ReportNotFoundError


@dataclass(frozen=True)
class FollowupView:
    """A question or answer as listed: who, when, and the age file's hash and size, never its bytes."""

    followup_id: uuid.UUID
    report_id: uuid.UUID
    kind: str
    author_id: uuid.UUID | None
    created_at: datetime
    sha256: str
    size: int

    @classmethod
    def of(cls, followup: Followup) -> "FollowupView":
        return cls(
            followup_id=followup.id,
            report_id=followup.report_id,
            kind=followup.kind,
            author_id=followup.author_id,
            created_at=followup.created_at,
            sha256=followup.sha256,
            size=len(followup.ciphertext),
        )


def of_report(session: Session, report_id: uuid.UUID) -> list[FollowupView]:
    """The report's questions and answers, oldest first."""
    if not queue.exists(session, report_id):
        raise ReportNotFoundError()
    return [FollowupView.of(followup) for followup in repository.of_report(session, report_id)]


def ciphertext(session: Session, *, actor_id: uuid.UUID, followup_id: uuid.UUID, now: datetime) -> bytes:
    """A question's or answer's age file (the fetch is in the audit log)."""
    followup = session.get(Followup, followup_id)
    if followup is None:
        raise FollowupNotFoundError()
    audit.append(
        session,
        at=now,
        actor_id=actor_id,
        action="message_fetched",
        subject=f"report:{followup.report_id}",
        details={"message_id": str(followup_id), "kind": followup.kind},
    )
    return followup.ciphertext
