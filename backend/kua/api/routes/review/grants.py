"""Grants: `/reports/{id}/grants`, `/attachments/{id}/grants` (docs/review.md, "Granting past reports").

A grant is one request carrying a new age header for the report's file and one for each attachment,
each of the family's answers and each attachment an answer names, all to the same recipients: one
audit entry says who was given what. The report's list of grants holds the answers' too.
"""

import base64
import uuid

from fastapi import APIRouter, Depends

from kua.api.deps import NowDep, SessionDep
from kua.api.errors import error_responses
from kua.api.routes.review.deps import SIGNED_IN_ERRORS, SignedInDep, signed_in
from kua.api.routes.review.schemas import GrantPublic, GrantRequest, GrantsPublic, ReportGrantsPublic
from kua.review import grants
from kua.review.errors import InvalidGrantHeaderError

router = APIRouter(
    prefix="/api/v1/review", tags=["review"], dependencies=[Depends(signed_in)], responses=SIGNED_IN_ERRORS
)


def _header_bytes(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:  # binascii.Error, or a character outside ASCII
        raise InvalidGrantHeaderError() from None


@router.get("/reports/{report_id}/grants", responses=error_responses(404))
def list_grants(report_id: uuid.UUID, session: SessionDep) -> ReportGrantsPublic:
    """The extra age headers of the report, its attachments and its answers (`followup_id`), oldest first."""
    return ReportGrantsPublic(
        grants=[GrantPublic.of(grant) for grant in grants.of_report(session, report_id)],
        earlier_recipients=grants.earlier_recipients(session, report_id),
    )


@router.get("/attachments/{attachment_id}/grants", responses=error_responses(404))
def list_attachment_grants(attachment_id: uuid.UUID, session: SessionDep) -> GrantsPublic:
    """The extra age headers of one attachment, oldest first."""
    return GrantsPublic(grants=[GrantPublic.of(grant) for grant in grants.of_attachment(session, attachment_id)])


@router.post(
    "/reports/{report_id}/grants",
    status_code=201,
    responses=error_responses(404, 422),
    description=(
        f"Keep new age headers (each at most {grants.MAX_HEADER_BYTES // 1024} KiB, one stanza per recipient) "
        "for the report, its attachments, the family's answers to it and the attachments those name, wrapped "
        "in the browser for recipients of the newest published list."
    ),
)
def add_grant(
    report_id: uuid.UUID, request: GrantRequest, reviewer: SignedInDep, session: SessionDep, now: NowDep
) -> GrantsPublic:
    made = grants.grant(
        session,
        actor_id=reviewer.reviewer.id,
        report_id=report_id,
        report_header=_header_bytes(request.header),
        headers=[
            *(
                grants.GrantedHeader(_header_bytes(a.header), a.attachment_id, a.followup_id)
                for a in request.attachments
            ),
            *(grants.GrantedHeader(_header_bytes(a.header), followup_id=a.followup_id) for a in request.answers),
        ],
        recipients=[grants.GrantedRecipient(name=r.name, recipient=r.recipient) for r in request.recipients],
        now=now,
    )
    return GrantsPublic(grants=[GrantPublic.of(grant) for grant in made])
