"""Group commit of report rows: one transaction, and so one fsync, for every report waiting.

Each commit waits for the disk; reports that arrive meanwhile go into the next transaction together,
so the rate of acknowledged reports is not bounded by one fsync each. A small report's ciphertext is
in its row, so that fsync covers its bytes too. Rows go in with one executemany INSERT per table
(SQLAlchemy Core): the ORM's unit of work cost more CPU per report than the rest of ingest. A group
is inserted without first looking up its ids (nearly every report is new); only when that fails on
an id stored before (a phone's retry) does it look them up and insert the rest.

Nothing here knows of processes or event loops: kua.intake.recorder runs a GroupWriter in a process
of its own and hands it the waiting reports.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import Engine, insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

import kua.db.models  # noqa: F401  (registers the tables on the metadata)
from kua.db.base import metadata
from kua.db.session import transaction
from kua.intake.receipts import Receipt, Submission, select_receipts

logger = logging.getLogger("kua.recorder")

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


class Refusal(Enum):
    """Why a report was not recorded (plain values, so that they cross a process boundary as they are)."""

    CONFLICT = "conflict"  # another report is stored under its id
    FAILED = "failed"  # the database failed: nothing was acknowledged


Outcome = Submission | Refusal


class GroupWriter:
    """Records groups of reports in the database, each group in one transaction."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def write(self, group: list[PendingReport]) -> list[Outcome]:
        """The outcome of each report of `group`, in order."""
        try:
            return self._commit(group)
        except IntegrityError:
            # Another server process inserted one of these ids meanwhile: settle them one by one.
            return [self._commit_one(pending) for pending in group]
        except Exception as error:  # the database failed: every waiting request fails, nothing was acknowledged
            # The class only: SQLAlchemy's messages quote the statement's parameters (ids, ciphertext).
            logger.error("Recording a group of %d reports failed: %s.", len(group), type(error).__name__)
            return [Refusal.FAILED] * len(group)

    def _commit(self, group: list[PendingReport]) -> list[Outcome]:
        try:
            # Nearly every report is new: insert without looking first (one statement fewer per group).
            return self._insert(group, stored=[])
        except IntegrityError:
            # Some id was stored before (a phone retrying): look the group's ids up, then insert the rest.
            return self._insert(group, stored=None)

    def _insert(self, group: list[PendingReport], *, stored: list[Receipt] | None) -> list[Outcome]:
        """Insert the group's new reports in one transaction; `stored=None` first reads which ids exist."""
        outcomes: list[Outcome] = []
        reports: list[dict[str, Any]] = []
        attachments: list[dict[str, Any]] = []
        with transaction(self._engine) as session:
            if stored is None:
                stored = [Receipt(*row) for row in session.execute(select_receipts([p.report_id for p in group]))]
            known = {receipt.report_id: receipt for receipt in stored}
            for pending in group:
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

    def _commit_one(self, pending: PendingReport) -> Outcome:
        try:
            return self._commit([pending])[0]
        except IntegrityError:
            with Session(self._engine) as session:
                row = session.execute(select_receipts([pending.report_id])).first()
            return _retry_of(Receipt(*row), pending) if row is not None else Refusal.FAILED
        except Exception as error:
            logger.error("Recording a report failed: %s.", type(error).__name__)
            return Refusal.FAILED


def _retry_of(existing: Receipt, pending: PendingReport) -> Outcome:
    if existing.sha256 != pending.sha256:
        return Refusal.CONFLICT
    return Submission(existing, created=False)
