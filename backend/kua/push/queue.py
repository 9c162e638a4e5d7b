"""The durable queue of pushes (`push_message`): what waits to be sent survives a restart.

At most one push waits per subscription: more activity before it is delivered refreshes it (and
may raise its urgency) instead of queueing another; one "new activity" covers everything until the
browser shows it. Reviewers hear of new reports through a mark, `reviewers_told_until`: the newest
`received_at` already announced. Each round of the sender looks for reports after the mark and, in
one transaction, queues a push for every active reviewer's subscription (high urgency if any of
them says something is happening now) and moves the mark. Families hear of their report's coarse
status changing (kua.review.reporter_status), queued by the status change's own transaction.

A message being sent is leased (its `next_attempt_at` moved past the request's timeout), so a
server killed mid-send sends it again after a restart.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy import Integer, cast, delete, func, text, update
from sqlmodel import Session, col, select

from kua.db.models import PushMessage, PushState, PushSubscription, PushSubscriptionReport, Report, Reviewer

Urgency = Literal["normal", "high"]
REVIEWERS_TOLD_UNTIL = "reviewers_told_until"
_RANK = {"very-low": 0, "low": 1, "normal": 2, "high": 3}
_BEGINNING = datetime(1970, 1, 1, tzinfo=UTC)
_FAN_OUT_LOCK = 0x6B75612D70757368  # "kua-push": one announcer at a time (PostgreSQL advisory lock)


@dataclass(frozen=True)
class Due:
    """A push to send now, with what the request needs (ids only; nothing about a report)."""

    message_id: uuid.UUID
    subscription_id: uuid.UUID
    endpoint: str
    p256dh: str
    auth: str
    urgency: str
    created_at: datetime
    attempts: int
    for_reviewer: bool


def set_mark_if_missing(session: Session) -> None:
    """On a database without the mark, set it to the newest report: reports already there were never
    announced and are not now (the server runs this once as it starts)."""
    if session.get(PushState, REVIEWERS_TOLD_UNTIL) is not None:
        return
    _serialize(session)
    if session.get(PushState, REVIEWERS_TOLD_UNTIL, populate_existing=True) is None:
        session.add(PushState(name=REVIEWERS_TOLD_UNTIL, at=_newest_report(session) or _BEGINNING))


def announce_new_reports(session: Session, *, now: datetime) -> int:
    """Queue "new activity" for every active reviewer's subscription if reports arrived after the mark.

    Returns the number of subscriptions told.
    """
    mark = session.get(PushState, REVIEWERS_TOLD_UNTIL)
    if mark is None or _reports_after(session, mark.at)[0] is None:
        return 0  # the common round: one indexed read, no write
    _serialize(session)  # another process may announce the same reports: read again, holding the lock
    mark = session.get(PushState, REVIEWERS_TOLD_UNTIL, populate_existing=True)
    assert mark is not None
    newest, urgent = _reports_after(session, mark.at)
    if newest is None:
        return 0
    mark.at = newest
    session.add(mark)
    return tell_reviewers(session, urgency="high" if urgent else "normal", now=now)


def tell_reviewers(session: Session, *, urgency: Urgency = "normal", now: datetime) -> int:
    """Queue "new activity" for every active reviewer's subscription (new reports, a family's answer)."""
    reviewers = select(PushSubscription.id).join(Reviewer, col(Reviewer.id) == col(PushSubscription.reviewer_id))
    subscription_ids = list(session.exec(reviewers.where(Reviewer.state == "active")))
    _enqueue(session, subscription_ids, urgency, now)
    return len(subscription_ids)


def tell_phones_following(session: Session, *, report_id: uuid.UUID, now: datetime) -> int:
    """Queue a push for every phone following the report (its coarse status changed, or a question waits)."""
    following = select(PushSubscriptionReport.subscription_id).where(PushSubscriptionReport.report_id == report_id)
    subscription_ids = list(session.exec(following))
    _enqueue(session, subscription_ids, "normal", now)
    return len(subscription_ids)


def claim_due(session: Session, *, now: datetime, limit: int, lease: timedelta) -> list[Due]:
    """Up to `limit` pushes whose time has come, leased to this sender until `now + lease`."""
    due = (
        select(PushMessage, PushSubscription)
        .join(PushSubscription, col(PushSubscription.id) == col(PushMessage.subscription_id))
        .where(col(PushMessage.next_attempt_at) <= now)
        .order_by(col(PushMessage.next_attempt_at))
        .limit(limit)
        .with_for_update(skip_locked=True, of=PushMessage)  # PostgreSQL; SQLite has one writer anyway
    )
    claimed: list[Due] = []
    for message, subscription in session.exec(due).all():
        claimed.append(
            Due(
                message_id=message.id,
                subscription_id=subscription.id,
                endpoint=subscription.endpoint,
                p256dh=subscription.p256dh,
                auth=subscription.auth,
                urgency=message.urgency,
                created_at=message.created_at,
                attempts=message.attempts,
                for_reviewer=subscription.reviewer_id is not None,
            )
        )
        message.next_attempt_at = now + lease
        session.add(message)
    return claimed


def delivered(session: Session, due: Due, *, now: datetime) -> None:
    """The push service took the push. If activity refreshed the message meanwhile, it is sent again."""
    unchanged = col(PushMessage.created_at) <= due.created_at
    result = session.execute(delete(PushMessage).where(col(PushMessage.id) == due.message_id, unchanged))
    if result.rowcount == 0:  # type: ignore[attr-defined]
        refreshed = update(PushMessage).where(col(PushMessage.id) == due.message_id)
        session.execute(refreshed.values(attempts=0, next_attempt_at=now))


def retry_at(session: Session, due: Due, *, at: datetime) -> None:
    """Try again at `at` (one more attempt counted)."""
    later = update(PushMessage).where(col(PushMessage.id) == due.message_id)
    session.execute(later.values(attempts=due.attempts + 1, next_attempt_at=at))


def drop(session: Session, due: Due) -> None:
    """Give the push up (it expired, or the push service refused it for good)."""
    session.execute(delete(PushMessage).where(col(PushMessage.id) == due.message_id))


def subscription_gone(session: Session, due: Due) -> None:
    """The push service no longer knows the subscription (404/410): forget it and its pushes."""
    session.execute(delete(PushSubscription).where(col(PushSubscription.id) == due.subscription_id))


def _enqueue(session: Session, subscription_ids: list[uuid.UUID], urgency: Urgency, now: datetime) -> None:
    if not subscription_ids:
        return
    waiting = session.exec(select(PushMessage).where(col(PushMessage.subscription_id).in_(subscription_ids)))
    pending = {message.subscription_id: message for message in waiting}
    for subscription_id in subscription_ids:
        message = pending.get(subscription_id)
        if message is None:
            message = PushMessage(
                id=uuid.uuid4(), subscription_id=subscription_id, urgency=urgency, created_at=now, next_attempt_at=now
            )
        else:
            message.created_at = max(message.created_at, now)  # the TTL counts from the newest activity
            if _RANK[urgency] > _RANK[message.urgency]:
                message.urgency = urgency
        session.add(message)


def _reports_after(session: Session, mark: datetime) -> tuple[datetime | None, bool]:
    """The newest arrival after `mark`, and whether any report after it says something is happening now."""
    happening_now = func.max(cast(Report.happening_now, Integer))
    newest = select(func.max(Report.received_at), happening_now).where(col(Report.received_at) > mark)
    at, urgent = session.exec(newest).one()
    return at, bool(urgent)


def _newest_report(session: Session) -> datetime | None:
    return session.exec(select(func.max(Report.received_at))).one()


def _serialize(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _FAN_OUT_LOCK})
    else:  # SQLite: take the database's write lock before reading again
        session.execute(text("UPDATE push_state SET at = at WHERE 1 = 0"))
