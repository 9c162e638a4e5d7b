"""Console sessions: a random token in the reviewer's cookie, only its SHA-256 in the database.

A session ends after 30 idle minutes or 12 hours in all, when the reviewer signs out, and at once
when the reviewer is disabled. Each has its own CSRF token, which state-changing requests echo in a
header (docs/review.md).
"""

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, or_

from kua.db.models import Reviewer, ReviewSession
from kua.review.errors import CsrfFailedError, NotSignedInError

IDLE_EXPIRY = timedelta(minutes=30)
ABSOLUTE_EXPIRY = timedelta(hours=12)
# Recording every request's time would make every read a write; a minute is precise enough for 30.
TOUCH_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class NewSession:
    """What the browser gets once: the cookie's token and the CSRF token."""

    token: str
    csrf_token: str


@dataclass(frozen=True)
class SignedIn:
    """The reviewer behind a request, and the session it came with."""

    reviewer: Reviewer
    session: ReviewSession


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start(session: Session, *, reviewer_id: uuid.UUID, now: datetime) -> NewSession:
    """A new session for the reviewer (expired sessions of everyone are cleared on the way)."""
    forget_expired(session, now=now)
    new = NewSession(token=secrets.token_urlsafe(32), csrf_token=secrets.token_urlsafe(32))
    session.add(
        ReviewSession(
            token_sha256=token_sha256(new.token),
            reviewer_id=reviewer_id,
            csrf_token=new.csrf_token,
            created_at=now,
            last_seen_at=now,
        )
    )
    session.flush()
    return new


def current(session: Session, *, token: str | None, now: datetime) -> SignedIn:
    """The live session of `token` and its active reviewer; NotSignedInError otherwise."""
    if not token:
        raise NotSignedInError()
    found = session.get(ReviewSession, token_sha256(token))
    if found is None or _expired(found, now):
        raise NotSignedInError()
    reviewer = session.get(Reviewer, found.reviewer_id)
    if reviewer is None or reviewer.state != "active":
        raise NotSignedInError()
    if now - found.last_seen_at >= TOUCH_INTERVAL:
        found.last_seen_at = now
        session.add(found)
    return SignedIn(reviewer=reviewer, session=found)


def check_csrf(review_session: ReviewSession, header: str | None) -> None:
    """Refuse a state-changing request whose X-Kua-CSRF header is not this session's token."""
    if not header or not hmac.compare_digest(header.encode("utf-8"), review_session.csrf_token.encode("utf-8")):
        raise CsrfFailedError()


def end(session: Session, *, review_session: ReviewSession) -> None:
    session.delete(review_session)
    session.flush()


def end_all(session: Session, *, reviewer_id: uuid.UUID) -> int:
    """End every session of a reviewer; returns how many there were."""
    result = session.execute(delete(ReviewSession).where(col(ReviewSession.reviewer_id) == reviewer_id))
    return int(result.rowcount)  # type: ignore[attr-defined]


def forget_expired(session: Session, *, now: datetime) -> None:
    session.execute(
        delete(ReviewSession).where(
            or_(
                col(ReviewSession.last_seen_at) <= now - IDLE_EXPIRY,
                col(ReviewSession.created_at) <= now - ABSOLUTE_EXPIRY,
            )
        )
    )


def _expired(found: ReviewSession, now: datetime) -> bool:
    return now - found.last_seen_at >= IDLE_EXPIRY or now - found.created_at >= ABSOLUTE_EXPIRY
