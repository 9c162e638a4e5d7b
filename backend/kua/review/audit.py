"""The audit log: one entry per reviewer action, appended in the action's own transaction.

Each entry's hash chains it to the one before:
`hash = SHA-256(previous hash || canonical JSON of {seq, at, actor_id, action, subject, details})`,
the first entry chaining from 32 zero bytes. Canonical JSON has sorted keys, no spaces and UTF-8
text; `at` is ISO 8601 UTC with microseconds (`2026-12-02T08:00:00.000000Z`). Changing, inserting or
removing a row breaks the chain from there on; `verify` finds the first broken entry. Entries hold
ids, never plaintext, an IP address or a user agent.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlmodel import Session, col, select

from kua.db.models import AuditEntry
from kua.review import locks

Action = Literal[
    "login",
    "login_failed",
    "logout",
    "invitation_accepted",
    "reviewer_recovered",
    "recovery_codes_issued",
    "recovery_code_used",
    "key_changed",
    "report_fetched",
    "attachment_fetched",
    "status_changed",
    "triage_changed",
    "note_added",
    "report_granted",
    "case_created",
    "case_linked",
    "people_map_saved",
    "draft_saved",
    "audit_viewed",
    "export",
    "question_asked",
    "message_fetched",
    "push_subscribed",
    "push_unsubscribed",
    # By an operator at the command line (no actor):
    "reviewer_invited",
    "reviewer_disabled",
    "reviewer_enabled",
    "reviewer_role_changed",
    "reviewer_recovery_started",
    "invitation_revoked",
]

GENESIS = bytes(32)
_LOCK = locks.key_of("audit", "chain")
_BATCH = 1000


def timestamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def canonical(
    *, seq: int, at: datetime, actor_id: uuid.UUID | None, action: str, subject: str, details: dict[str, Any]
) -> bytes:
    """The bytes an entry's hash covers."""
    fields = {
        "seq": seq,
        "at": timestamp(at),
        "actor_id": str(actor_id) if actor_id else None,
        "action": action,
        "subject": subject,
        "details": details,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def chained(previous_hash: str | None, entry_bytes: bytes) -> str:
    previous = bytes.fromhex(previous_hash) if previous_hash else GENESIS
    return hashlib.sha256(previous + entry_bytes).hexdigest()


def append(
    session: Session,
    *,
    at: datetime,
    actor_id: uuid.UUID | None,
    action: Action,
    subject: str,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an entry in the caller's transaction: it is committed with the action, or not at all."""
    details = details or {}
    locks.serialize(session, _LOCK)  # one writer at a time reads the tail and appends after it
    last = session.exec(select(AuditEntry.seq, AuditEntry.hash).order_by(col(AuditEntry.seq).desc()).limit(1)).first()
    seq = last[0] + 1 if last else 1
    entry_bytes = canonical(seq=seq, at=at, actor_id=actor_id, action=action, subject=subject, details=details)
    entry = AuditEntry(
        seq=seq,
        at=at,
        actor_id=actor_id,
        action=action,
        subject=subject,
        details=json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
        hash=chained(last[1] if last else None, entry_bytes),
    )
    session.add(entry)
    session.flush()
    return entry


def entries(session: Session, *, after: int, limit: int) -> list[AuditEntry]:
    """Entries with a sequence number above `after`, oldest first."""
    query = select(AuditEntry).where(col(AuditEntry.seq) > after).order_by(col(AuditEntry.seq)).limit(limit)
    return list(session.exec(query).all())


@dataclass(frozen=True)
class Verification:
    """The outcome of `verify`: how many entries held, the last good hash, the first broken entry if any."""

    count: int
    last_hash: str | None
    broken_seq: int | None = None
    reason: str | None = None

    @property
    def intact(self) -> bool:
        return self.broken_seq is None


def verify(session: Session) -> Verification:
    """Recompute the chain from the first entry; stop at the first entry that does not match."""
    count, previous, expected_seq = 0, None, 1
    while True:
        batch = entries(session, after=expected_seq - 1, limit=_BATCH)
        if not batch:
            return Verification(count=count, last_hash=previous)
        for entry in batch:
            problem = _problem(entry, expected_seq, previous)
            if problem is not None:
                return Verification(count=count, last_hash=previous, broken_seq=entry.seq, reason=problem)
            count, previous, expected_seq = count + 1, entry.hash, entry.seq + 1


def _problem(entry: AuditEntry, expected_seq: int, previous: str | None) -> str | None:
    if entry.seq != expected_seq:
        return f"entry {expected_seq} is missing"
    try:
        details = json.loads(entry.details)
    except json.JSONDecodeError:
        return "its details are not JSON"
    if not isinstance(details, dict):
        return "its details are not a JSON object"
    entry_bytes = canonical(
        seq=entry.seq,
        at=entry.at,
        actor_id=entry.actor_id,
        action=entry.action,
        subject=entry.subject,
        details=details,
    )
    if chained(previous, entry_bytes) != entry.hash:
        return "its hash does not match its contents and the entry before it"
    return None
