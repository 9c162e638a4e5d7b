"""Notes on a report: `/reports/{id}/notes`. A note is an age file sealed in the browser."""

import uuid

from fastapi import APIRouter, Depends

from kua.api.deps import NowDep, SessionDep
from kua.api.errors import error_responses
from kua.api.request_body import AGE_FILE, AGE_FILE_BODY, kib
from kua.api.routes.review.deps import SIGNED_IN_ERRORS, SealedBodyDep, SignedInDep, signed_in
from kua.api.routes.review.schemas import NotePublic, NotesPublic
from kua.review import notes
from kua.review.sealed import MAX_SEALED_BYTES

router = APIRouter(
    prefix="/api/v1/review", tags=["review"], dependencies=[Depends(signed_in)], responses=SIGNED_IN_ERRORS
)


@router.get("/reports/{report_id}/notes", responses=error_responses(404))
def list_notes(report_id: uuid.UUID, session: SessionDep) -> NotesPublic:
    return NotesPublic(notes=[NotePublic.of(note) for note in notes.of_report(session, report_id)])


@router.post(
    "/reports/{report_id}/notes",
    status_code=201,
    responses=error_responses(404, 413, 415),
    openapi_extra=AGE_FILE_BODY,
    description=f"Keep a sealed note (an age file of at most {kib(MAX_SEALED_BYTES)}, {AGE_FILE}).",
)
def add_note(
    report_id: uuid.UUID, ciphertext: SealedBodyDep, reviewer: SignedInDep, session: SessionDep, now: NowDep
) -> NotePublic:
    note = notes.add(session, actor_id=reviewer.reviewer.id, report_id=report_id, ciphertext=ciphertext, now=now)
    return NotePublic.of(note)
