"""The report recorder: reports go to a process of its own, which group-commits them.

On a real migrated SQLite and PostgreSQL database and a real recorder process: groups, retries and
conflicts; the recorder process killed with reports waiting (they fail with 503, nothing is lost,
the next report starts a new process); a server killed with `kill -9` leaves no recorder behind.
"""

import asyncio
import hashlib
import os
import signal
import uuid
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest
import sqlalchemy as sa

from kua.config import Settings
from kua.db import migrate
from kua.intake.errors import RecordingFailedError, ReportConflictError
from kua.intake.group_commit import PendingReport, Refusal
from kua.intake.receipts import Receipt, Submission
from kua.intake.recorder import ReportRecorder
from kua.intake.recorder_wire import FrameReader, answers_frame, answers_of, outcome_of, pending_frame, pending_of
from tests.intake.reporter import new_report_id, report_status, seal_report, send_report
from tests.intake.storage import database_at, report
from tests.support.polling import wait_until
from tests.support.server import RunningServer

MIGRATIONS = Settings.model_fields["migrations_dir"].get_default(call_default_factory=True)
T = TypeVar("T")


def _pending(ciphertext: bytes | None = b"age-encryption.org/v1\n sealed", **fields: object) -> PendingReport:
    values: dict[str, object] = {
        "report_id": uuid.uuid4(),
        "sha256": hashlib.sha256(ciphertext or b"in a blob").hexdigest(),
        "size": len(ciphertext or b"in a blob"),
        "attachment_ids": [],
        "received_at": datetime(2026, 11, 26, 12, 0, 0, 123456, tzinfo=UTC),
        "ciphertext": ciphertext,
    }
    return PendingReport(**{**values, **fields})  # type: ignore[arg-type]


def _run(scenario: Coroutine[object, object, T]) -> T:
    """Run `scenario` in a thread's own event loop (Playwright's keeps one running in the main thread)."""
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(asyncio.run, scenario).result()


# The wire


@pytest.mark.parametrize(
    "pending",
    [
        _pending(),
        _pending(attachment_ids=[uuid.uuid4(), uuid.uuid4()], reporter_token_sha256="a" * 64, happening_now=True),
        _pending(ciphertext=None, blob_key="reports/x.0123abcd"),
    ],
    ids=["in its row", "declared everything", "in a blob"],
)
def test_a_pending_report_crosses_the_wire_unchanged(pending: PendingReport) -> None:
    data = pending_frame(41, pending)
    reader = FrameReader()
    payloads = reader.feed(data[:5]) + reader.feed(data[5:])  # arriving in pieces
    assert [pending_of(p) for p in payloads] == [(41, pending)]


def test_every_outcome_crosses_the_wire() -> None:
    pending = _pending()
    earlier = Receipt(pending.report_id, "b" * 64, 99, datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC))
    outcomes = [Submission(pending.receipt, created=True), Submission(earlier, created=False), *Refusal]
    payload = FrameReader().feed(answers_frame(enumerate(outcomes)))[0]
    assert [outcome_of(answer, pending) for answer in answers_of(payload)] == outcomes


# The recorder and its process, on each database


@pytest.fixture
def migrated_url(database_url: str) -> str:
    migrate.upgrade(database_url, MIGRATIONS)
    return database_url


def _stored(url: str) -> dict[str, str]:
    with database_at(url) as connection:
        return {str(i): sha256 for i, sha256 in connection.execute(sa.select(report.c.id, report.c.sha256))}


def test_concurrent_reports_are_recorded_once_each(migrated_url: str) -> None:
    commits: list[int] = []

    async def scenario() -> list[Submission | BaseException]:
        recorder = ReportRecorder(migrated_url, on_commit=lambda: commits.append(1))
        await recorder.start()
        reports = [_pending(f"age-encryption.org/v1\n report {i}".encode()) for i in range(40)]
        retry = reports[0]
        other_bytes = _pending(report_id=reports[1].report_id, sha256="c" * 64)
        try:
            return await asyncio.gather(
                *(recorder.record(p) for p in [*reports, retry, other_bytes]), return_exceptions=True
            )
        finally:
            await recorder.aclose()

    outcomes = _run(scenario())
    created = outcomes[:40]
    assert all(isinstance(o, Submission) and o.created for o in created)
    retried = outcomes[40]
    assert isinstance(retried, Submission) and not retried.created
    assert retried.receipt == created[0].receipt  # type: ignore[union-attr]
    assert isinstance(outcomes[41], ReportConflictError)
    assert len(_stored(migrated_url)) == 40
    assert commits, "the push sender is told of new reports"


def test_reports_waiting_when_the_process_dies_fail_and_the_next_one_starts_it_again(migrated_url: str) -> None:
    async def scenario() -> tuple[list[Submission | BaseException], Submission, int, int]:
        recorder = ReportRecorder(migrated_url)
        await recorder.start()
        first_pid = recorder.process_id
        assert first_pid is not None
        os.kill(first_pid, signal.SIGSTOP)  # the process holds the reports without answering...
        waiting = [asyncio.ensure_future(recorder.record(_pending())) for _ in range(5)]
        async with asyncio.timeout(10):  # until the five frames reach the stopped process
            while recorder.unanswered < 5:
                await asyncio.sleep(0.01)
        os.kill(first_pid, signal.SIGKILL)  # ...and dies
        failed = await asyncio.gather(*waiting, return_exceptions=True)
        later = await recorder.record(_pending())
        second_pid = recorder.process_id
        await recorder.aclose()
        assert second_pid is not None
        return failed, later, first_pid, second_pid

    failed, later, first_pid, second_pid = _run(scenario())
    assert all(isinstance(f, RecordingFailedError) for f in failed)
    assert later.created and second_pid != first_pid
    assert list(_stored(migrated_url)) == [str(later.receipt.report_id)]


def test_closing_answers_every_report_sent_before(migrated_url: str) -> None:
    async def scenario() -> list[Submission]:
        recorder = ReportRecorder(migrated_url)
        await recorder.start()
        waiting = [asyncio.ensure_future(recorder.record(_pending())) for _ in range(20)]
        await asyncio.sleep(0)  # the frames are written; the answers have not come back yet
        await recorder.aclose()
        return await asyncio.gather(*waiting)

    submissions = _run(scenario())
    assert all(s.created for s in submissions)
    assert len(_stored(migrated_url)) == 20


# Through a real server


def _children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state == "Z"  # ended; only its parent (init, now) has not collected it yet


@pytest.mark.slow
def test_a_server_killed_with_kill_9_leaves_no_recorder_running(tmp_path: Path) -> None:
    with RunningServer(tmp_path / "data") as server:
        report_id, sealed = new_report_id(), seal_report("a report before the kill")
        assert send_report(server.base_url, report_id, sealed).status_code == 201
        (recorder_pid,) = _children(server.pid)
        server.kill()
        wait_until(lambda: _gone(recorder_pid), timeout=10, what="the recorder process to end with its server")
        server.restart()
        status = report_status(server.base_url, report_id).json()
        assert status["reports"][0]["stored"] is True
        assert send_report(server.base_url, new_report_id(), seal_report("after")).status_code == 201
