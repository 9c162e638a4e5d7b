"""Reviewers' age recipients: set from the console, listed once the coalition signs a list holding them.

The server only learns a reviewer's recipient (the public half; the identity stays in the browser).
It stays *pending* until the newest published recipient list contains it: only the root keys, offline,
can add a recipient to what phones encrypt to (`kua recipients pending`, then `sign` and `publish`).
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlmodel import Session, col, select

from kua.crypto.errors import MalformedError
from kua.crypto.keys import parse_recipient
from kua.crypto.recipient_list import RecipientList, key_id, read_verified_before
from kua.db.models import RecipientList as PublishedList
from kua.db.models import Reviewer
from kua.review import audit
from kua.review.errors import InvalidRecipientError

RecipientState = Literal["none", "pending", "listed"]


def newest_list(session: Session) -> RecipientList | None:
    """The newest published recipient list (verified when it was published), or None."""
    published = session.exec(select(PublishedList).order_by(col(PublishedList.seq).desc()).limit(1)).first()
    return read_verified_before(published.document) if published else None


def listed_recipients(session: Session) -> frozenset[str]:
    newest = newest_list(session)
    return frozenset(newest.recipients) if newest else frozenset()


def recipient_state(recipient: str | None, listed: frozenset[str]) -> RecipientState:
    if recipient is None:
        return "none"
    return "listed" if recipient in listed else "pending"


def set_recipient(session: Session, *, reviewer_id: uuid.UUID, recipient: str, now: datetime) -> Reviewer:
    """Record the reviewer's new recipient (`age1pq1...` or `age1...`), refusing anything else."""
    recipient = recipient.strip()
    try:
        parse_recipient(recipient)
    except (MalformedError, UnicodeError):
        raise InvalidRecipientError() from None
    reviewer = session.get(Reviewer, reviewer_id)
    assert reviewer is not None  # the signed-in reviewer
    if reviewer.recipient == recipient:
        return reviewer
    reviewer.recipient = recipient
    session.add(reviewer)
    session.flush()
    audit.append(
        session,
        at=now,
        actor_id=reviewer_id,
        action="key_changed",
        subject=f"reviewer:{reviewer_id}",
        details={"key_id": key_id(recipient)},
    )
    return reviewer


@dataclass(frozen=True)
class NextList:
    """What the next signed recipient list should hold, as (name, recipient) pairs."""

    seq: int  # the sequence number it needs: above the newest published one
    kept: list[tuple[str, str]]  # listed now, kept as they are
    added: list[tuple[str, str]]  # active reviewers' recipients no published list holds yet
    dropped: list[tuple[str, str]]  # listed now, but their reviewer is disabled


def next_list(session: Session) -> NextList:
    """Everyone listed now (but disabled reviewers), and the active reviewers still pending."""
    newest = newest_list(session)
    listed = {entry.recipient: entry.name for entry in newest.reviewers} if newest else {}
    reviewers = session.exec(select(Reviewer).where(col(Reviewer.recipient).is_not(None))).all()
    disabled = {r.recipient for r in reviewers if r.state != "active"}
    kept = [(name, recipient) for recipient, name in listed.items() if recipient not in disabled]
    dropped = [(name, recipient) for recipient, name in listed.items() if recipient in disabled]
    added = sorted(
        (r.name, r.recipient)
        for r in reviewers
        if r.state == "active" and r.recipient is not None and r.recipient not in listed
    )
    return NextList(seq=(newest.seq + 1) if newest else 1, kept=kept, added=added, dropped=dropped)
