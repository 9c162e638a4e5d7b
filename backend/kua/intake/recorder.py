"""Group commit of report rows: one transaction, and so one fsync, for every report waiting.

Each commit waits for the disk; reports that arrive meanwhile queue up and go into the next
transaction together, so the rate of acknowledged reports is not bounded by one fsync each. A small
report's ciphertext is in its row, so that fsync covers its bytes too. One thread writes; on SQLite
it is also the only writer, so nobody waits on SQLite's lock. Rows go in with one executemany INSERT
per table (SQLAlchemy Core): the ORM's unit of work cost more CPU per report than the rest of ingest.
A group is inserted without first looking up its ids (nearly every report is new); only when that
fails on an id stored before (a phone's retry) does it look them up and insert the rest.
"""

import asyncio
import queue
import threading
import uuid
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

import kua.db.models  # noqa: F401  (registers the tables on the metadata)
from kua.db.base import metadata
from kua.db.session import transaction
from kua.intake.errors import ReportConflictError
from kua.intake.receipts import Receipt, Submission, select_receipts

MAX_GROUP = 256
_REPORT = metadata.tables["report"]
_ATTACHMENT = metadata.tables["report_attachment"]


@dataclass(frozen=True)
class PendingReport:
    """A report ready to be recorded: its ciphertext is in `ciphertext` (small) or fsynced under `blob_key`."""

    report_id: uuid.UUID
    sha256: str
    size: int
    attachment_ids: list[uuid.UUID]
    received_at: datetime
    ciphertext: bytes | None = None
    blob_key: str | None = None
    reporter_token_sha256: str | None = None
    happening_now: bool = False

    @property
    def receipt(self) -> Receipt:
        return Receipt(self.report_id, self.sha256, self.size, self.received_at)

    def row(self) -> dict[str, Any]:
        return {
            "id": self.report_id,
            "sha256": self.sha256,
            "size": self.size,
            "received_at": self.received_at,
            "blob_key": self.blob_key,
            "ciphertext": self.ciphertext,
            "reporter_token_sha256": self.reporter_token_sha256,
            "happening_now": self.happening_now,
        }

    def attachment_rows(self) -> list[dict[str, Any]]:
        return [
            {"report_id": self.report_id, "attachment_id": a, "position": i} for i, a in enumerate(self.attachment_ids)
        ]


_Outcome = Submission | Exception
_Job = tuple[PendingReport, asyncio.AbstractEventLoop, asyncio.Future[Submission]]


class ReportRecorder:
    """Records reports in the database from one thread, committing waiting reports together."""

    def __init__(self, engine: Engine, on_commit: Callable[[], None] | None = None) -> None:
        self._engine = engine
        self._on_commit = on_commit  # told (without waiting) that new reports were committed: the push sender
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="report-recorder", daemon=True)
        self._thread.start()

    async def record(self, pending: PendingReport) -> Submission:
        """The submission once its row is committed (or the original's, for a retry)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Submission] = loop.create_future()
        self._jobs.put((pending, loop, future))
        return await future

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while (first := self._jobs.get()) is not None:
            group = [first]
            while len(group) < MAX_GROUP:
                try:
                    job = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if job is None:
                    self._jobs.put(None)  # finish this group, then stop
                    break
                group.append(job)
            self._write_group(group)

    def _write_group(self, group: list[_Job]) -> None:
        try:
            outcomes = self._commit(group)
        except IntegrityError:
            # Another server process inserted one of these ids meanwhile: settle them one by one.
            outcomes = [self._commit_one(job) for job in group]
        except Exception as error:  # the database failed: every waiting request fails, nothing was acknowledged
            outcomes = [error] * len(group)
        if self._on_commit is not None and any(isinstance(o, Submission) and o.created for o in outcomes):
            self._on_commit()
        answers: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future[Submission], _Outcome]]] = {}
        for (_pending, loop, future), outcome in zip(group, outcomes, strict=True):
            answers.setdefault(loop, []).append((future, outcome))
        for loop, answered in answers.items():
            # One wake-up of the event loop for the whole group, not one per report.
            with suppress(RuntimeError):  # the loop is closed (the server stopped): nobody waits any more
                loop.call_soon_threadsafe(_answer, answered)

    def _commit(self, group: list[_Job]) -> list[_Outcome]:
        try:
            # Nearly every report is new: insert without looking first (one statement fewer per group).
            return self._insert(group, stored=[])
        except IntegrityError:
            # Some id was stored before (a phone retrying): look the group's ids up, then insert the rest.
            return self._insert(group, stored=None)

    def _insert(self, group: list[_Job], *, stored: list[Receipt] | None) -> list[_Outcome]:
        """Insert the group's new reports in one transaction; `stored=None` first reads which ids exist."""
        outcomes: list[_Outcome] = []
        reports: list[dict[str, Any]] = []
        attachments: list[dict[str, Any]] = []
        with transaction(self._engine) as session:
            if stored is None:
                ids = [pending.report_id for pending, _loop, _future in group]
                stored = [Receipt(*row) for row in session.execute(select_receipts(ids))]
            known = {receipt.report_id: receipt for receipt in stored}
            for pending, _loop, _future in group:
                existing = known.get(pending.report_id)
                if existing is not None:  # stored before, or earlier in this group
                    outcomes.append(_retry_of(existing, pending))
                    continue
                known[pending.report_id] = pending.receipt
                reports.append(pending.row())
                attachments += pending.attachment_rows()
                outcomes.append(Submission(pending.receipt, created=True))
            if reports:
                session.execute(insert(_REPORT), reports)
            if attachments:
                session.execute(insert(_ATTACHMENT), attachments)
        return outcomes

    def _commit_one(self, job: _Job) -> _Outcome:
        try:
            return self._commit([job])[0]
        except IntegrityError as error:
            with Session(self._engine) as session:
                row = session.execute(select_receipts([job[0].report_id])).first()
            return _retry_of(Receipt(*row), job[0]) if row is not None else error
        except Exception as error:
            return error


def _answer(answered: list[tuple[asyncio.Future[Submission], _Outcome]]) -> None:
    for future, outcome in answered:
        if future.done():  # the request was cancelled meanwhile
            continue
        if isinstance(outcome, Exception):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)


def _retry_of(existing: Receipt, pending: PendingReport) -> _Outcome:
    if existing.sha256 != pending.sha256:
        return ReportConflictError()
    return Submission(existing, created=False)
