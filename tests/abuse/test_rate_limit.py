"""The rate limiter's counting, with a fake clock: bursts, refill, independent clients, the daily key, the cap."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from kua.abuse.rate_limit import RateLimiter
from tests.support.clock import FakeClock

PHONE_A = "198.51.100.7"
PHONE_B = "203.0.113.9"
ALMATY = timezone(timedelta(hours=5))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 14, 10, 0, tzinfo=UTC))


def test_a_burst_is_allowed_then_refused_with_the_seconds_to_wait(clock: FakeClock) -> None:
    limiter = RateLimiter(per_minute=6, burst=3, clock=clock)  # one token every 10 seconds
    assert [limiter.admit(PHONE_A).allowed for _ in range(3)] == [True, True, True]
    refused = limiter.admit(PHONE_A)
    assert not refused.allowed
    assert refused.retry_after == 10


def test_tokens_come_back_over_time_but_never_beyond_the_burst(clock: FakeClock) -> None:
    limiter = RateLimiter(per_minute=60, burst=2, clock=clock)  # one token a second
    limiter.admit(PHONE_A)
    limiter.admit(PHONE_A)
    clock.advance(seconds=0.5)
    assert limiter.admit(PHONE_A).retry_after == 1
    clock.advance(seconds=0.5)
    assert limiter.admit(PHONE_A).allowed
    assert not limiter.admit(PHONE_A).allowed
    clock.advance(minutes=10)
    assert [limiter.admit(PHONE_A).allowed for _ in range(3)] == [True, True, False]


def test_two_phones_are_limited_independently(clock: FakeClock) -> None:
    limiter = RateLimiter(per_minute=1, burst=2, clock=clock)
    for _ in range(2):
        limiter.admit(PHONE_A)
    assert not limiter.admit(PHONE_A).allowed
    assert limiter.admit(PHONE_B).allowed
    assert not limiter.admit(PHONE_A).allowed


def test_one_ipv6_network_counts_as_one_client(clock: FakeClock) -> None:
    # A home or a phone is given a whole /64 and may use any address in it.
    limiter = RateLimiter(per_minute=1, burst=1, clock=clock)
    assert limiter.admit("2001:db8:1:2::1").allowed
    assert not limiter.admit("2001:db8:1:2:ffff:ffff:ffff:9").allowed
    assert limiter.admit("2001:db8:1:3::1").allowed
    assert limiter.admit(PHONE_A).allowed
    assert not limiter.admit(f"::ffff:{PHONE_A}").allowed  # the same IPv4 client, written as IPv6


def test_at_utc_midnight_the_key_changes_and_every_bucket_is_dropped() -> None:
    clock = FakeClock(datetime(2026, 3, 14, 23, 59, 59, tzinfo=UTC))
    limiter = RateLimiter(per_minute=1, burst=1, clock=clock)
    # Given a phone that spent its budget just before midnight
    limiter.admit(PHONE_A)
    assert not limiter.admit(PHONE_A).allowed
    yesterdays = limiter.pseudonym(PHONE_A)
    # When the UTC date changes
    clock.advance(seconds=1)
    todays = limiter.pseudonym(PHONE_A)
    # Then nothing of yesterday is left, and the same address has another pseudonym
    assert len(limiter) == 0
    assert todays != yesterdays
    assert limiter.admit(PHONE_A).allowed
    assert limiter.pseudonym(PHONE_A) == todays  # stable for the rest of the day


def test_the_day_ends_at_utc_midnight_not_at_local_midnight() -> None:
    clock = FakeClock(datetime(2026, 3, 14, 23, 30, tzinfo=ALMATY))  # 18:30 UTC
    limiter = RateLimiter(per_minute=1, burst=1, clock=clock)
    before = limiter.pseudonym(PHONE_A)
    clock.advance(minutes=31)  # midnight in Almaty, still the 14th in UTC
    assert limiter.pseudonym(PHONE_A) == before
    clock.advance(hours=5)  # past midnight in UTC
    assert limiter.pseudonym(PHONE_A) != before


def test_the_pseudonym_depends_on_a_random_key_held_by_one_limiter_only(clock: FakeClock) -> None:
    one = RateLimiter(per_minute=1, burst=1, clock=clock)
    other = RateLimiter(per_minute=1, burst=1, clock=clock)
    assert one.pseudonym(PHONE_A) == one.pseudonym(PHONE_A)
    assert one.pseudonym(PHONE_A) != other.pseudonym(PHONE_A)
    assert len(one.pseudonym(PHONE_A)) == 32  # HMAC-SHA256
    assert "key" not in repr(one)


def test_the_number_of_buckets_is_capped(clock: FakeClock) -> None:
    limiter = RateLimiter(per_minute=1, burst=5, max_buckets=100, clock=clock)
    for n in range(1000):
        limiter.admit(f"10.0.{n // 256}.{n % 256}")
        assert len(limiter) <= 100
    assert len(limiter) == 100


def test_a_phone_being_limited_keeps_its_bucket_while_others_come_and_go(clock: FakeClock) -> None:
    limiter = RateLimiter(per_minute=1, burst=1, max_buckets=3, clock=clock)
    limiter.admit(PHONE_A)
    limiter.admit("192.0.2.1")
    limiter.admit("192.0.2.2")
    assert not limiter.admit(PHONE_A).allowed  # now the most recently used
    limiter.admit("192.0.2.3")  # evicts the least recently used, 192.0.2.1
    assert len(limiter) == 3
    assert not limiter.admit(PHONE_A).allowed


def test_full_buckets_are_dropped_first_so_memory_follows_active_clients(clock: FakeClock) -> None:
    limiter = RateLimiter(per_minute=60, burst=2, clock=clock)
    limiter.admit(PHONE_A)
    clock.advance(seconds=5)  # PHONE_A's bucket is full again: it says nothing a new one would not
    limiter.admit(PHONE_B)
    assert len(limiter) == 1


def test_a_clock_set_back_refills_nothing(clock: FakeClock) -> None:
    limiter = RateLimiter(per_minute=60, burst=1, clock=clock)
    limiter.admit(PHONE_A)
    clock.advance(seconds=-30)
    assert not limiter.admit(PHONE_A).allowed
    clock.advance(seconds=30.5)
    assert not limiter.admit(PHONE_A).allowed
    clock.advance(seconds=0.5)
    assert limiter.admit(PHONE_A).allowed


@pytest.mark.parametrize(("per_minute", "burst", "max_buckets"), [(0, 1, 1), (1, 0, 1), (1, 1, 0)])
def test_limits_must_be_positive(per_minute: int, burst: int, max_buckets: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        RateLimiter(per_minute=per_minute, burst=burst, max_buckets=max_buckets)
