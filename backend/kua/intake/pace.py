"""How slowly a request body may arrive: a minimum average rate after a grace period, and a stall limit.

A body that trickles in (one byte every 40 seconds, issue 16) holds a connection, a task and, for a tus
PATCH, its upload, for as long as the sender likes. So every sealed body (reports, answers, notes) and
every tus PATCH must keep, from its first byte on, an average of `min_bytes_per_second` once
`grace_seconds` have passed, and may never go `stall_seconds` without a byte. In other words the next
chunk is due by `start + grace + received / rate` (and within the stall limit): one timeout per chunk,
no timer of its own.

The defaults (docs/intake.md#bounded-connections): 30 s of grace covers a phone's radio waking up and
a TCP retransmission or two; 512 bytes a second (4 kbit/s) is below a poor GPRS link (20-40 kbit/s), so
an honest phone is never cut off, while holding one connection costs an attacker that much bandwidth
for as long as it holds it. A report of 8 KB must arrive within 46 s, one of 2 MiB within 69 minutes.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Pace:
    grace_seconds: float
    min_bytes_per_second: float
    stall_seconds: float

    def next_deadline(self, *, started: float, received: int, now: float) -> tuple[float, bool]:
        """When the next chunk is due (on the clock of `started` and `now`), and whether that deadline is the
        minimum rate's (True) or the stall limit's (False)."""
        floor = started + self.grace_seconds + received / self.min_bytes_per_second
        stall = now + self.stall_seconds
        return (floor, True) if floor < stall else (stall, False)
