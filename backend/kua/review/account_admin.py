"""What an operator does to reviewers' accounts from the command line (`kua reviewers ...`), besides
inviting and disabling (kua.review.accounts): list and revoke pending invitations, enable a disabled
reviewer again, change a role, and recover a reviewer who lost the password or the authenticator.

Recovering is a fresh invitation for the same account: whoever opens it sets a new password and TOTP
secret for that reviewer, whose name, role, recipient and past work stay. Like any invitation it is a
secret link sent privately; it ends the reviewer's sessions at once and replaces any earlier recovery
invitation. Every change is in the audit log, with no actor (the operator at the server's console).
"""

from datetime import datetime

from sqlmodel import Session, col, delete, select

from kua.db.models import Invitation, Reviewer
from kua.review import accounts, audit, locks, sessions
from kua.review.roles import Role


def pending_invitations(session: Session, *, now: datetime) -> list[Invitation]:
    """Invitations neither used nor expired, oldest first."""
    query = select(Invitation).where(col(Invitation.used_at).is_(None), col(Invitation.expires_at) > now)
    return list(session.exec(query.order_by(col(Invitation.created_at), col(Invitation.name))).all())


def revoke_invitations(session: Session, *, name: str, now: datetime) -> int:
    """Delete the pending invitations for `name` (their links stop working); how many there were."""
    revoked = [i for i in pending_invitations(session, now=now) if i.name == name]
    for invitation in revoked:
        session.delete(invitation)
        audit.append(
            session,
            at=now,
            actor_id=None,
            action="invitation_revoked",
            subject=f"invitation:{invitation.id}",
            details={"name": name, "recovers": str(invitation.reviewer_id) if invitation.reviewer_id else None},
        )
    session.flush()
    return len(revoked)


def _locked(session: Session, name: str) -> Reviewer | None:
    found = accounts.by_name(session, name)
    if found is None:
        return None
    locks.serialize(session, locks.key_of("reviewer", found.id))
    return session.get(Reviewer, found.id, populate_existing=True)


def enable(session: Session, *, name: str, now: datetime) -> Reviewer | None:
    """Let the disabled reviewer `name` sign in again, with no wrong codes counted; None if unknown.
    An active reviewer is left as it is, and nothing is audited."""
    reviewer = _locked(session, name)
    if reviewer is None or reviewer.state == "active":
        return reviewer
    reviewer.state = "active"
    reviewer.failed_logins, reviewer.failures_since, reviewer.locked_until = 0, None, None
    session.add(reviewer)
    audit.append(session, at=now, actor_id=None, action="reviewer_enabled", subject=f"reviewer:{reviewer.id}")
    return reviewer


def change_role(session: Session, *, name: str, role: Role, now: datetime) -> tuple[Reviewer, str] | None:
    """Give `name` the role `role` (from its next request on); the reviewer and its former role, None if unknown."""
    reviewer = _locked(session, name)
    if reviewer is None:
        return None
    former = reviewer.role
    if former != role:
        reviewer.role = role
        session.add(reviewer)
        audit.append(
            session,
            at=now,
            actor_id=None,
            action="reviewer_role_changed",
            subject=f"reviewer:{reviewer.id}",
            details={"from": former, "to": role},
        )
    return reviewer, former


def recover(session: Session, *, reviewer: Reviewer, now: datetime) -> tuple[str, Invitation, int]:
    """A new invitation that sets `reviewer`'s password and TOTP again; its token (shown once), the
    invitation, and how many sessions ended. Earlier unused recovery invitations stop working."""
    locks.serialize(session, locks.key_of("reviewer", reviewer.id))
    session.exec(
        delete(Invitation).where(col(Invitation.reviewer_id) == reviewer.id, col(Invitation.used_at).is_(None))
    )
    ended = sessions.end_all(session, reviewer_id=reviewer.id)
    token, invitation = accounts.new_invitation(session, name=reviewer.name, role=reviewer.role, now=now)
    invitation.reviewer_id = reviewer.id
    session.add(invitation)
    session.flush()
    audit.append(
        session,
        at=now,
        actor_id=None,
        action="reviewer_recovery_started",
        subject=f"reviewer:{reviewer.id}",
        details={"invitation_id": str(invitation.id), "sessions_ended": ended},
    )
    return token, invitation, ended
