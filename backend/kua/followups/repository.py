"""Keeping a question or an answer once, whatever the retries: the sender chooses the id.

The same id with the same bytes (and the same report, kind and author) is the follow-up already
stored; anything else under that id is a conflict. Two identical requests racing each other end the
same way: the loser's insert fails on the primary key, and it finds the winner's row.
"""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from kua.db.models import Followup
from kua.followups.errors import FollowupConflictError

Kind = Literal["question", "answer"]


@dataclass(frozen=True)
class Kept:
    """A stored follow-up, and whether this request stored it (rather than an earlier one)."""

    followup: Followup
    created: bool


def keep(
    session: Session,
    *,
    followup_id: uuid.UUID,
    report_id: uuid.UUID,
    kind: Kind,
    author_id: uuid.UUID | None,
    ciphertext: bytes,
    now: datetime,
) -> Kept:
    """Store the follow-up, or find the identical one stored before (FollowupConflictError otherwise)."""
    sha256 = hashlib.sha256(ciphertext).hexdigest()
    wanted = (report_id, kind, author_id, sha256)
    found = session.get(Followup, followup_id)
    if found is None:
        followup = Followup(
            id=followup_id,
            report_id=report_id,
            kind=kind,
            author_id=author_id,
            created_at=now,
            sha256=sha256,
            ciphertext=ciphertext,
        )
        try:
            with session.begin_nested():
                session.add(followup)
            return Kept(followup, created=True)
        except IntegrityError:
            session.expunge(followup)
            found = session.get(Followup, followup_id, populate_existing=True)
            if found is None:
                raise
    if (found.report_id, found.kind, found.author_id, found.sha256) != wanted:
        raise FollowupConflictError()
    return Kept(found, created=False)


def of_report(session: Session, report_id: uuid.UUID, kind: Kind | None = None) -> list[Followup]:
    """The report's questions and answers (or those of one kind), oldest first."""
    query = select(Followup).where(col(Followup.report_id) == report_id)
    if kind is not None:
        query = query.where(col(Followup.kind) == kind)
    return list(session.exec(query.order_by(col(Followup.created_at), col(Followup.id))).all())


def count(session: Session, report_id: uuid.UUID, kind: Kind) -> int:
    query = select(func.count()).where(col(Followup.report_id) == report_id, col(Followup.kind) == kind)
    return session.exec(query).one()
