"""A reporter withdraws a declared original: `PUT /api/v1/reports/{report_id}/attachments/{attachment_id}/withdrawal`.

A thin adapter to kua.uploads.withdrawals. The phone shows the report's reporter token, as for its
answers (kua.api.routes.followups); the request log names route templates only.
"""

import uuid

from fastapi import APIRouter, Response

from kua.api.deps import NowDep, ServicesDep
from kua.api.errors import error_responses
from kua.api.routes.followups import ReporterTokenHeader
from kua.uploads import withdrawals

router = APIRouter(prefix="/api/v1/reports", tags=["reports"])


@router.put(
    "/{report_id}/attachments/{attachment_id}/withdrawal",
    status_code=204,
    response_class=Response,
    responses=error_responses(
        403,
        404,
        409,
        descriptions={
            403: "The Kua-Reporter-Token header does not prove that this phone sent the report.",
            404: "The report declared no attachment with this id.",
            409: "The attachment arrived whole.",
        },
    ),
)
async def withdraw_attachment(
    report_id: uuid.UUID,
    attachment_id: uuid.UUID,
    services: ServicesDep,
    now: NowDep,
    reporter_token: ReporterTokenHeader = None,
) -> Response:
    """The relative will not send this original (its small copy stands for it); again: the same state, 204."""
    await withdrawals.withdraw(
        engine=services.engine,
        staging=services.upload_staging,
        report_id=report_id,
        attachment_id=attachment_id,
        reporter_token=reporter_token,
        now=now,
    )
    return Response(status_code=204)
