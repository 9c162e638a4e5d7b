"""The two factors of a reviewer's sign-in: an Argon2id password and a TOTP code accepted once.

Argon2id with argon2-cffi's RFC 9106 low-memory profile (64 MiB, 3 passes, 4 lanes). TOTP as every
authenticator app computes it (RFC 6238: SHA-1, 6 digits, 30 s), a step either side of now accepted
for clock drift; a code is accepted only for a time step newer than the last one accepted.

Each hash or verification takes 64 MiB while it runs, and sign-ins run in a thread pool (40 threads):
a flood of sign-ins from many addresses would need 2.5 GiB. At most ARGON2_AT_ONCE run at once; the
others wait for a turn without their 64 MiB (two cores gain nothing from more).
"""

import hmac
import re
import secrets
import threading
from datetime import datetime
from functools import cache

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import RFC_9106_LOW_MEMORY

TOTP_ISSUER = "Kua"
TOTP_DRIFT_STEPS = 1
_CODE = re.compile(r"^[0-9]{6}$")
ARGON2_AT_ONCE = 4
_hasher = PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)
_argon2_turns = threading.BoundedSemaphore(ARGON2_AT_ONCE)


def hash_password(password: str) -> str:
    with _argon2_turns:
        return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        with _argon2_turns:
            return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _unmatchable_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(32))


def spend_a_verification(password: str) -> None:
    """Take as long as checking a real password, so an unknown name answers no faster than a known one."""
    password_matches(_unmatchable_hash(), password)


def new_totp_secret() -> str:
    """160 random bits in base32, as authenticator apps expect (RFC 4226 recommends 160)."""
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, name: str) -> str:
    """The `otpauth://` URI an authenticator app scans from a QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=TOTP_ISSUER)


def accepted_step(secret: str, code: str, now: datetime, last_step: int | None) -> int | None:
    """The time step `code` is valid for (now, or one step either side), if newer than `last_step`."""
    if not _CODE.match(code):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in range(current + TOTP_DRIFT_STEPS, current - TOTP_DRIFT_STEPS - 1, -1):
        if last_step is not None and step <= last_step:
            break
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None
