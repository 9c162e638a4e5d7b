"""Cases: reports grouped under a title sealed in the browser (an age file); a report is in one case at most."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from kua.db.models import ReportTriage, ReviewCase
from kua.review import audit, triage
from kua.review.errors import InvalidCaseError


@dataclass(frozen=True)
class CaseView:
    case_id: uuid.UUID
    title_ciphertext: bytes
    created_at: datetime
    created_by: uuid.UUID
    report_ids: list[uuid.UUID] = field(default_factory=list)


def create(session: Session, *, actor_id: uuid.UUID, title_ciphertext: bytes, now: datetime) -> CaseView:
    case = ReviewCase(id=uuid.uuid4(), title_ciphertext=title_ciphertext, created_at=now, created_by=actor_id)
    session.add(case)
    session.flush()
    audit.append(session, at=now, actor_id=actor_id, action="case_created", subject=f"case:{case.id}")
    return CaseView(case.id, case.title_ciphertext, case.created_at, case.created_by)


def all_cases(session: Session) -> list[CaseView]:
    """Every case, newest first, with the ids of its reports."""
    members: dict[uuid.UUID, list[uuid.UUID]] = {}
    linked = select(ReportTriage.case_id, ReportTriage.report_id).where(col(ReportTriage.case_id).is_not(None))
    for case_id, report_id in session.exec(linked.order_by(col(ReportTriage.report_id))):
        if case_id is not None:
            members.setdefault(case_id, []).append(report_id)
    query = select(ReviewCase).order_by(col(ReviewCase.created_at).desc(), col(ReviewCase.id))
    return [
        CaseView(case.id, case.title_ciphertext, case.created_at, case.created_by, members.get(case.id, []))
        for case in session.exec(query)
    ]


def link(
    session: Session, *, actor_id: uuid.UUID, report_id: uuid.UUID, case_id: uuid.UUID | None, now: datetime
) -> None:
    """Put the report in the case (`None`: in no case)."""
    if case_id is not None and session.get(ReviewCase, case_id) is None:
        raise InvalidCaseError()
    row = triage.triage_row(session, report_id, now)
    if row.case_id == case_id:
        return
    previous = row.case_id
    row.case_id, row.updated_at = case_id, now
    session.add(row)
    session.flush()
    audit.append(
        session,
        at=now,
        actor_id=actor_id,
        action="case_linked",
        subject=f"report:{report_id}",
        details={"case_id": str(case_id) if case_id else None, "previous": str(previous) if previous else None},
    )
