"""One-time recovery codes: a reviewer who lost the authenticator signs in with the password and one of
them instead of a TOTP code, once per code.

Ten codes of 80 random bits each, written as four groups of four base32 letters ("k7qm-2xvd-p4rn-h9tc")
so they survive being copied by hand. Only their SHA-256 is kept: with 80 random bits a slow hash adds
nothing, and a sign-in can look a typed code up directly. Issuing a set replaces the unused codes of
the old one. Each issue and each use is in the audit log; a use says how many codes are left.
"""

import base64
import hashlib
import re
import secrets
import uuid
from datetime import datetime

from sqlmodel import Session, col, delete, func, select

from kua.db.models import RecoveryCode
from kua.review import audit

CODE_COUNT = 10
_CODE_BYTES = 10  # 80 bits: 16 base32 letters
_SHAPE = re.compile(r"^[a-z2-7]{16}$")


def normalised(typed: str) -> str | None:
    """The code as stored (lower case, no spaces or dashes), or None when it cannot be a code."""
    code = re.sub(r"[\s-]", "", typed).lower()
    return code if _SHAPE.match(code) else None


def _sha256(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _new_code() -> str:
    letters = base64.b32encode(secrets.token_bytes(_CODE_BYTES)).decode().lower()
    return "-".join(letters[i : i + 4] for i in range(0, 16, 4))


def issue(session: Session, *, reviewer_id: uuid.UUID, now: datetime) -> list[str]:
    """A new set of codes for the reviewer, replacing the unused ones; shown once, never stored."""
    session.exec(
        delete(RecoveryCode).where(col(RecoveryCode.reviewer_id) == reviewer_id, col(RecoveryCode.used_at).is_(None))
    )
    codes = [_new_code() for _ in range(CODE_COUNT)]
    session.add_all(
        RecoveryCode(id=uuid.uuid4(), reviewer_id=reviewer_id, code_sha256=_sha256(c.replace("-", "")), issued_at=now)
        for c in codes
    )
    audit.append(
        session,
        at=now,
        actor_id=reviewer_id,
        action="recovery_codes_issued",
        subject=f"reviewer:{reviewer_id}",
        details={"count": CODE_COUNT},
    )
    return codes


def left(session: Session, reviewer_id: uuid.UUID) -> int:
    """How many of the reviewer's codes are unused."""
    query = select(func.count()).where(
        col(RecoveryCode.reviewer_id) == reviewer_id, col(RecoveryCode.used_at).is_(None)
    )
    return int(session.exec(query).one())


def spend(session: Session, *, reviewer_id: uuid.UUID, typed: str, now: datetime) -> bool:
    """Use up the reviewer's unused code `typed`; False when it is not one (wrong, used, or another's)."""
    code = normalised(typed)
    if code is None:
        return False
    found = session.exec(
        select(RecoveryCode).where(
            col(RecoveryCode.reviewer_id) == reviewer_id,
            col(RecoveryCode.code_sha256) == _sha256(code),
            col(RecoveryCode.used_at).is_(None),
        )
    ).first()
    if found is None:
        return False
    found.used_at = now
    session.add(found)
    session.flush()
    audit.append(
        session,
        at=now,
        actor_id=reviewer_id,
        action="recovery_code_used",
        subject=f"reviewer:{reviewer_id}",
        details={"codes_left": left(session, reviewer_id)},
    )
    return True
