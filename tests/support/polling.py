"""Waiting in tests: poll something observable until it holds, never sleep a fixed time and hope.

    wait_until(lambda: staged(server, photo).stat().st_size > 100_000, timeout=10, what="a block on disk")
    (push,) = wait_until(lambda: service.delivered(path), timeout=20, what="a push")

A fixed sleep is either too short on a loaded machine (a flaky test) or too long everywhere else.
"""

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

INTERVAL = 0.05


def wait_until(predicate: Callable[[], T], *, timeout: float, what: str, interval: float = INTERVAL) -> T:
    """Call `predicate` until it returns something true, and return that; fail naming `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        if time.monotonic() > deadline:
            raise AssertionError(f"Waited {timeout:g} s for {what}.")
        time.sleep(interval)
    return value
