"""The console's follow-up paths before the glossary (docs/architecture.md), kept working, marked
deprecated in OpenAPI, until the console calls the new ones; then delete this module and its test.

`GET /reports/{id}/messages` is `GET /reports/{id}/followups`, and answered `{messages: [{message_id,
...}]}` where the new path answers `{followups: [{followup_id, ...}]}`; `GET /messages/{id}/ciphertext`
is `GET /followups/{id}/ciphertext`. Both do exactly what they did.
"""

import uuid
from datetime import datetime

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, Field

from kua.api.deps import NowDep, SessionDep
from kua.api.errors import error_responses
from kua.api.request_body import AGE_FILE
from kua.api.routes.review.deps import AGE_FILE_ANSWER, SIGNED_IN_ERRORS, SignedInDep, signed_in
from kua.followups import reading
from kua.followups.reading import FollowupView

router = APIRouter(
    prefix="/api/v1/review", tags=["review"], dependencies=[Depends(signed_in)], responses=SIGNED_IN_ERRORS
)


class MessagePublic(BaseModel):
    """A follow-up as the deprecated path lists it (FollowupPublic, with `message_id`)."""

    message_id: uuid.UUID
    report_id: uuid.UUID
    kind: str = Field(description="question (a reviewer's) or answer (the family's).")
    author_id: uuid.UUID | None = Field(description="The reviewer who asked; null for an answer.")
    created_at: datetime = Field(description="When the server stored it.")
    sha256: str = Field(description="SHA-256 (hex) of the age file.")
    size: int = Field(description="The age file's size in bytes.")

    @classmethod
    def of(cls, view: FollowupView) -> "MessagePublic":
        return cls(
            message_id=view.followup_id,
            report_id=view.report_id,
            kind=view.kind,
            author_id=view.author_id,
            created_at=view.created_at,
            sha256=view.sha256,
            size=view.size,
        )


class MessagesPublic(BaseModel):
    messages: list[MessagePublic]


@router.get("/reports/{report_id}/messages", responses=error_responses(404), deprecated=True)
def list_messages(report_id: uuid.UUID, session: SessionDep) -> MessagesPublic:
    """Deprecated: `GET /reports/{report_id}/followups`."""
    return MessagesPublic(messages=[MessagePublic.of(view) for view in reading.of_report(session, report_id)])


@router.get("/messages/{message_id}/ciphertext", response_class=Response, responses=AGE_FILE_ANSWER, deprecated=True)
def get_message_ciphertext(message_id: uuid.UUID, reviewer: SignedInDep, session: SessionDep, now: NowDep) -> Response:
    """Deprecated: `GET /followups/{followup_id}/ciphertext`."""
    ciphertext = reading.ciphertext(session, actor_id=reviewer.reviewer.id, followup_id=message_id, now=now)
    return Response(ciphertext, media_type=AGE_FILE)
