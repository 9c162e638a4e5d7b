"""Triage: a report's status (one state machine, below as data), priority, assignee and labels.

```
new ──► in_review ──► verified ──► escalated ──► closed
 │          │  ▲           │                        │
 │          │  └───────────┼────────────────────────┘ (reopen: closed → in_review)
 ├──────────┴──► rejected ─┘ (rejected → in_review)
 └──────────┴──► duplicate (needs duplicate_of, another report; duplicate → in_review)
```
"""

import json
import uuid
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Literal, get_args

from sqlmodel import Session

from kua.db.models import ReportTriage, Reviewer
from kua.push import queue as push_queue
from kua.review import audit, locks, queue
from kua.review.errors import (
    InvalidAssigneeError,
    InvalidDuplicateOfError,
    InvalidLabelsError,
    InvalidPriorityError,
    ReportNotFoundError,
    TransitionRefusedError,
)
from kua.review.reporter_status import reporter_status

Status = Literal["new", "in_review", "verified", "escalated", "closed", "rejected", "duplicate"]
STATUSES: tuple[Status, ...] = get_args(Status)
Priority = Literal["low", "normal", "high", "urgent"]
PRIORITIES: tuple[Priority, ...] = get_args(Priority)
MAX_LABELS = 20
MAX_LABEL_LENGTH = 40

TRANSITIONS: Mapping[str, frozenset[Status]] = MappingProxyType(
    {
        "new": frozenset({"in_review", "rejected", "duplicate"}),
        "in_review": frozenset({"verified", "rejected", "duplicate", "escalated"}),
        "verified": frozenset({"escalated", "closed", "in_review"}),
        "escalated": frozenset({"closed", "in_review"}),
        "closed": frozenset({"in_review"}),
        "rejected": frozenset({"in_review"}),
        "duplicate": frozenset({"in_review"}),
    }
)


def allowed(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def triage_row(session: Session, report_id: uuid.UUID, now: datetime) -> ReportTriage:
    """The report's triage row, held for this transaction; a fresh `new` one if nobody triaged it yet."""
    locks.serialize(session, locks.key_of("report", report_id))
    if not queue.exists(session, report_id):
        raise ReportNotFoundError()
    row = session.get(ReportTriage, report_id, populate_existing=True)
    return row if row is not None else ReportTriage(report_id=report_id, updated_at=now)


def change_status(
    session: Session,
    *,
    actor_id: uuid.UUID,
    report_id: uuid.UUID,
    status: Status,
    duplicate_of: uuid.UUID | None,
    now: datetime,
) -> None:
    """Move the report to `status` if the state machine allows it from where it is."""
    row = triage_row(session, report_id, now)
    previous = row.status
    if not allowed(previous, status):
        raise TransitionRefusedError(f"A report cannot go from {previous} to {status}.")
    if status == "duplicate":
        _check_original(session, report_id, duplicate_of)
    elif duplicate_of is not None:
        raise InvalidDuplicateOfError("duplicate_of goes only with the status duplicate.")
    row.status, row.duplicate_of, row.updated_at = status, duplicate_of, now
    session.add(row)
    session.flush()
    if reporter_status(previous) != reporter_status(status):  # the phones following the report are told
        push_queue.tell_phones_following(session, report_id=report_id, now=now)
    details = {"from": previous, "to": status, "duplicate_of": str(duplicate_of) if duplicate_of else None}
    audit.append(
        session, at=now, actor_id=actor_id, action="status_changed", subject=f"report:{report_id}", details=details
    )


def update(
    session: Session, *, actor_id: uuid.UUID, report_id: uuid.UUID, changes: Mapping[str, object], now: datetime
) -> None:
    """Apply the given subset of priority, assignee_id and labels; record what actually changed."""
    wanted = _checked(session, changes)
    row = triage_row(session, report_id, now)
    current = {"priority": row.priority, "assignee_id": row.assignee_id, "labels": json.loads(row.labels)}
    changed = {field: value for field, value in wanted.items() if current[field] != value}
    if not changed:
        return
    if "priority" in changed:
        row.priority = str(changed["priority"])
    if "assignee_id" in changed:
        assignee_id = changed["assignee_id"]
        row.assignee_id = assignee_id if isinstance(assignee_id, uuid.UUID) else None
    if "labels" in changed:
        row.labels = json.dumps(changed["labels"], ensure_ascii=False)
    row.updated_at = now
    session.add(row)
    session.flush()
    details = {field: str(value) if isinstance(value, uuid.UUID) else value for field, value in changed.items()}
    audit.append(
        session, at=now, actor_id=actor_id, action="triage_changed", subject=f"report:{report_id}", details=details
    )


def checked_labels(labels: object) -> list[str]:
    """At most 20 labels of 1 to 40 characters, without surrounding spaces or repeats (order kept)."""
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise InvalidLabelsError("labels must be a list of text.")
    kept = list(dict.fromkeys(label.strip() for label in labels))
    if len(kept) > MAX_LABELS:
        raise InvalidLabelsError(f"A report may have at most {MAX_LABELS} labels.")
    if any(not label or len(label) > MAX_LABEL_LENGTH for label in kept):
        raise InvalidLabelsError(f"Each label must have 1 to {MAX_LABEL_LENGTH} characters.")
    return kept


def _checked(session: Session, changes: Mapping[str, object]) -> dict[str, object]:
    wanted: dict[str, object] = {}
    if "priority" in changes:
        if changes["priority"] not in PRIORITIES:
            raise InvalidPriorityError()
        wanted["priority"] = changes["priority"]
    if "assignee_id" in changes:
        assignee_id = changes["assignee_id"]
        if assignee_id is not None:
            assignee = session.get(Reviewer, assignee_id) if isinstance(assignee_id, uuid.UUID) else None
            if assignee is None or assignee.state != "active":
                raise InvalidAssigneeError()
        wanted["assignee_id"] = assignee_id
    if "labels" in changes:
        wanted["labels"] = checked_labels(changes["labels"])
    return wanted


def _check_original(session: Session, report_id: uuid.UUID, duplicate_of: uuid.UUID | None) -> None:
    if duplicate_of is None:
        raise InvalidDuplicateOfError("A duplicate must name the report it repeats (duplicate_of).")
    if duplicate_of == report_id:
        raise InvalidDuplicateOfError("A report cannot be a duplicate of itself.")
    if not queue.exists(session, duplicate_of):
        raise InvalidDuplicateOfError("duplicate_of names no report.")
