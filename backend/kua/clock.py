"""The time, in one place, so tests can replace it (the only fake Kua's tests allow besides push services)."""

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)
