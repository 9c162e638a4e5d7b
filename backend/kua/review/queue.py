"""The review queue: reports newest first, with what the server knows of each and what reviewers set.

A page starts after what `before` names. The `next_before` of each page is its last report's id: the
next page holds the reports received before that report, ties broken by id, so a queue that grows
while a reviewer pages through it neither repeats nor skips a report. A time is accepted too (the
reports received before it), for a console that pages by `received_at`.
"""

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import Row, Select, and_, func, or_
from sqlalchemy import select as select_rows
from sqlmodel import Session, col, select

from kua.db.models import Followup, Report, ReportAttachment, ReportTriage, Upload
from kua.review.errors import ReportNotFoundError

MAX_PAGE = 1000


@dataclass(frozen=True)
class AttachmentView:
    attachment_id: uuid.UUID
    received: bool  # its upload is complete
    withdrawn: bool = False  # the reporter withdrew it (an original whose small copy stands for it)


@dataclass(frozen=True)
class FollowupCounts:
    """How many follow-up questions and answers a report has, and when the last answer arrived."""

    questions: int = 0
    answers: int = 0
    last_answer_at: datetime | None = None


@dataclass(frozen=True)
class ReportView:
    """A report as the console lists it. One no reviewer has touched is `new`, priority `normal`, and
    `updated_at` is when it arrived."""

    report_id: uuid.UUID
    received_at: datetime
    size: int
    sha256: str
    attachments: list[AttachmentView]
    updated_at: datetime
    status: str = "new"
    duplicate_of: uuid.UUID | None = None
    priority: str = "normal"
    assignee_id: uuid.UUID | None = None
    labels: list[str] | None = None
    case_id: uuid.UUID | None = None
    followups: FollowupCounts = FollowupCounts()


def _listing() -> Select[uuid.UUID, datetime, int, str, ReportTriage]:
    """What the queue shows of reports (never their ciphertext), with their triage row if any."""
    return select_rows(
        col(Report.id), col(Report.received_at), col(Report.size), col(Report.sha256), ReportTriage
    ).outerjoin(ReportTriage, col(ReportTriage.report_id) == col(Report.id))


def page(
    session: Session, *, limit: int, before: uuid.UUID | datetime | None
) -> tuple[list[ReportView], uuid.UUID | None]:
    """Up to `limit` reports, newest first, after `before`; and the `before` of the next page."""
    query = _listing()
    if isinstance(before, datetime):
        moment = before if before.tzinfo else before.replace(tzinfo=UTC)
        query = query.where(col(Report.received_at) < moment)
    elif before is not None:
        anchor = session.exec(select(Report.received_at).where(col(Report.id) == before)).first()
        if anchor is None:
            raise ReportNotFoundError("before names no report.")
        query = query.where(
            or_(
                col(Report.received_at) < anchor,
                and_(col(Report.received_at) == anchor, col(Report.id) < before),
            )
        )
    query = query.order_by(col(Report.received_at).desc(), col(Report.id).desc()).limit(limit + 1)
    rows = session.execute(query).all()
    views = _views(session, rows[:limit])
    return views, (views[-1].report_id if len(rows) > limit else None)


def one(session: Session, report_id: uuid.UUID) -> ReportView:
    rows = session.execute(_listing().where(col(Report.id) == report_id)).all()
    if not rows:
        raise ReportNotFoundError()
    return _views(session, rows)[0]


def exists(session: Session, report_id: uuid.UUID) -> bool:
    return session.exec(select(Report.id).where(col(Report.id) == report_id)).first() is not None


def _views(
    session: Session, rows: Sequence[Row[uuid.UUID, datetime, int, str, ReportTriage | None]]
) -> list[ReportView]:
    attachments = _attachments(session, [row[0] for row in rows])
    followups = _followup_counts(session, [row[0] for row in rows])
    views = []
    for report_id, received_at, size, sha256, triage in rows:
        view = ReportView(
            report_id,
            received_at,
            size,
            sha256,
            attachments.get(report_id, []),
            received_at,
            labels=[],
            followups=followups.get(report_id, FollowupCounts()),
        )
        if triage is not None:
            view = replace(
                view,
                status=triage.status,
                duplicate_of=triage.duplicate_of,
                priority=triage.priority,
                assignee_id=triage.assignee_id,
                labels=json.loads(triage.labels),
                case_id=triage.case_id,
                updated_at=triage.updated_at,
            )
        views.append(view)
    return views


def _attachments(session: Session, report_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[AttachmentView]]:
    """Each report's declared attachments in order, whether each upload is complete, and which the reporter
    withdrew (kua.uploads.withdrawals)."""
    if not report_ids:
        return {}
    query = (
        select(
            ReportAttachment.report_id,
            ReportAttachment.attachment_id,
            Upload.completed_at,
            ReportAttachment.withdrawn_at,
        )
        .outerjoin(Upload, col(Upload.id) == col(ReportAttachment.attachment_id))
        .where(col(ReportAttachment.report_id).in_(report_ids))
        .order_by(col(ReportAttachment.report_id), col(ReportAttachment.position))
    )
    found: dict[uuid.UUID, list[AttachmentView]] = {}
    for report_id, attachment_id, completed_at, withdrawn_at in session.exec(query):
        view = AttachmentView(attachment_id, received=completed_at is not None, withdrawn=withdrawn_at is not None)
        found.setdefault(report_id, []).append(view)
    return found


def _followup_counts(session: Session, report_ids: list[uuid.UUID]) -> dict[uuid.UUID, FollowupCounts]:
    """Each report's follow-up counts (kua.followups), for the console to flag new answers."""
    if not report_ids:
        return {}
    query = (
        select_rows(
            col(Followup.report_id),
            col(Followup.kind),
            func.count(),
            func.max(col(Followup.created_at)),
        )
        .where(col(Followup.report_id).in_(report_ids))
        .group_by(col(Followup.report_id), col(Followup.kind))
    )
    found: dict[uuid.UUID, FollowupCounts] = {}
    for report_id, kind, how_many, last in session.execute(query):
        counts = found.get(report_id, FollowupCounts())
        if kind == "question":
            found[report_id] = replace(counts, questions=how_many)
        else:
            found[report_id] = replace(counts, answers=how_many, last_answer_at=last)
    return found
