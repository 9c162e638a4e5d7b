"""Receipts: what the server promises a phone once a report is durably stored."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from kua.db.models import Report


@dataclass(frozen=True)
class Receipt:
    """Proof that a report is durably stored; the phone deletes its copy only when the hash matches."""

    report_id: uuid.UUID
    sha256: str
    size: int
    received_at: datetime

    @classmethod
    def of(cls, report: Report) -> "Receipt":
        return cls(report.id, report.sha256, report.size, report.received_at)


@dataclass(frozen=True)
class Submission:
    receipt: Receipt
    created: bool  # False: the same report had been stored before (a retry)
