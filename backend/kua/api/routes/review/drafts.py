"""A case's saved appeal drafts: `/cases/{id}/drafts`. Each save is a new version, an age file sealed in
the browser."""

import uuid

from fastapi import APIRouter, Depends

from kua.api.deps import NowDep, SessionDep
from kua.api.errors import error_responses
from kua.api.request_body import AGE_FILE, AGE_FILE_BODY, kib
from kua.api.routes.review.deps import SIGNED_IN_ERRORS, SealedDraftDep, SignedInDep, signed_in
from kua.api.routes.review.schemas import DraftPublic, DraftsPublic, SealedDraftPublic
from kua.review import drafts
from kua.review.drafts import MAX_DRAFT_BYTES

router = APIRouter(
    prefix="/api/v1/review", tags=["review"], dependencies=[Depends(signed_in)], responses=SIGNED_IN_ERRORS
)


@router.get("/cases/{case_id}/drafts", responses=error_responses(404))
def list_drafts(case_id: uuid.UUID, session: SessionDep) -> DraftsPublic:
    """Every saved version of the case's drafts, oldest first."""
    return DraftsPublic(drafts=[SealedDraftPublic.of(draft) for draft in drafts.of_case(session, case_id=case_id)])


@router.post(
    "/cases/{case_id}/drafts",
    status_code=201,
    responses=error_responses(404, 413, 415),
    openapi_extra=AGE_FILE_BODY,
    description=(
        f"Save an appeal draft, sealed (a `kua.draft` document in an age file of at most {kib(MAX_DRAFT_BYTES)}, "
        f"{AGE_FILE}), as the case's next version."
    ),
)
def save_draft(
    case_id: uuid.UUID, ciphertext: SealedDraftDep, reviewer: SignedInDep, session: SessionDep, now: NowDep
) -> DraftPublic:
    draft = drafts.save(session, actor_id=reviewer.reviewer.id, case_id=case_id, ciphertext=ciphertext, now=now)
    return DraftPublic.of(draft)
