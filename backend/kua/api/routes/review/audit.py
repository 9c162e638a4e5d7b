"""The audit log, for admins: `GET /api/v1/review/audit` (viewing it is itself an entry)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from kua.api.deps import NowDep, SessionDep
from kua.api.errors import error_responses
from kua.api.routes.review.deps import SIGNED_IN_ERRORS, AdminDep, signed_in
from kua.api.routes.review.schemas import AuditEntryPublic, AuditPublic
from kua.review import audit

router = APIRouter(
    prefix="/api/v1/review", tags=["review"], dependencies=[Depends(signed_in)], responses=SIGNED_IN_ERRORS
)

MAX_ENTRIES = 1000
# The audit log's seq is an INTEGER column: a larger `after` failed in the database driver (a 500).
MAX_SEQ = 2**31 - 1


@router.get("/audit", responses=error_responses(403))
def list_audit_entries(
    reviewer: AdminDep,
    session: SessionDep,
    now: NowDep,
    after: Annotated[int, Query(ge=0, le=MAX_SEQ, description="List the entries after this sequence number.")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_ENTRIES)] = 100,
) -> AuditPublic:
    """Entries oldest first, from `after` on."""
    entries = [AuditEntryPublic.of(entry) for entry in audit.entries(session, after=after, limit=limit)]
    audit.append(
        session,
        at=now,
        actor_id=reviewer.reviewer.id,
        action="audit_viewed",
        subject="audit",
        details={"after": after, "limit": limit},
    )
    return AuditPublic(entries=entries)
