"""Token buckets keyed by a daily pseudonym of the client's address, never by the address itself.

An address becomes HMAC-SHA256(key of the day, address). The key is random, lives only in this
process's memory (never written, never logged) and is replaced when the UTC date changes, which also
drops every bucket: yesterday's pseudonyms cannot be linked to an address, not even by this server,
and a restart forgets everything.

Each pseudonym has a token bucket holding at most `burst` tokens and refilled at `per_minute` a
minute; a request spends one token, and without one it is refused with the seconds until the next.
IPv6 addresses count by their /64 network, since one home or phone is given a whole /64. The number
of buckets is capped: full buckets are dropped first (a missing bucket starts full, so nothing is
lost), then the least recently used.
"""

import hashlib
import hmac
import ipaddress
import math
import secrets
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from kua.clock import utc_now

MAX_BUCKETS = 100_000  # about 25 MB at most
DAILY_KEY_BYTES = 32


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    retry_after: int = 0  # whole seconds until one more request would be allowed
    pseudonym: bytes = b""  # the client's pseudonym of the day (kua.api.client_address.client_pseudonym)


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float  # POSIX seconds


class RateLimiter:
    """Per-client request budgets; the `clock` is injectable so tests can move time (see the module docstring)."""

    def __init__(
        self, *, per_minute: int, burst: int, max_buckets: int = MAX_BUCKETS, clock: Callable[[], datetime] = utc_now
    ) -> None:
        if per_minute <= 0 or burst <= 0 or max_buckets <= 0:
            raise ValueError("per_minute, burst and max_buckets must be positive.")
        self.per_second = per_minute / 60
        self.burst = burst
        self.max_buckets = max_buckets
        self._clock = clock
        self._day: date | None = None
        self._daily_key = b""
        self._buckets: OrderedDict[bytes, _Bucket] = OrderedDict()  # least recently used first

    def __repr__(self) -> str:  # never the key
        return f"RateLimiter(per_second={self.per_second:g}, burst={self.burst}, buckets={len(self._buckets)})"

    def __len__(self) -> int:
        """The number of buckets held now."""
        return len(self._buckets)

    def admit(self, address: str) -> Decision:
        """Spend one token of the address's bucket, or refuse and say how long to wait."""
        now = self._clock()
        pseudonym = self._pseudonym_at(now, address)
        moment = now.timestamp()
        bucket = self._buckets.get(pseudonym)
        if bucket is None:
            self._make_room(moment)
            bucket = self._buckets[pseudonym] = _Bucket(tokens=self.burst, updated=moment)
        else:
            self._buckets.move_to_end(pseudonym)
            self._refill(bucket, moment)
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return Decision(allowed=True, pseudonym=pseudonym)
        wait = max(1, math.ceil((1 - bucket.tokens) / self.per_second))
        return Decision(allowed=False, retry_after=wait, pseudonym=pseudonym)

    def pseudonym(self, address: str) -> bytes:
        """HMAC-SHA256 of the address under today's key: what the buckets are keyed by."""
        return self._pseudonym_at(self._clock(), address)

    def _pseudonym_at(self, now: datetime, address: str) -> bytes:
        today = now.astimezone(UTC).date()
        if today != self._day:
            self._day = today
            self._daily_key = secrets.token_bytes(DAILY_KEY_BYTES)
            self._buckets.clear()
        return hmac.new(self._daily_key, _client_id(address), hashlib.sha256).digest()

    def _refill(self, bucket: _Bucket, moment: float) -> None:
        elapsed = max(0.0, moment - bucket.updated)  # a clock set back refills nothing
        bucket.tokens = min(self.burst, bucket.tokens + elapsed * self.per_second)
        bucket.updated = max(bucket.updated, moment)

    def _make_room(self, moment: float) -> None:
        """Room for one more bucket: drop full buckets from the old end, then the least recently used."""
        while self._buckets:
            oldest = next(iter(self._buckets.values()))
            if oldest.tokens + (moment - oldest.updated) * self.per_second < self.burst:
                break
            self._buckets.popitem(last=False)
        while len(self._buckets) >= self.max_buckets:
            self._buckets.popitem(last=False)


def _client_id(address: str) -> bytes:
    """What one client is: an IPv4 address, an IPv6 /64 network, or (not an IP) the text itself."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return b"s" + address.encode("utf-8", "surrogateescape")
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return b"4" + ip.ipv4_mapped.packed
        return b"6" + ip.packed[:8]
    return b"4" + ip.packed
