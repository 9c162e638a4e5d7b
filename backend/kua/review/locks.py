"""Serialising transactions that read before they write: the audit chain's tail, a report's status,
a reviewer's failure count.

On PostgreSQL, a transaction-scoped advisory lock per key. SQLite has one write lock for the whole
database, and pysqlite takes it only at the first write statement (reads before it run outside the
transaction and may be stale by then), so a write that changes nothing takes it up front.
"""

import hashlib

from sqlalchemy import text
from sqlmodel import Session

_TAKE_SQLITE_WRITE_LOCK = text("UPDATE audit_entry SET seq = seq WHERE 1 = 0")


def key_of(kind: str, value: object) -> int:
    """An advisory lock key (a signed 64-bit integer) for one thing; a collision only serialises more."""
    digest = hashlib.sha256(f"{kind}:{value}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def serialize(session: Session, key: int) -> None:
    """Wait until no other transaction holds `key`, and hold it until this one ends.

    Take it before reading what the transaction will change; take several in the same order
    everywhere (the audit log's last, since every action ends by appending to it).
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    else:
        session.execute(_TAKE_SQLITE_WRITE_LOCK)
