"""Group commit of report rows: one transaction, and so one fsync, for every report waiting.

Each commit waits for the disk; reports that arrive meanwhile queue up and go into the next
transaction together, so the rate of acknowledged reports is not bounded by one fsync each. One
thread writes; on SQLite it is also the only writer, so nobody waits on SQLite's lock.
"""

import asyncio
import queue
import threading
import uuid
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from kua.db.models import Report, ReportAttachment
from kua.db.session import transaction
from kua.intake.errors import ReportConflictError
from kua.intake.receipts import Receipt, Submission
from kua.storage.blobs import StoredBlob

MAX_GROUP = 256


@dataclass(frozen=True)
class PendingReport:
    report_id: uuid.UUID
    stored: StoredBlob
    attachment_ids: list[uuid.UUID]
    received_at: datetime

    def row(self) -> Report:
        return Report(
            id=self.report_id,
            sha256=self.stored.sha256,
            size=self.stored.size,
            received_at=self.received_at,
            blob_key=self.stored.key,
        )


_Job = tuple[PendingReport, "Future[Submission]"]


class ReportRecorder:
    """Records reports in the database from one thread, committing waiting reports together."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="report-recorder", daemon=True)
        self._thread.start()

    async def record(self, pending: PendingReport) -> Submission:
        """The submission once its row is committed (or the original's, for a retry)."""
        future: Future[Submission] = Future()
        self._jobs.put((pending, future))
        return await asyncio.wrap_future(future)

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
        for (_pending, future), outcome in zip(group, outcomes, strict=True):
            if isinstance(outcome, BaseException):
                future.set_exception(outcome)
            else:
                future.set_result(outcome)

    def _commit(self, group: list[_Job]) -> list[Submission | Exception]:
        ids = [pending.report_id for pending, _ in group]
        outcomes: list[Submission | Exception] = []
        with transaction(self._engine) as session:
            known = {r.id: r for r in session.exec(select(Report).where(col(Report.id).in_(ids))).all()}
            for pending, _future in group:
                existing = known.get(pending.report_id)
                if existing is not None:
                    outcomes.append(_retry_of(existing, pending))
                    continue
                report = pending.row()
                known[report.id] = report
                session.add(report)
                session.add_all(
                    ReportAttachment(report_id=report.id, attachment_id=a, position=i)
                    for i, a in enumerate(pending.attachment_ids)
                )
                outcomes.append(Submission(Receipt.of(report), created=True))
        return outcomes

    def _commit_one(self, job: _Job) -> Submission | Exception:
        try:
            return self._commit([job])[0]
        except IntegrityError as error:
            with Session(self._engine) as session:
                existing = session.get(Report, job[0].report_id)
            return _retry_of(existing, job[0]) if existing is not None else error
        except Exception as error:
            return error


def _retry_of(existing: Report, pending: PendingReport) -> Submission | Exception:
    if existing.sha256 != pending.stored.sha256:
        return ReportConflictError()
    return Submission(Receipt.of(existing), created=False)
