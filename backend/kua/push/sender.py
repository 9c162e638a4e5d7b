"""The push sender: one background thread that queues and leases pushes, and a few workers that POST them.

Each round (every POLL_SECONDS, or sooner when woken: the report recorder wakes it after each
commit; never closer than ROUND_GAP_SECONDS) announces new reports to reviewers (kua.push.queue),
then leases as many due pushes as there are idle workers. A worker sends one with pywebpush
(RFC 8291 aes128gcm, VAPID, a TTL, an Urgency) and settles it in its own short transaction:

- 201/202: delivered, the message is deleted;
- 404/410: the subscription is gone, deleted with its messages;
- no answer, a timeout, 408, 429 or 5xx: tried again after an exponential backoff with jitter
  (capped at an hour, at least Retry-After), until its TTL has passed;
- any other refusal: the message is dropped.

Nothing here runs on a request's path, and logs never name an endpoint or a report.
"""

import logging
import queue
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

import requests
from py_vapid import Vapid02
from pywebpush import WebPushException, webpush
from sqlalchemy import Engine

from kua.config import Settings
from kua.db.session import transaction
from kua.push import payload
from kua.push import queue as push_queue
from kua.push.endpoints import EndpointPolicy, resolves_publicly
from kua.push.vapid import VapidKey

logger = logging.getLogger(__name__)

POLL_SECONDS = 2.0
# Rounds are at least this far apart, however often the recorder wakes the sender: under a stream
# of reports a round per group commit doubled the database work of ingest (and its GIL hand-offs),
# while a push is a hint that may well come half a second later.
ROUND_GAP_SECONDS = 0.5
WORKERS = 4
RETRY_BASE_SECONDS = 5.0
RETRY_CAP_SECONDS = 3600.0
LEASE_MARGIN = timedelta(seconds=5)
_RETRIED_STATUSES = frozenset({408, 425, 429})

Outcome = Literal["delivered", "gone", "retry", "refused"]


@dataclass(frozen=True)
class SenderSettings:
    contact: str
    reviewer_ttl: timedelta
    reporter_ttl: timedelta
    timeout: float
    policy: EndpointPolicy

    @classmethod
    def of(cls, settings: Settings) -> "SenderSettings":
        return cls(
            contact=settings.push_contact,
            reviewer_ttl=timedelta(seconds=settings.push_reviewer_ttl_seconds),
            reporter_ttl=timedelta(seconds=settings.push_reporter_ttl_seconds),
            timeout=settings.push_timeout_seconds,
            policy=endpoint_policy(settings),
        )


def endpoint_policy(settings: Settings) -> EndpointPolicy:
    return EndpointPolicy(tuple(settings.push_service_hosts), allow_loopback=settings.push_allow_loopback)


@dataclass(frozen=True)
class _Answer:
    outcome: Outcome
    status: int | None = None
    retry_after: float = 0.0


class PushSender:
    """Sends queued pushes in the background; `start` in the app's lifespan, `close` at shutdown."""

    def __init__(
        self, engine: Engine, config: SenderSettings, key: VapidKey | None, clock: Callable[[], datetime]
    ) -> None:
        self._engine = engine
        self._config = config
        self._vapid = Vapid02(private_key=key.private_key) if key is not None else None
        self._clock = clock
        self._wakeup = threading.Event()
        self._stopping = threading.Event()
        self._jobs: queue.Queue[push_queue.Due | None] = queue.Queue()
        self._in_flight = 0
        self._lock = threading.Lock()
        self._local = threading.local()
        self._threads: list[threading.Thread] = []
        self._marked = False
        self._problem: str | None = None  # the last failure logged, so that a lasting one is logged once

    def start(self) -> None:
        """Set the announcement mark if the database has none, then start the threads (without a key: nothing)."""
        if self._vapid is None:
            return
        try:
            self._mark()
        except Exception as error:  # an unmigrated database: /readyz says so; the rounds try again
            self._log_problem(error)
        self._threads = [threading.Thread(target=self._run, name="push-sender", daemon=True)]
        self._threads += [
            threading.Thread(target=self._work, name=f"push-worker-{n}", daemon=True) for n in range(WORKERS)
        ]
        for thread in self._threads:
            thread.start()

    def wake(self) -> None:
        """Start a round now (never blocks: the report recorder calls it after each commit)."""
        self._wakeup.set()

    def close(self) -> None:
        """Stop; a push still waiting for a push service is left to its lease (sent again after a restart)."""
        self._stopping.set()
        self._wakeup.set()
        for _worker in range(WORKERS):
            self._jobs.put(None)
        for thread in self._threads:
            thread.join(timeout=1)

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wakeup.clear()
            try:
                self._round()
                self._problem = None
            except Exception as error:  # the database is away for a moment: try again next round
                self._log_problem(error)
            if self._stopping.wait(ROUND_GAP_SECONDS):
                break
            self._wakeup.wait(POLL_SECONDS - ROUND_GAP_SECONDS)

    def _log_problem(self, error: Exception) -> None:
        if type(error).__name__ != self._problem:
            self._problem = type(error).__name__
            logger.warning("The push sender cannot use the database (%s); it keeps trying.", self._problem)

    def _mark(self) -> None:
        if not self._marked:
            with transaction(self._engine) as session:
                push_queue.set_mark_if_missing(session)
            self._marked = True

    def _round(self) -> None:
        self._mark()
        now = self._clock()
        with transaction(self._engine) as session:
            push_queue.announce_new_reports(session, now=now)
        with self._lock:
            idle = WORKERS - self._in_flight
        if idle <= 0:
            return
        lease = timedelta(seconds=self._config.timeout) + LEASE_MARGIN
        with transaction(self._engine) as session:
            claimed = push_queue.claim_due(session, now=now, limit=idle, lease=lease)
        with self._lock:
            self._in_flight += len(claimed)
        for due in claimed:
            self._jobs.put(due)

    def _work(self) -> None:
        while (due := self._jobs.get()) is not None:
            try:
                self._deliver(due)
            except Exception as error:
                logger.warning("A push could not be settled (%s); it is sent again later.", type(error).__name__)
            finally:
                with self._lock:
                    self._in_flight -= 1
                self._wakeup.set()

    def _deliver(self, due: push_queue.Due) -> None:
        ttl = (self._config.reviewer_ttl if due.for_reviewer else self._config.reporter_ttl) - (
            self._clock() - due.created_at
        )
        answer = _Answer("refused") if ttl.total_seconds() < 1 else self._post(due, int(ttl.total_seconds()))
        now = self._clock()
        with transaction(self._engine) as session:
            if answer.outcome == "delivered":
                push_queue.delivered(session, due, now=now)
            elif answer.outcome == "gone":
                push_queue.subscription_gone(session, due)
            elif answer.outcome == "retry" and (wait := _backoff(due.attempts, answer.retry_after)) < ttl:
                push_queue.retry_at(session, due, at=now + wait)
            else:
                push_queue.drop(session, due)
        if answer.outcome != "delivered":
            shown = f"HTTP {answer.status}" if answer.status else "no answer"
            logger.info("A push was not delivered (%s): %s.", shown, _EFFECT[answer.outcome])

    def _post(self, due: push_queue.Due, ttl_seconds: int) -> _Answer:
        if not self._config.policy.allows_loopback(due.endpoint) and not resolves_publicly(due.endpoint):
            return _Answer("retry")  # DNS failed, or names a private address now: never POST there
        try:
            webpush(
                subscription_info={"endpoint": due.endpoint, "keys": {"p256dh": due.p256dh, "auth": due.auth}},
                data=payload.ACTIVITY,
                vapid_private_key=self._vapid,
                vapid_claims={"sub": self._config.contact},  # a fresh dict: webpush adds aud and exp to it
                ttl=ttl_seconds,
                headers={"Urgency": due.urgency},
                timeout=self._config.timeout,
                requests_session=self._session(),
            )
        except WebPushException as error:
            status = error.response.status_code if error.response is not None else None
            return _answer_of(status, error.response)
        except requests.RequestException:
            return _Answer("retry")
        return _Answer("delivered", 201)

    def _session(self) -> requests.Session:
        """One HTTP session per worker thread; it follows no redirect (a push service never needs one)."""
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.max_redirects = 0
            self._local.session = session
        return session


_EFFECT: dict[Outcome, str] = {
    "delivered": "delivered",
    "gone": "the subscription is gone and was deleted",
    "retry": "it will be tried again",
    "refused": "it was given up",
}


def _answer_of(status: int | None, response: requests.Response | None) -> _Answer:
    if status in (404, 410):
        return _Answer("gone", status)
    if status is None or status >= 500 or status in _RETRIED_STATUSES:
        retry_after = (response.headers.get("Retry-After") or "") if response is not None else ""
        return _Answer("retry", status, float(retry_after) if retry_after.isdigit() else 0.0)
    return _Answer("refused", status)


def _backoff(attempts: int, retry_after: float) -> timedelta:
    """Exponential backoff from RETRY_BASE_SECONDS, capped at an hour, with jitter; at least `retry_after`."""
    ceiling = min(RETRY_CAP_SECONDS, RETRY_BASE_SECONDS * 2**attempts)
    return timedelta(seconds=max(retry_after, random.uniform(ceiling / 2, ceiling)))  # noqa: S311 (jitter, not a secret)  # nosec B311
