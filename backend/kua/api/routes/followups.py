"""Follow-up questions, the phone's side: `POST /api/v1/reports/updates` and
`PUT /api/v1/reports/{report_id}/answers/{answer_id}`. No account: the phone shows the reporter
token of each report (kua.intake.reporter_tokens). The request log names route templates only, so no
report id is ever written next to anything about the network.
"""

import base64
import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Response
from pydantic import BaseModel, ConfigDict, Field

from kua.api.deps import NowDep, SessionDep
from kua.api.errors import error_responses
from kua.api.request_body import AGE_FILE, AGE_FILE_BODY, kib, small_age_file
from kua.followups import answers, updates
from kua.followups.bodies import MAX_FOLLOWUP_BYTES, too_large
from kua.review.reporter_status import ReporterStatus

router = APIRouter(prefix="/api/v1/reports", tags=["reports"])

# A token is 43 characters; a longer string is no token, and is refused rather than compared.
MAX_TOKEN_LENGTH = 64
# The header that proves the phone sent the report (its reporter token), on every request a family makes
# about its own report.
ReporterTokenHeader = Annotated[
    str | None,
    Header(alias="Kua-Reporter-Token", max_length=MAX_TOKEN_LENGTH, description="The report's reporter token."),
]


class Claim(BaseModel):
    model_config = ConfigDict(extra="forbid")

    report_id: uuid.UUID
    reporter_token: str = Field(max_length=MAX_TOKEN_LENGTH, description="The token the phone drew for the report.")


class UpdatesRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reports: list[Claim] = Field(max_length=updates.MAX_REPORTS)


class QuestionPublic(BaseModel):
    question_id: uuid.UUID
    asked_at: datetime
    ciphertext: str = Field(description="The question's age file, standard base64.")


class ReportUpdatePublic(BaseModel):
    report_id: uuid.UUID
    status: ReporterStatus
    questions: list[QuestionPublic] = Field(description="Every question asked about the report, oldest first.")


class UpdatesPublic(BaseModel):
    reports: list[ReportUpdatePublic] = Field(description="The reports whose token matched; the others are left out.")


class AnswerReceiptPublic(BaseModel):
    """Proof of durable storage: check `sha256` against the ciphertext sent before deleting it."""

    version: int = 1
    answer_id: uuid.UUID
    report_id: uuid.UUID
    sha256: str
    size: int
    received_at: datetime


@router.post("/updates", responses=error_responses(422))
def report_updates(request: UpdatesRequest, session: SessionDep) -> UpdatesPublic:
    """Each proven report's coarse status and the reviewers' questions (sealed to the phone's reply key)."""
    found = updates.for_phone(session, [(claim.report_id, claim.reporter_token) for claim in request.reports])
    return UpdatesPublic(
        reports=[
            ReportUpdatePublic(
                report_id=update.report_id,
                status=update.status,
                questions=[
                    QuestionPublic(
                        question_id=question.question_id,
                        asked_at=question.asked_at,
                        ciphertext=base64.b64encode(question.ciphertext).decode("ascii"),
                    )
                    for question in update.questions
                ],
            )
            for update in found
        ]
    )


# An answer: an age file sealed on the phone to the recipient list.
AnswerBodyDep = Annotated[
    bytes, Depends(small_age_file(what="An answer", max_bytes=MAX_FOLLOWUP_BYTES, too_large=too_large))
]


@router.put(
    "/{report_id}/answers/{answer_id}",
    status_code=201,
    responses={
        200: {"model": AnswerReceiptPublic, "description": "The same answer was stored before: its original receipt."},
        **error_responses(403, 409, 413, 415),
    },
    openapi_extra=AGE_FILE_BODY,
    description=(
        "Store the family's answer, sealed on the phone to the recipient list, idempotently "
        f"(an age file of at most {kib(MAX_FOLLOWUP_BYTES)}, {AGE_FILE})."
    ),
)
def put_answer(
    report_id: uuid.UUID,
    answer_id: uuid.UUID,
    ciphertext: AnswerBodyDep,
    session: SessionDep,
    now: NowDep,
    response: Response,
    reporter_token: ReporterTokenHeader = None,
) -> AnswerReceiptPublic:
    kept = answers.receive(
        session, report_id=report_id, answer_id=answer_id, reporter_token=reporter_token, ciphertext=ciphertext, now=now
    )
    if not kept.created:
        response.status_code = 200
    followup = kept.followup
    return AnswerReceiptPublic(
        answer_id=followup.id,
        report_id=followup.report_id,
        sha256=followup.sha256,
        size=len(followup.ciphertext),
        received_at=followup.created_at,
    )
