"""Report submission: `PUT /api/v1/reports/{report_id}` and `POST /api/v1/reports/status`.

The body of a PUT is the age file itself (`application/octet-stream`). The ids of the report's
attachment uploads may be declared in the `Kua-Attachment-Ids` header (comma-separated UUIDs): ids
only, so the server can count attachments received and clean up orphans. Two more optional headers:
`Kua-Reporter-Token-Sha256` (kua.intake.reporter_tokens) and `Kua-Happening-Now: 1` (the reviewers'
push goes with high urgency). Everything else stays sealed.
"""

import uuid
from datetime import datetime
from functools import partial

from anyio import to_thread
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from starlette.datastructures import Headers

from kua.api.deps import EngineDep
from kua.api.errors import error_responses
from kua.api.plain_route import PlainRoute, validated_parameter
from kua.api.request_body import AGE_FILE, AGE_FILE_BODY, STALL_SECONDS, check_age_file_headers, streamed_body
from kua.api.routes.followups import Claim
from kua.api.services import services_of
from kua.intake import reporter_tokens, reports
from kua.intake.body import report_too_large
from kua.intake.errors import InvalidAttachmentIdsError, InvalidDeclarationError
from kua.intake.receipts import Receipt

router = APIRouter(prefix="/api/v1/reports", tags=["reports"])

MAX_STATUS_IDS = 500
_UUID = TypeAdapter(uuid.UUID)
_WHOLE_NUMBER = TypeAdapter(int | None)


class ReceiptPublic(BaseModel):
    """Proof of durable storage: check `sha256` against the ciphertext sent before deleting it."""

    version: int = 1
    report_id: uuid.UUID
    sha256: str
    size: int
    received_at: datetime

    @classmethod
    def of(cls, receipt: Receipt) -> "ReceiptPublic":
        return cls(
            report_id=receipt.report_id, sha256=receipt.sha256, size=receipt.size, received_at=receipt.received_at
        )


class StatusRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reports: list[Claim] = Field(max_length=MAX_STATUS_IDS)


class ReportStatusPublic(BaseModel):
    report_id: uuid.UUID
    stored: bool = Field(description="False also when the token does not match: unknown and unproven look alike.")
    receipt: ReceiptPublic | None


class StatusPublic(BaseModel):
    reports: list[ReportStatusPublic]


def _attachment_ids(header: str | None) -> list[uuid.UUID]:
    if not header or not header.strip():
        return []
    parts = [p.strip() for p in header.split(",")]
    try:
        ids = [uuid.UUID(p) for p in parts]
    except ValueError:
        raise InvalidAttachmentIdsError("Kua-Attachment-Ids must be comma-separated UUIDs.") from None
    if len(ids) > reports.MAX_ATTACHMENTS or len(set(ids)) != len(ids):
        raise InvalidAttachmentIdsError(
            f"Kua-Attachment-Ids must list at most {reports.MAX_ATTACHMENTS} different attachment ids."
        )
    return ids


def _declared(headers: Headers) -> reports.Declared:
    token_sha256 = headers.get("kua-reporter-token-sha256")
    if token_sha256 is not None and not reporter_tokens.DIGEST.match(token_sha256):
        raise InvalidDeclarationError("Kua-Reporter-Token-Sha256 must be 64 lowercase hexadecimal digits.")
    happening_now = headers.get("kua-happening-now")
    if happening_now not in (None, "1"):
        raise InvalidDeclarationError("Kua-Happening-Now must be 1 when sent.")
    return reports.Declared(
        attachment_ids=_attachment_ids(headers.get("kua-attachment-ids")),
        reporter_token_sha256=token_sha256,
        happening_now=happening_now == "1",
    )


async def put_report(request: Request) -> Response:
    """Store an encrypted report, idempotently (see the module docstring)."""
    report_id = validated_parameter(_UUID, request.path_params["report_id"], ("path", "report_id"))
    headers = request.headers
    validated_parameter(_WHOLE_NUMBER, headers.get("content-length"), ("header", "content-length"))
    services = services_of(request.app)
    settings = services.settings
    limit = settings.max_report_bytes
    check_age_file_headers(headers, what="A report", max_bytes=limit, too_large=partial(report_too_large, limit))
    submission = await reports.submit_report(
        recorder=services.recorder,
        blobs=services.blobs,
        settings=settings,
        quota=services.quota,
        report_id=report_id,
        body=streamed_body(request),
        declared=_declared(headers),
        clock=services.clock,
    )
    receipt = ReceiptPublic.of(submission.receipt).model_dump_json()
    return Response(receipt, status_code=201 if submission.created else 200, media_type="application/json")


# The PUT is the hot path of ingest: a PlainRoute, served without FastAPI's per-request machinery
# (kua.api.plain_route). `put_report` checks its parameters itself, with FastAPI's rules and 422
# messages; they are documented here.
router.add_api_route(
    "/{report_id}",
    put_report,
    methods=["PUT"],
    status_code=201,
    route_class_override=PlainRoute,
    responses={
        200: {"model": ReceiptPublic, "description": "The same report was stored before: its original receipt."},
        201: {"model": ReceiptPublic, "description": "Stored durably: the receipt."},
        **error_responses(
            400,
            408,
            409,
            413,
            415,
            422,
            503,
            507,
            descriptions={
                400: "A declaration header is malformed, or the connection closed mid-body.",
                408: f"No byte of the body arrived for {STALL_SECONDS:g} seconds, or the body came too slowly.",
                409: "Another report is stored under this id.",
                413: "The report is larger than the limit.",
                415: f"The body is not an age file sent as {AGE_FILE}.",
                422: "The report id is not a UUID.",
                503: "The server could not confirm storing the report (its recorder stopped): send it again.",
                507: "The server's storage quota is exhausted.",
            },
        ),
    },
    openapi_extra={
        "parameters": [
            {"name": "report_id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}},
            {
                "name": "Kua-Attachment-Ids",
                "in": "header",
                "required": False,
                "description": (
                    f"Comma-separated UUIDs of the report's attachment uploads (at most {reports.MAX_ATTACHMENTS})."
                ),
                "schema": {"type": "string"},
            },
            {
                "name": "Kua-Reporter-Token-Sha256",
                "in": "header",
                "required": False,
                "description": "SHA-256 (hex) of the phone's reporter token for this report.",
                "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            },
            {
                "name": "Kua-Happening-Now",
                "in": "header",
                "required": False,
                "description": "1 when the report says something is happening now.",
                "schema": {"type": "string", "enum": ["1"]},
            },
        ],
        **AGE_FILE_BODY,
    },
)


@router.post("/status", responses=error_responses(422))
async def report_status(request: StatusRequest, engine: EngineDep) -> StatusPublic:
    """Which of these reports are durably stored, with their receipts (for a phone that lost a response).

    Each report needs the reporter token the phone drew for it: a report that is not stored, was sent
    without a token, or whose token differs answers `stored: false` alike, so the route tells a stranger
    nothing about which reports exist (as the follow-up routes).
    """
    claims = [(claim.report_id, claim.reporter_token) for claim in request.reports]
    receipts = await to_thread.run_sync(reports.proven_receipts, engine, claims)
    return StatusPublic(
        reports=[
            ReportStatusPublic(
                report_id=report_id,
                stored=report_id in receipts,
                receipt=ReceiptPublic.of(receipts[report_id]) if report_id in receipts else None,
            )
            for report_id, _token in claims
        ]
    )
