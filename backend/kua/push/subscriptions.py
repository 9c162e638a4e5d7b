"""Who gets pushes: reviewers' consoles, and phones following the reports they can prove they sent.

An endpoint is stored once, in one form (kua.push.endpoints.normalized). A reviewer who registers
an endpoint known to the server takes it over (a console in a browser another reviewer used before).
A phone's request names the reports to follow with their reporter tokens (kua.intake.reporter_tokens);
the subscription then follows exactly the proven ones among them, so the phone sends all its reports
each time. A phone cannot
take over a reviewer's endpoint, nor change the keys of an endpoint already stored.
"""

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from kua.db.models import PushSubscription, PushSubscriptionReport
from kua.intake import reporter_tokens
from kua.push.endpoints import Subscription, normalized
from kua.push.errors import EndpointInUseError, ReportsNotProvenError

MAX_REPORTS = 100


def subscribe_reviewer(session: Session, *, reviewer_id: uuid.UUID, subscription: Subscription, now: datetime) -> bool:
    """Register the reviewer's console; True if something changed (a new or taken-over endpoint)."""
    stored = _by_endpoint(session, subscription.endpoint)
    if stored is None:
        session.add(_new(subscription, reviewer_id=reviewer_id, now=now))
        return True
    if stored.reviewer_id == reviewer_id and (stored.p256dh, stored.auth) == (subscription.p256dh, subscription.auth):
        return False
    session.execute(delete(PushSubscriptionReport).where(col(PushSubscriptionReport.subscription_id) == stored.id))
    stored.reviewer_id, stored.p256dh, stored.auth = reviewer_id, subscription.p256dh, subscription.auth
    session.add(stored)
    return True


def unsubscribe_reviewer(session: Session, *, reviewer_id: uuid.UUID, endpoint: str) -> bool:
    """Forget the reviewer's console at `endpoint`; True if there was one."""
    stored = _by_endpoint(session, endpoint)
    if stored is None or stored.reviewer_id != reviewer_id:
        return False
    session.delete(stored)
    return True


def subscribe_reporter(
    session: Session, *, subscription: Subscription, claims: Iterable[tuple[uuid.UUID, str]], now: datetime
) -> int:
    """Follow the proven reports among `claims` (and only those); how many they are.

    ReportsNotProvenError when none is proven: nothing is stored then.
    """
    proven = reporter_tokens.proven(session, claims)
    if not proven:
        raise ReportsNotProvenError()
    stored = _by_endpoint(session, subscription.endpoint)
    if stored is None:
        stored = _new(subscription, reviewer_id=None, now=now)
        session.add(stored)
        session.flush()
    elif stored.reviewer_id is not None or (stored.p256dh, stored.auth) != (subscription.p256dh, subscription.auth):
        raise EndpointInUseError()
    else:
        session.execute(delete(PushSubscriptionReport).where(col(PushSubscriptionReport.subscription_id) == stored.id))
    session.add_all(PushSubscriptionReport(subscription_id=stored.id, report_id=report_id) for report_id in proven)
    return len(proven)


def unsubscribe_reporter(session: Session, *, endpoint: str) -> None:
    """Forget a phone's subscription; knowing its endpoint is the proof (an endpoint is unguessable)."""
    stored = _by_endpoint(session, endpoint)
    if stored is not None and stored.reviewer_id is None:
        session.delete(stored)


def forget_all(session: Session) -> int:
    """Delete every subscription (and its pending pushes): after a new VAPID key none of them works."""
    count = len(session.exec(select(PushSubscription.id)).all())
    session.execute(delete(PushSubscription))
    return count


def _by_endpoint(session: Session, endpoint: str) -> PushSubscription | None:
    """The subscription stored for `endpoint`, in whatever form of it the browser sent."""
    stored_form = normalized(endpoint)
    return session.exec(select(PushSubscription).where(PushSubscription.endpoint == stored_form)).first()


def _new(subscription: Subscription, *, reviewer_id: uuid.UUID | None, now: datetime) -> PushSubscription:
    return PushSubscription(
        id=uuid.uuid4(),
        endpoint=subscription.endpoint,
        p256dh=subscription.p256dh,
        auth=subscription.auth,
        reviewer_id=reviewer_id,
        created_at=now,
    )
