"""The signed-in reviewer and the others: `/me`, `/me/recipient`, `/me/recovery-codes`, `/reviewers`."""

from fastapi import APIRouter, Depends
from sqlmodel import col, select

from kua.api.deps import NowDep, SessionDep
from kua.api.errors import error_responses
from kua.api.routes.review.deps import SIGNED_IN_ERRORS, SignedInDep, signed_in
from kua.api.routes.review.schemas import RecipientRequest, RecoveryCodesPublic, ReviewerPublic, ReviewersPublic
from kua.db.models import Reviewer
from kua.review import keys, recovery

router = APIRouter(
    prefix="/api/v1/review", tags=["review"], dependencies=[Depends(signed_in)], responses=SIGNED_IN_ERRORS
)


@router.get("/me")
def get_me(reviewer: SignedInDep, session: SessionDep) -> ReviewerPublic:
    return ReviewerPublic.of(reviewer.reviewer, keys.listed_recipients(session))


@router.put("/me/recipient", responses=error_responses(422))
def put_my_recipient(
    request: RecipientRequest, reviewer: SignedInDep, session: SessionDep, now: NowDep
) -> ReviewerPublic:
    """Record the recipient of the identity the console generated; it stays pending until a list holds it."""
    updated = keys.set_recipient(session, reviewer_id=reviewer.reviewer.id, recipient=request.recipient, now=now)
    return ReviewerPublic.of(updated, keys.listed_recipients(session))


@router.post("/me/recovery-codes", status_code=201)
def post_my_recovery_codes(reviewer: SignedInDep, session: SessionDep, now: NowDep) -> RecoveryCodesPublic:
    """A new set of ten recovery codes, shown this once; the unused codes of the old set stop working."""
    return RecoveryCodesPublic(recovery_codes=recovery.issue(session, reviewer_id=reviewer.reviewer.id, now=now))


@router.get("/reviewers")
def list_reviewers(session: SessionDep) -> ReviewersPublic:
    """Every reviewer, disabled ones too (their names still label old notes and assignments)."""
    listed = keys.listed_recipients(session)
    everyone = session.exec(select(Reviewer).order_by(col(Reviewer.name))).all()
    return ReviewersPublic(reviewers=[ReviewerPublic.of(reviewer, listed) for reviewer in everyone])
