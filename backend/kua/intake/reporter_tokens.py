"""Reporter tokens: how a phone proves, without an account, that it sent a report.

When it seals a report the phone draws a token (32 random bytes, base64url without padding, 43
characters) and keeps it with the report's receipt; the PUT declares only its SHA-256
(`Kua-Reporter-Token-Sha256`). To read the report's status and follow-up questions, answer them, or
ask for pushes about it, the phone later shows the token itself. The server keeps the digest only,
so a copy of the database cannot speak for a phone.
"""

import hashlib
import hmac
import re
import uuid
from collections.abc import Iterable

from sqlmodel import Session, col, select

from kua.db.models import Report

TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
DIGEST = re.compile(r"^[0-9a-f]{64}$")


def digest(token: str) -> str:
    """The SHA-256 (hex) the phone declares for `token`."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def proven(session: Session, claims: Iterable[tuple[uuid.UUID, str]]) -> set[uuid.UUID]:
    """The report ids among `claims` (report id, token) whose token matches the stored digest.

    A report that is not stored, was sent without a token, or whose token differs is left out, with
    no way for the caller to tell which of these it was.
    """
    wanted = {report_id: token for report_id, token in claims if TOKEN.match(token)}
    if not wanted:
        return set()
    rows = session.exec(select(Report.id, Report.reporter_token_sha256).where(col(Report.id).in_(wanted)))
    return {
        report_id
        for report_id, stored in rows
        if stored is not None and hmac.compare_digest(stored, digest(wanted[report_id]))
    }
