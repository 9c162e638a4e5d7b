"""A clock that tests move by hand: the only fake Kua's tests allow (besides outside push services)."""

from datetime import datetime, timedelta


class FakeClock:
    """Call it for the time, as `kua.clock.utc_now`; `advance(seconds=...)` moves it."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("A fake clock needs an aware datetime, as the real one returns.")
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
