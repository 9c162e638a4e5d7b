"""The queue and triage: `/reports`, `/reports/{id}`, their ciphertext, status and triage fields;
`/attachments/{id}/ciphertext`, `/attachments/held`. Ciphertext answers are the age files themselves."""

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import StreamingResponse

from kua.api.deps import BlobsDep, NowDep, SessionDep
from kua.api.errors import error_responses
from kua.api.request_body import AGE_FILE
from kua.api.routes.review.deps import AGE_FILE_ANSWER, SIGNED_IN_ERRORS, SignedInDep, signed_in
from kua.api.routes.review.schemas import (
    CiphertextsPublic,
    CiphertextsRequest,
    HeldPublic,
    HeldRequest,
    ReportPublic,
    ReportsPublic,
    StatusRequest,
    TriageRequest,
)
from kua.review import ciphertexts, queue, triage
from kua.review.ciphertexts import Stored
from kua.storage.blobs import BlobStore

router = APIRouter(
    prefix="/api/v1/review", tags=["review"], dependencies=[Depends(signed_in)], responses=SIGNED_IN_ERRORS
)


@router.get("/reports", responses=error_responses(404))
def list_reports(
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=queue.MAX_PAGE)] = 100,
    before: Annotated[
        uuid.UUID | datetime | None,
        Query(description="The previous page's next_before (a report id), or a time: list the older reports."),
    ] = None,
) -> ReportsPublic:
    """Reports newest first, a page at a time."""
    views, next_before = queue.page(session, limit=limit, before=before)
    return ReportsPublic(reports=[ReportPublic.of(view) for view in views], next_before=next_before)


@router.get("/reports/{report_id}", responses=error_responses(404))
def get_report(report_id: uuid.UUID, session: SessionDep) -> ReportPublic:
    return ReportPublic.of(queue.one(session, report_id))


@router.get("/reports/{report_id}/ciphertext", response_class=Response, responses=AGE_FILE_ANSWER)
def get_report_ciphertext(
    report_id: uuid.UUID, reviewer: SignedInDep, session: SessionDep, blobs: BlobsDep, now: NowDep
) -> Response:
    """The report's age file, to open in the browser (the fetch is in the audit log)."""
    stored = ciphertexts.report(session, actor_id=reviewer.reviewer.id, report_id=report_id, now=now)
    return _age_file(stored, blobs)


@router.post(
    "/reports/ciphertexts",
    responses=error_responses(422),
    description=(
        f"Up to {ciphertexts.MAX_BATCH} reports' age files at once (one audit entry lists them); "
        "ids not found are left out."
    ),
)
def get_report_ciphertexts(
    request: CiphertextsRequest, reviewer: SignedInDep, session: SessionDep, now: NowDep
) -> CiphertextsPublic:
    batch = ciphertexts.reports(session, actor_id=reviewer.reviewer.id, report_ids=request.report_ids, now=now)
    return CiphertextsPublic.of(batch.in_hand, batch.in_blobs)


@router.post(
    "/attachments/held",
    responses=error_responses(422),
    description=f"Which of up to {ciphertexts.MAX_BATCH} attachments the server holds complete (no ciphertext).",
)
def attachments_held(request: HeldRequest, session: SessionDep) -> HeldPublic:
    return HeldPublic(held=ciphertexts.held(session, request.attachment_ids))


@router.get("/attachments/{attachment_id}/ciphertext", response_class=Response, responses=AGE_FILE_ANSWER)
def get_attachment_ciphertext(
    attachment_id: uuid.UUID, reviewer: SignedInDep, session: SessionDep, blobs: BlobsDep, now: NowDep
) -> Response:
    """A completed attachment's age file (the fetch is in the audit log)."""
    stored = ciphertexts.attachment(session, actor_id=reviewer.reviewer.id, attachment_id=attachment_id, now=now)
    return _age_file(stored, blobs)


@router.post("/reports/{report_id}/status", responses=error_responses(404, 409, 422))
def change_status(
    report_id: uuid.UUID, request: StatusRequest, reviewer: SignedInDep, session: SessionDep, now: NowDep
) -> ReportPublic:
    """Move the report along the state machine (docs/review.md, "Statuses")."""
    triage.change_status(
        session,
        actor_id=reviewer.reviewer.id,
        report_id=report_id,
        status=request.status,
        duplicate_of=request.duplicate_of,
        now=now,
    )
    return ReportPublic.of(queue.one(session, report_id))


@router.patch("/reports/{report_id}", responses=error_responses(404, 422))
def change_triage(
    report_id: uuid.UUID, request: TriageRequest, reviewer: SignedInDep, session: SessionDep, now: NowDep
) -> ReportPublic:
    """Change priority, assignee or labels (only the fields sent)."""
    changes = request.model_dump(exclude_unset=True)
    triage.update(session, actor_id=reviewer.reviewer.id, report_id=report_id, changes=changes, now=now)
    return ReportPublic.of(queue.one(session, report_id))


def _age_file(stored: Stored, blobs: BlobStore) -> Response:
    if stored.ciphertext is not None:
        return Response(stored.ciphertext, media_type=AGE_FILE)
    assert stored.blob_key is not None
    return StreamingResponse(blobs.read(stored.blob_key), media_type=AGE_FILE)
