"""Follow-ups (questions and answers), the reviewer's side: `/reports/{id}/questions/{id}`,
`/reports/{id}/followups`, `/followups/{id}/ciphertext`. Every text is an age file sealed elsewhere.

"""

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, Field

from kua.api.deps import NowDep, SessionDep
from kua.api.errors import error_responses
from kua.api.request_body import AGE_FILE, AGE_FILE_BODY, kib, small_age_file
from kua.api.routes.review.deps import AGE_FILE_ANSWER, SIGNED_IN_ERRORS, SignedInDep, signed_in
from kua.followups import questions, reading
from kua.followups.bodies import MAX_FOLLOWUP_BYTES, too_large
from kua.followups.reading import FollowupView

router = APIRouter(
    prefix="/api/v1/review", tags=["review"], dependencies=[Depends(signed_in)], responses=SIGNED_IN_ERRORS
)


class FollowupPublic(BaseModel):
    followup_id: uuid.UUID
    report_id: uuid.UUID
    kind: str = Field(description="question (a reviewer's) or answer (the family's).")
    author_id: uuid.UUID | None = Field(description="The reviewer who asked; null for an answer.")
    created_at: datetime = Field(description="When the server stored it.")
    sha256: str = Field(description="SHA-256 (hex) of the age file.")
    size: int = Field(description="The age file's size in bytes.")

    @classmethod
    def of(cls, view: FollowupView) -> "FollowupPublic":
        return cls(
            followup_id=view.followup_id,
            report_id=view.report_id,
            kind=view.kind,
            author_id=view.author_id,
            created_at=view.created_at,
            sha256=view.sha256,
            size=view.size,
        )


class FollowupsPublic(BaseModel):
    followups: list[FollowupPublic]


# A question: an age file sealed in the console to the report's reply recipient and the recipient list.
QuestionBodyDep = Annotated[
    bytes, Depends(small_age_file(what="A question", max_bytes=MAX_FOLLOWUP_BYTES, too_large=too_large))
]


@router.put(
    "/reports/{report_id}/questions/{question_id}",
    status_code=201,
    responses={
        200: {"model": FollowupPublic, "description": "The same question was stored before."},
        **error_responses(404, 409, 413, 415),
    },
    openapi_extra=AGE_FILE_BODY,
    description=(
        f"Keep a question sealed in the console (an age file of at most {kib(MAX_FOLLOWUP_BYTES)}, {AGE_FILE})."
    ),
)
def ask_question(
    report_id: uuid.UUID,
    question_id: uuid.UUID,
    ciphertext: QuestionBodyDep,
    reviewer: SignedInDep,
    session: SessionDep,
    now: NowDep,
    response: Response,
) -> FollowupPublic:
    kept = questions.ask(
        session,
        actor_id=reviewer.reviewer.id,
        report_id=report_id,
        question_id=question_id,
        ciphertext=ciphertext,
        now=now,
    )
    if not kept.created:
        response.status_code = 200
    return FollowupPublic.of(FollowupView.of(kept.followup))


@router.get("/reports/{report_id}/followups", responses=error_responses(404))
def list_followups(report_id: uuid.UUID, session: SessionDep) -> FollowupsPublic:
    """The report's questions and answers, oldest first (without their age files)."""
    return FollowupsPublic(followups=[FollowupPublic.of(view) for view in reading.of_report(session, report_id)])


@router.get("/followups/{followup_id}/ciphertext", response_class=Response, responses=AGE_FILE_ANSWER)
def get_followup_ciphertext(
    followup_id: uuid.UUID, reviewer: SignedInDep, session: SessionDep, now: NowDep
) -> Response:
    """A question's or answer's age file (the fetch is in the audit log)."""
    ciphertext = reading.ciphertext(session, actor_id=reviewer.reviewer.id, followup_id=followup_id, now=now)
    return Response(ciphertext, media_type=AGE_FILE)
