"""Reviewer accounts: invitations, enrollment, sign-in with a password and a TOTP code, lockout, disabling.

An invitation is a one-time link valid 72 hours; the database keeps the SHA-256 of its token only.
Enrollment sets a password (kua.review.passwords says which) and a TOTP secret, then signs the reviewer in.
Every refusal of a sign-in is the same answer (401, same body, same time), whether the name, the password
or the code was wrong, and whatever the account's state; there is no lockout a stranger can trigger.
A wrong password counts against no account: without both factors in one attempt an answer tells a
guesser nothing, and guessing throughput is limited per client (kua.api.rate_limit). Wrong codes after
the right password do count: only someone who holds the password can type them, so the account then
waits (30 s, doubling, at most 15 minutes) before the right password is checked again.

Argon2 takes a noticeable moment of CPU, so passwords are hashed and checked outside the transaction
that records the outcome: a sign-in never holds a write lock while it computes.
"""

import hashlib
import secrets
import unicodedata
import uuid
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import Engine
from sqlmodel import Session, col, delete, select

from kua.db.models import Invitation, Reviewer
from kua.db.session import transaction
from kua.review import audit, factors, locks, passwords, recovery, sessions
from kua.review.errors import (
    InvalidNameError,
    InvalidTotpCodeError,
    InvitationExpiredError,
    InvitationNotFoundError,
    InvitationUsedError,
    LoginFailedError,
    NameTakenError,
    TotpNotStartedError,
)
from kua.review.passwords import MAX_PASSWORD_LENGTH
from kua.review.roles import Role
from kua.review.sessions import NewSession

INVITATION_LIFETIME = timedelta(hours=72)
MAX_NAME_LENGTH = 64
# Wrong codes typed after the right password: someone holds the password, or the reviewer mistyped.
FREE_CODE_FAILURES = 3  # the third in a row starts a delay ...
FIRST_CODE_DELAY = timedelta(seconds=30)  # ... of 30 s, doubling with each more ...
MAX_CODE_DELAY = timedelta(minutes=15)  # ... up to 15 minutes (about 100 codes a day: docs/review.md)


def _token_sha256(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def checked_name(name: str) -> str:
    """A reviewer's name as given, refused if empty, too long or holding control characters."""
    name = name.strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise InvalidNameError(f"A reviewer's name must have 1 to {MAX_NAME_LENGTH} characters.")
    if any(unicodedata.category(character).startswith("C") for character in name):
        raise InvalidNameError("A reviewer's name must not hold control characters.")
    return name


def by_name(session: Session, name: str) -> Reviewer | None:
    return session.exec(select(Reviewer).where(col(Reviewer.name) == name)).first()


def invite(session: Session, *, name: str, role: Role, now: datetime) -> tuple[str, Invitation]:
    """A new invitation for `name`; returns the token (shown once, never stored) and the invitation."""
    name = checked_name(name)
    if by_name(session, name) is not None:
        raise NameTakenError()
    token, invitation = new_invitation(session, name=name, role=role, now=now)
    audit.append(
        session,
        at=now,
        actor_id=None,
        action="reviewer_invited",
        subject=f"invitation:{invitation.id}",
        details={"name": name, "role": role},
    )
    return token, invitation


def new_invitation(session: Session, *, name: str, role: str, now: datetime) -> tuple[str, Invitation]:
    """The invitation row and its token, unchecked and not audited: for invite() and recovery."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        id=uuid.uuid4(),
        token_sha256=_token_sha256(token),
        name=name,
        role=role,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    session.add(invitation)
    session.flush()
    return token, invitation


def open_invitation(session: Session, *, token: str, now: datetime) -> Invitation:
    """The invitation of `token`, if it can still be accepted."""
    invitation = session.exec(
        select(Invitation)
        .where(col(Invitation.token_sha256) == _token_sha256(token))
        .execution_options(populate_existing=True)
    ).first()
    if invitation is None:
        raise InvitationNotFoundError()
    if invitation.used_at is not None:
        raise InvitationUsedError()
    if invitation.expires_at <= now:
        raise InvitationExpiredError()
    return invitation


def start_totp(session: Session, *, token: str, now: datetime) -> tuple[str, str]:
    """A new TOTP secret for the invitation (replacing any earlier one) and its `otpauth://` URI."""
    invitation = open_invitation(session, token=token, now=now)
    invitation.pending_totp_secret = factors.new_totp_secret()
    session.add(invitation)
    session.flush()
    return invitation.pending_totp_secret, factors.provisioning_uri(invitation.pending_totp_secret, invitation.name)


def accept(
    session: Session, *, token: str, password: str, totp_code: str, now: datetime
) -> tuple[Reviewer, NewSession, list[str]]:
    """Create the invited reviewer, use up the invitation, sign the reviewer in, and issue its recovery
    codes (returned to be shown once)."""
    invitation = open_invitation(session, token=token, now=now)
    secret = invitation.pending_totp_secret
    if secret is None:
        raise TotpNotStartedError()
    passwords.check_password(password, name=invitation.name)
    step = factors.accepted_step(secret, totp_code, now, None)
    if step is None:
        raise InvalidTotpCodeError()
    password_hash = factors.hash_password(password)
    locks.serialize(session, locks.key_of("invitation", invitation.id))
    invitation = open_invitation(session, token=token, now=now)  # again: another request may have used it
    if invitation.pending_totp_secret != secret:
        raise InvalidTotpCodeError()
    if invitation.reviewer_id is not None:
        return _recover(session, invitation, password_hash=password_hash, secret=secret, step=step, now=now)
    if by_name(session, invitation.name) is not None:
        raise NameTakenError()
    reviewer = Reviewer(
        id=uuid.uuid4(),
        name=invitation.name,
        role=invitation.role,
        password_hash=password_hash,
        totp_secret=secret,
        totp_last_step=step,  # the code just typed cannot sign in again
        created_at=now,
        last_login_at=now,
    )
    return _enrolled(session, reviewer, invitation, "invitation_accepted", {"role": reviewer.role}, now=now)


def _recover(
    session: Session, invitation: Invitation, *, password_hash: str, secret: str, step: int, now: datetime
) -> tuple[Reviewer, NewSession, list[str]]:
    """Accept a recovery invitation (kua.review.account_admin): the reviewer's new factors, a new set of
    recovery codes, its other sessions ended; name, role and recipient stay."""
    assert invitation.reviewer_id is not None
    locks.serialize(session, locks.key_of("reviewer", invitation.reviewer_id))
    if session.get(Invitation, invitation.id, populate_existing=True) is None:
        raise InvitationNotFoundError()  # replaced or revoked by an operator while this request waited
    reviewer = session.get(Reviewer, invitation.reviewer_id, populate_existing=True)
    if reviewer is None or reviewer.state != "active":
        raise InvitationNotFoundError()  # disabled since: disabling deletes these invitations; belt and braces
    reviewer.password_hash, reviewer.totp_secret, reviewer.totp_last_step = password_hash, secret, step
    reviewer.failed_logins, reviewer.failures_since, reviewer.locked_until = 0, None, None
    reviewer.last_login_at = now
    sessions.end_all(session, reviewer_id=reviewer.id)
    return _enrolled(session, reviewer, invitation, "reviewer_recovered", {}, now=now)


def _enrolled(
    session: Session,
    reviewer: Reviewer,
    invitation: Invitation,
    action: Literal["invitation_accepted", "reviewer_recovered"],
    details: dict[str, object],
    *,
    now: datetime,
) -> tuple[Reviewer, NewSession, list[str]]:
    """The invitation used up, the reviewer signed in, audited, and a new set of recovery codes issued."""
    invitation.used_at, invitation.pending_totp_secret = now, None
    session.add_all([reviewer, invitation])
    session.flush()
    new_session = sessions.start(session, reviewer_id=reviewer.id, now=now)
    audit.append(
        session,
        at=now,
        actor_id=reviewer.id,
        action=action,
        subject=f"reviewer:{reviewer.id}",
        details={"invitation_id": str(invitation.id), **details},
    )
    codes = recovery.issue(session, reviewer_id=reviewer.id, now=now)
    return reviewer, new_session, codes


def sign_in(
    engine: Engine, *, name: str, password: str, totp_code: str, now: datetime
) -> tuple[Reviewer, NewSession, int | None]:
    """Check both factors and start a session; LoginFailedError otherwise, whatever was wrong. Also returns
    how many recovery codes are left when one was spent by this sign-in (None after a TOTP code).

    Every attempt verifies one Argon2 hash (a dummy one for an unknown name), so the time taken tells
    neither whether the name exists nor the account's state. A failure is recorded (its count, the audit
    entry) in a transaction of its own, committed before the refusal is raised. `totp_code` may instead
    be one of the reviewer's recovery codes (kua.review.recovery), spent by this sign-in; a wrong one
    counts as a wrong code.
    """
    with Session(engine) as session:
        found = by_name(session, name.strip())
    if found is None or len(password) > MAX_PASSWORD_LENGTH:
        factors.spend_a_verification(password[:MAX_PASSWORD_LENGTH])
        raise LoginFailedError()
    password_right = factors.password_matches(found.password_hash, password)
    step = factors.accepted_step(found.totp_secret, totp_code, now, found.totp_last_step) if password_right else None
    new_session: NewSession | None = None
    codes_left: int | None = None
    with transaction(engine) as session:
        locks.serialize(session, locks.key_of("reviewer", found.id))
        reviewer = session.get(Reviewer, found.id, populate_existing=True)
        assert reviewer is not None  # reviewers are disabled, never deleted
        delayed = _delayed(reviewer, now)
        totp_right = step is not None and step > (reviewer.totp_last_step or -1)
        recovered = (
            password_right
            and reviewer.state == "active"
            and not delayed
            and not totp_right
            and recovery.spend(session, reviewer_id=reviewer.id, typed=totp_code, now=now)
        )
        if not password_right or reviewer.state != "active":
            _audit_failure(session, reviewer, now)  # a stranger's guess: it counts against no one
        elif delayed or not (totp_right or recovered):
            if not delayed:
                _count_code_failure(reviewer, now)
            _audit_failure(session, reviewer, now, password_right=True)
        else:
            if totp_right:
                reviewer.totp_last_step = step
            reviewer.last_login_at = now
            reviewer.failed_logins, reviewer.failures_since, reviewer.locked_until = 0, None, None
            new_session = sessions.start(session, reviewer_id=reviewer.id, now=now)
            details = {"with": "recovery_code"} if recovered else None
            codes_left = recovery.left(session, reviewer.id) if recovered else None
            audit.append(
                session,
                at=now,
                actor_id=reviewer.id,
                action="login",
                subject=f"reviewer:{reviewer.id}",
                details=details,
            )
        session.add(reviewer)
        session.flush()
        session.expunge(reviewer)
    if new_session is None:
        raise LoginFailedError()
    return reviewer, new_session, codes_left


def sign_out(session: Session, *, signed_in: sessions.SignedIn, now: datetime) -> None:
    reviewer_id = signed_in.reviewer.id
    sessions.end(session, review_session=signed_in.session)
    audit.append(session, at=now, actor_id=reviewer_id, action="logout", subject=f"reviewer:{reviewer_id}")


def disable(session: Session, *, name: str, now: datetime) -> tuple[Reviewer, int] | None:
    """Disable the reviewer called `name` and end its sessions; None if there is no such reviewer."""
    reviewer = by_name(session, name)
    if reviewer is None:
        return None
    locks.serialize(session, locks.key_of("reviewer", reviewer.id))
    reviewer.state = "disabled"
    session.add(reviewer)
    ended = sessions.end_all(session, reviewer_id=reviewer.id)
    session.exec(
        delete(Invitation).where(col(Invitation.reviewer_id) == reviewer.id, col(Invitation.used_at).is_(None))
    )
    audit.append(
        session,
        at=now,
        actor_id=None,
        action="reviewer_disabled",
        subject=f"reviewer:{reviewer.id}",
        details={"sessions_ended": ended},
    )
    return reviewer, ended


def _delayed(reviewer: Reviewer, now: datetime) -> bool:
    return reviewer.locked_until is not None and reviewer.locked_until > now


def code_delay(failures: int) -> timedelta:
    """How long the account waits after `failures` wrong codes in a row, each typed after the right password."""
    if failures < FREE_CODE_FAILURES:
        return timedelta(0)
    doublings = min(failures - FREE_CODE_FAILURES, 16)  # beyond the cap anyway; keeps the number small
    return min(MAX_CODE_DELAY, FIRST_CODE_DELAY * (1 << doublings))


def _count_code_failure(reviewer: Reviewer, now: datetime) -> None:
    """One more wrong code after the right password; from the third in a row, the account waits."""
    if reviewer.failures_since is None:
        reviewer.failures_since = now
    reviewer.failed_logins += 1
    delay = code_delay(reviewer.failed_logins)
    reviewer.locked_until = now + delay if delay else None


def _audit_failure(session: Session, reviewer: Reviewer, now: datetime, *, password_right: bool = False) -> None:
    # The admins learn that someone holds the password (time to change it); the answer never says so.
    # (A flag, not a password: bandit takes the key for one.)
    details: dict[str, object] = {"password_right": True} if password_right else {}  # nosec B105
    if _delayed(reviewer, now):
        details["delayed_until"] = audit.timestamp(reviewer.locked_until)  # type: ignore[arg-type]
    # No actor: whoever tried is unknown; the subject is the account tried.
    audit.append(
        session, at=now, actor_id=None, action="login_failed", subject=f"reviewer:{reviewer.id}", details=details
    )
