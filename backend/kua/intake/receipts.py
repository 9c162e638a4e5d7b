"""Receipts: what the server promises a phone once a report is durably stored."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select
from sqlmodel import col

from kua.db.models import Report


@dataclass(frozen=True)
class Receipt:
    """Proof that a report is durably stored; the phone deletes its copy only when the hash matches."""

    report_id: uuid.UUID
    sha256: str
    size: int
    received_at: datetime


@dataclass(frozen=True)
class Submission:
    receipt: Receipt
    created: bool  # False: the same report had been stored before (a retry)


def select_receipts(report_ids: list[uuid.UUID]) -> Select[uuid.UUID, str, int, datetime]:
    """The receipt fields of these reports (never their ciphertext); `Receipt(*row)` makes each a Receipt."""
    receipt = (col(Report.id), col(Report.sha256), col(Report.size), col(Report.received_at))
    return select(*receipt).where(col(Report.id).in_(report_ids))
