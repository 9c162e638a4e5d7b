"""A flood of sign-ins runs at most ARGON2_AT_ONCE Argon2 computations (64 MiB each) at a time."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest
from argon2 import PasswordHasher

from kua.review import factors

T = TypeVar("T")


class CountingHasher:
    """Argon2 as it is, counting how many computations overlap."""

    def __init__(self, real: PasswordHasher) -> None:
        self.real = real
        self.lock = threading.Lock()
        self.running = 0
        self.most = 0

    def _counted(self, work: Callable[[], T]) -> T:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            return work()
        finally:
            with self.lock:
                self.running -= 1

    def hash(self, password: str) -> str:
        return self._counted(lambda: self.real.hash(password))

    def verify(self, password_hash: str, password: str) -> bool:
        return self._counted(lambda: self.real.verify(password_hash, password))


def test_forty_sign_ins_at_once_compute_at_most_four_hashes_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    counting = CountingHasher(PasswordHasher(memory_cost=8 * 1024, time_cost=1, parallelism=1))
    monkeypatch.setattr(factors, "_hasher", counting)
    stored = factors.hash_password("a passphrase nobody guesses")

    with ThreadPoolExecutor(max_workers=40) as pool:  # Starlette's thread pool for sync work
        answers = list(pool.map(lambda i: factors.password_matches(stored, f"guess {i}"), range(120)))

    assert answers == [False] * 120
    assert factors.password_matches(stored, "a passphrase nobody guesses")
    assert 1 < counting.most <= factors.ARGON2_AT_ONCE
