"""What a reporter's phone may learn of its report's triage: four coarse, generic states.

The family needs to know that someone works on the report, not the coalition's internal steps
(rejected, duplicate, priorities, assignees). A push is sent only when this coarse state changes.
"""

from typing import Literal, get_args

ReporterStatus = Literal["received", "in_review", "acted_on", "closed"]
REPORTER_STATUSES: tuple[ReporterStatus, ...] = get_args(ReporterStatus)

_OF_TRIAGE: dict[str, ReporterStatus] = {
    "new": "received",
    "in_review": "in_review",
    "verified": "in_review",
    # Another report of the same events carries the work on: for this family it is still being reviewed.
    "duplicate": "in_review",
    "escalated": "acted_on",
    "closed": "closed",
    "rejected": "closed",
}


def reporter_status(triage_status: str) -> ReporterStatus:
    """The coarse state a reporter sees for a report in `triage_status`."""
    return _OF_TRIAGE[triage_status]
