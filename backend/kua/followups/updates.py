"""What a reporter's phone fetches about the reports it sent: each one's coarse status
(kua.review.reporter_status) and the reviewers' questions, for the reports its tokens prove only.

A report whose token does not match is left out exactly as an unknown one is.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from kua.db.models import Followup, ReportTriage
from kua.intake import reporter_tokens
from kua.review.reporter_status import ReporterStatus, reporter_status

MAX_REPORTS = 100


@dataclass(frozen=True)
class Question:
    question_id: uuid.UUID
    asked_at: datetime
    ciphertext: bytes


@dataclass(frozen=True)
class ReportUpdate:
    report_id: uuid.UUID
    status: ReporterStatus
    questions: list[Question]


def for_phone(session: Session, claims: Sequence[tuple[uuid.UUID, str]]) -> list[ReportUpdate]:
    """The proven reports among `claims` (report id, reporter token), in the order asked, each once."""
    proven = reporter_tokens.proven(session, claims)
    if not proven:
        return []
    triage = select(ReportTriage.report_id, ReportTriage.status).where(col(ReportTriage.report_id).in_(list(proven)))
    statuses = {report_id: status for report_id, status in session.exec(triage)}
    questions: dict[uuid.UUID, list[Question]] = {}
    query = (
        select(Followup.report_id, Followup.id, Followup.created_at, Followup.ciphertext)
        .where(col(Followup.report_id).in_(list(proven)), col(Followup.kind) == "question")
        .order_by(col(Followup.created_at), col(Followup.id))
    )
    for report_id, question_id, asked_at, ciphertext in session.exec(query):
        questions.setdefault(report_id, []).append(Question(question_id, asked_at, ciphertext))
    ordered = list(dict.fromkeys(report_id for report_id, _token in claims if report_id in proven))
    return [
        ReportUpdate(report_id, reporter_status(statuses.get(report_id, "new")), questions.get(report_id, []))
        for report_id in ordered
    ]
