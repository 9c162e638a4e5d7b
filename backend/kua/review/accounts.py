"""Reviewer accounts: invitations, enrollment, sign-in with a password and a TOTP code, lockout, disabling.

An invitation is a one-time link valid 72 hours; the database keeps the SHA-256 of its token only.
Enrollment sets a password (at least 12 characters) and a TOTP secret, then signs the reviewer in.
Five failed sign-ins within 15 minutes lock the account for 15 minutes. Every refusal of a sign-in is
the same answer, whether the name, the password or the code was wrong.

Argon2 takes a noticeable moment of CPU, so passwords are hashed and checked outside the transaction
that records the outcome: a sign-in never holds a write lock while it computes.
"""

import hashlib
import secrets
import unicodedata
import uuid
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from kua.db.models import Invitation, Reviewer
from kua.db.session import transaction
from kua.errors import KuaError
from kua.review import audit, factors, locks, sessions
from kua.review.errors import (
    InvalidNameError,
    InvalidTotpCodeError,
    InvitationExpiredError,
    InvitationNotFoundError,
    InvitationUsedError,
    LockedOutError,
    LoginFailedError,
    NameTakenError,
    PasswordLengthError,
    TotpNotStartedError,
)
from kua.review.roles import Role
from kua.review.sessions import NewSession

INVITATION_LIFETIME = timedelta(hours=72)
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # hashing is costly; a bound keeps a huge "password" from being a weapon
MAX_NAME_LENGTH = 64
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)


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
    audit.append(
        session,
        at=now,
        actor_id=None,
        action="reviewer_invited",
        subject=f"invitation:{invitation.id}",
        details={"name": name, "role": role},
    )
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
) -> tuple[Reviewer, NewSession]:
    """Create the invited reviewer, use up the invitation, and sign the reviewer in."""
    invitation = open_invitation(session, token=token, now=now)
    secret = invitation.pending_totp_secret
    if secret is None:
        raise TotpNotStartedError()
    if len(password) < MIN_PASSWORD_LENGTH or len(password) > MAX_PASSWORD_LENGTH:
        raise PasswordLengthError(
            f"A password must have at least {MIN_PASSWORD_LENGTH} characters (and at most {MAX_PASSWORD_LENGTH})."
        )
    step = factors.accepted_step(secret, totp_code, now, None)
    if step is None:
        raise InvalidTotpCodeError()
    password_hash = factors.hash_password(password)
    locks.serialize(session, locks.key_of("invitation", invitation.id))
    invitation = open_invitation(session, token=token, now=now)  # again: another request may have used it
    if invitation.pending_totp_secret != secret:
        raise InvalidTotpCodeError()
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
    invitation.used_at, invitation.pending_totp_secret = now, None
    session.add_all([reviewer, invitation])
    session.flush()
    new_session = sessions.start(session, reviewer_id=reviewer.id, now=now)
    audit.append(
        session,
        at=now,
        actor_id=reviewer.id,
        action="invitation_accepted",
        subject=f"reviewer:{reviewer.id}",
        details={"invitation_id": str(invitation.id), "role": reviewer.role},
    )
    return reviewer, new_session


def sign_in(engine: Engine, *, name: str, password: str, totp_code: str, now: datetime) -> tuple[Reviewer, NewSession]:
    """Check both factors and start a session; LoginFailedError or LockedOutError otherwise.

    A failure is recorded (its count, the audit entry) in a transaction of its own, committed before
    the refusal is raised.
    """
    with Session(engine) as session:
        found = by_name(session, name.strip())
    if found is None:
        factors.spend_a_verification(password)
        raise LoginFailedError()
    step = None
    # The password is checked for a disabled reviewer too: the time taken must not tell the state.
    checkable = not _locked(found, now) and len(password) <= MAX_PASSWORD_LENGTH
    if checkable and factors.password_matches(found.password_hash, password) and found.state == "active":
        step = factors.accepted_step(found.totp_secret, totp_code, now, found.totp_last_step)
    refusal: KuaError | None = None
    new_session: NewSession | None = None
    with transaction(engine) as session:
        locks.serialize(session, locks.key_of("reviewer", found.id))
        reviewer = session.get(Reviewer, found.id, populate_existing=True)
        assert reviewer is not None  # reviewers are disabled, never deleted
        if _locked(reviewer, now):
            refusal = LockedOutError()
            _audit_failure(session, reviewer, now, while_locked=True)
        elif step is None or reviewer.state != "active" or step <= (reviewer.totp_last_step or -1):
            refusal = LoginFailedError()
            _count_failure(reviewer, now)
            _audit_failure(session, reviewer, now, while_locked=False)
        else:
            reviewer.totp_last_step, reviewer.last_login_at = step, now
            reviewer.failed_logins, reviewer.failures_since = 0, None
            new_session = sessions.start(session, reviewer_id=reviewer.id, now=now)
            audit.append(session, at=now, actor_id=reviewer.id, action="login", subject=f"reviewer:{reviewer.id}")
        session.add(reviewer)
        session.flush()
        session.expunge(reviewer)
    if refusal is not None or new_session is None:
        raise refusal or LoginFailedError()
    return reviewer, new_session


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
    audit.append(
        session,
        at=now,
        actor_id=None,
        action="reviewer_disabled",
        subject=f"reviewer:{reviewer.id}",
        details={"sessions_ended": ended},
    )
    return reviewer, ended


def _locked(reviewer: Reviewer, now: datetime) -> bool:
    return reviewer.locked_until is not None and reviewer.locked_until > now


def _count_failure(reviewer: Reviewer, now: datetime) -> None:
    """Count a failure in the current window; the fifth locks the account and starts counting afresh."""
    if reviewer.failures_since is None or now - reviewer.failures_since > FAILURE_WINDOW:
        reviewer.failed_logins, reviewer.failures_since = 0, now
    reviewer.failed_logins += 1
    if reviewer.failed_logins >= MAX_FAILURES:
        reviewer.locked_until = now + LOCKOUT
        reviewer.failed_logins, reviewer.failures_since = 0, None


def _audit_failure(session: Session, reviewer: Reviewer, now: datetime, *, while_locked: bool) -> None:
    details: dict[str, object] = {"while_locked": True} if while_locked else {}
    if reviewer.locked_until is not None and reviewer.locked_until > now:
        details["locked_until"] = audit.timestamp(reviewer.locked_until)
    # No actor: whoever tried is unknown; the subject is the account tried.
    audit.append(
        session, at=now, actor_id=None, action="login_failed", subject=f"reviewer:{reviewer.id}", details=details
    )
