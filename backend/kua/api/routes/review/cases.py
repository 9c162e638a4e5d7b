"""Cases: `/cases`, and `/reports/{id}/case` to put a report in one (or in none)."""

import uuid

from fastapi import APIRouter, Depends

from kua.api.deps import NowDep, SessionDep
from kua.api.errors import error_responses
from kua.api.request_body import AGE_FILE, AGE_FILE_BODY, kib
from kua.api.routes.review.deps import SIGNED_IN_ERRORS, SealedBodyDep, SignedInDep, signed_in
from kua.api.routes.review.schemas import CaseLinkRequest, CasePublic, CasesPublic, ReportPublic
from kua.review import cases, queue
from kua.review.sealed import MAX_SEALED_BYTES

router = APIRouter(
    prefix="/api/v1/review", tags=["review"], dependencies=[Depends(signed_in)], responses=SIGNED_IN_ERRORS
)


@router.get("/cases")
def list_cases(session: SessionDep) -> CasesPublic:
    return CasesPublic(cases=[CasePublic.of(case) for case in cases.all_cases(session)])


@router.post(
    "/cases",
    status_code=201,
    responses=error_responses(413, 415),
    openapi_extra=AGE_FILE_BODY,
    description=(
        f"Open a case; the body is its title, sealed (an age file of at most {kib(MAX_SEALED_BYTES)}, {AGE_FILE})."
    ),
)
def create_case(title_ciphertext: SealedBodyDep, reviewer: SignedInDep, session: SessionDep, now: NowDep) -> CasePublic:
    case = cases.create(session, actor_id=reviewer.reviewer.id, title_ciphertext=title_ciphertext, now=now)
    return CasePublic.of(case)


@router.put("/reports/{report_id}/case", responses=error_responses(404, 422))
def link_case(
    report_id: uuid.UUID, request: CaseLinkRequest, reviewer: SignedInDep, session: SessionDep, now: NowDep
) -> ReportPublic:
    """Put the report in a case, or in none (`case_id: null`)."""
    cases.link(session, actor_id=reviewer.reviewer.id, report_id=report_id, case_id=request.case_id, now=now)
    return ReportPublic.of(queue.one(session, report_id))
