"""The report recorder: the event loop hands each report to a process of its own, which group-commits them.

Why a process and not a thread: a thread recording reports ran its Python (SQLAlchemy, the driver)
only when the busy event loop let go of the GIL, so a group of 16 reports took 6 ms instead of 1 ms
and the loop sat idle waiting for receipts (docs/performance.md). The process
(kua.intake.recorder_process) has its own interpreter; the loop only writes a frame per report and
reads a frame of outcomes per group, never blocking.

A receipt still goes out only after the commit: the future of a report is resolved by the outcome
the process sends after committing it. If the process dies, every report waiting is answered "not
confirmed" (503; the phone sends it again, and one stored meanwhile is not stored twice) and the next
report starts a new process.
"""

import asyncio
import itertools
import logging
import socket
import subprocess  # (starts our own recorder process, a fixed command line)  # nosec B404
import sys
import time
from collections.abc import Callable
from typing import cast

from kua.intake.errors import RecordingFailedError, ReportConflictError
from kua.intake.group_commit import Outcome, PendingReport, Refusal
from kua.intake.receipts import Submission
from kua.intake.recorder_wire import FrameReader, answers_of, frame, outcome_of, pending_frame

logger = logging.getLogger("kua.recorder")

RESTART_SECONDS = 1.0  # a process that keeps dying is started again at most this often
STOP_SECONDS = 30.0


class ReportRecorder:
    """Records reports through the recorder process; see the module docstring."""

    def __init__(self, database_url: str, on_commit: Callable[[], None] | None = None) -> None:
        self._database_url = database_url
        self._on_commit = on_commit  # told (without waiting) that new reports were committed: the push sender
        self._jobs = itertools.count()
        self._link: asyncio.Task[_Link] | None = None
        self._last_start = float("-inf")

    @property
    def process_id(self) -> int | None:
        """The running recorder process's id, if there is one."""
        task = self._link
        if task is None or _failed(task) or not task.done():
            return None
        return task.result().process_id

    @property
    def unanswered(self) -> int:
        """Reports written to the running process and not answered yet (what a test can wait for)."""
        task = self._link
        if task is None or _failed(task) or not task.done():
            return 0
        return task.result().unanswered

    async def start(self) -> None:
        """Start the process now rather than at the first report (which would wait for its start-up)."""
        await self._ready_link()

    async def record(self, pending: PendingReport) -> Submission:
        """The submission once its row is committed (or the original's, for a retry)."""
        link = await self._ready_link()
        outcome = await link.submit(next(self._jobs), pending)
        if outcome is Refusal.CONFLICT:
            raise ReportConflictError()
        if outcome is Refusal.FAILED:
            raise RecordingFailedError()
        return outcome

    async def aclose(self) -> None:
        """Let the process finish what it holds, then end it."""
        if self._link is not None and self._link.done() and not self._link.cancelled() and not self._link.exception():
            await self._link.result().close()
        self._link = None

    async def _ready_link(self) -> "_Link":
        loop = asyncio.get_running_loop()
        task = self._link
        if task is None or task.get_loop() is not loop or _failed(task):
            if task is not None and task.get_loop() is not loop and task.done() and not _failed(task):
                task.result().abandon()  # started on another event loop (a test client's): not usable here
            task = self._link = loop.create_task(self._start())
        return await asyncio.shield(task)

    async def _start(self) -> "_Link":
        await asyncio.sleep(max(0.0, self._last_start + RESTART_SECONDS - time.monotonic()))
        self._last_start = time.monotonic()
        ours, theirs = socket.socketpair()
        with theirs:
            process = subprocess.Popen(  # noqa: S603 (our own interpreter and module, no shell, no input)  # nosec B603
                [sys.executable, "-m", "kua.intake.recorder_process", str(theirs.fileno())],
                pass_fds=[theirs.fileno()],
            )
        ours.sendall(frame(self._database_url.encode()))
        loop = asyncio.get_running_loop()
        transport, link = await loop.create_unix_connection(lambda: _Link(process, self._on_commit), sock=ours)
        link.connection_made(transport)  # uvloop may call it only after returning: the link must be usable now
        return link


def _failed(task: "asyncio.Task[_Link]") -> bool:
    if not task.done():
        return False
    return task.cancelled() or task.exception() is not None or task.result().lost


class _Link(asyncio.Protocol):
    """The socket to one recorder process: a frame out per report, a frame in per group.

    Frames written in one turn of the event loop go out in one write: under load, one system call
    carries the reports of every request that reached this point meanwhile.
    """

    def __init__(self, process: "subprocess.Popen[bytes]", on_commit: Callable[[], None] | None) -> None:
        self._process = process
        self._on_commit = on_commit
        self._frames = FrameReader()
        self._waiting: dict[int, tuple[asyncio.Future[Outcome], PendingReport]] = {}
        self._outgoing: list[bytes] = []
        self._transport: asyncio.Transport | None = None
        self._closed: asyncio.Future[None] | None = None
        self._closing = False
        self.lost = False

    @property
    def process_id(self) -> int:
        return self._process.pid

    @property
    def unanswered(self) -> int:
        return len(self._waiting) - len(self._outgoing)

    def submit(self, job: int, pending: PendingReport) -> "asyncio.Future[Outcome]":
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Outcome] = loop.create_future()
        if self.lost or self._closing:  # the process ended (or is ending) since this link was handed out
            future.set_result(Refusal.FAILED)
            return future
        self._waiting[job] = (future, pending)
        if not self._outgoing:
            loop.call_soon(self._flush)
        self._outgoing.append(pending_frame(job, pending))
        return future

    def _flush(self) -> None:
        if self._outgoing and self._transport is not None and not self.lost:
            self._transport.write(b"".join(self._outgoing))
        self._outgoing.clear()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        if self._transport is None:
            self._transport = cast(asyncio.Transport, transport)  # a socket's transport (uvloop's is no subclass)
            self._closed = asyncio.get_running_loop().create_future()

    def data_received(self, data: bytes) -> None:
        created = False
        for payload in self._frames.feed(data):
            for answer in answers_of(payload):
                future, pending = self._waiting.pop(answer[0])
                outcome = outcome_of(answer, pending)
                if not future.done():  # not cancelled meanwhile
                    future.set_result(outcome)
                created = created or (isinstance(outcome, Submission) and outcome.created)
        if created and self._on_commit is not None:
            self._on_commit()

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = True
        if not self._closing:
            logger.error(
                "The recorder process ended (%d reports unconfirmed); the next report starts another.",
                len(self._waiting),
            )
        for future, _pending in self._waiting.values():
            if not future.done():
                future.set_result(Refusal.FAILED)
        self._waiting.clear()
        if self._closed is not None and not self._closed.done():
            self._closed.set_result(None)
        if self._process.poll() is None and exc is not None:
            self._process.kill()  # the socket broke while the process lives: it cannot be reached again

    async def close(self) -> None:
        """Send the end, let the process answer every report it holds and exit; kill it if it does not."""
        self._closing = True
        if self._transport is not None and not self.lost:
            self._flush()
            self._transport.write_eof()  # half-closed: the answers still come back
        try:
            if self._closed is not None:
                await asyncio.wait_for(asyncio.shield(self._closed), STOP_SECONDS)
            await asyncio.to_thread(self._process.wait, STOP_SECONDS)
        except (TimeoutError, subprocess.TimeoutExpired):
            logger.error("The recorder process did not end within %.0f s; killed.", STOP_SECONDS)
            self._process.kill()
        if self._transport is not None:
            self._transport.close()

    def abandon(self) -> None:
        """Stop the process without its event loop (which has ended)."""
        self.lost = True
        self._process.kill()
        self._process.wait(timeout=STOP_SECONDS)
