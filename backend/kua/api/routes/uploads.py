"""Attachment uploads over tus 1.0.0 at `/api/v1/uploads/`: a thin adapter to `kua.uploads`.

Core protocol plus the creation, checksum (sha256, sha1), termination and expiration extensions; why
Kua implements them itself rather than use `tuspyserver` is in `kua.uploads`. Every response carries
`Tus-Resumable: 1.0.0` and `Cache-Control: no-store`, errors included.
"""

import asyncio
import contextlib
import logging
import re
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from datetime import UTC
from email.utils import format_datetime
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Path, Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import ClientDisconnect

from kua.api.client_address import client_pseudonym
from kua.api.deps import ServicesDep, SettingsDep
from kua.api.errors import error_response, error_responses
from kua.api.request_body import media_type
from kua.api.services import services_of
from kua.errors import KuaError, retry_after_headers
from kua.uploads import receive, service
from kua.uploads.capability import Capability
from kua.uploads.checksum import ALGORITHMS, parse_checksum
from kua.uploads.errors import (
    BodyInterruptedError,
    InvalidUploadOffsetError,
    TusVersionError,
    WrongContentTypeError,
)
from kua.uploads.metadata import encode_metadata, parse_creation

logger = logging.getLogger(__name__)

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,checksum,termination,expiration"
PATCH_CONTENT_TYPE = "application/offset+octet-stream"
PREFIX = "/api/v1/uploads"
_DIGITS = re.compile(r"^[0-9]{1,19}$")
_ALWAYS = {"Tus-Resumable": TUS_VERSION, "Cache-Control": "no-store"}


def _header(name: str, description: str, schema: dict[str, Any], *, required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "header", "required": required, "description": description, "schema": schema}


# The tus request headers, documented for clients and for schemathesis (tests/hostile/); TusRoute reads them.
_TUS_RESUMABLE = _header(
    "Tus-Resumable", f"The tus version: {TUS_VERSION}.", {"type": "string", "enum": [TUS_VERSION]}, required=True
)
_WHOLE_NUMBER_HEADER = {"type": "string", "pattern": "^[0-9]{1,19}$"}
_CREATION_HEADERS = {
    "parameters": [
        _TUS_RESUMABLE,
        _header("Upload-Length", "The age file's size in bytes.", _WHOLE_NUMBER_HEADER, required=True),
        _header(
            "Upload-Metadata",
            "Exactly `id` (a UUID) and `sha256` (lowercase hex), base64.",
            {"type": "string"},
            required=True,
        ),
    ]
}
_PATCH_HEADERS = {
    "parameters": [
        _TUS_RESUMABLE,
        _header("Upload-Offset", "The durable offset HEAD reported.", _WHOLE_NUMBER_HEADER, required=True),
        _header("Upload-Checksum", "`sha256` or `sha1`, a space, the body's digest in base64.", {"type": "string"}),
    ],
    "requestBody": {
        "required": True,
        "content": {PATCH_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}},
    },
}
_TUS_ONLY = {"parameters": [_TUS_RESUMABLE]}
# The last segment of the Location a creation answered: the upload's id and its secret.
UploadAddress = Annotated[
    str, Path(description="`{id}.{secret}`, exactly as in the Location of the creation's answer.")
]
_TUS_REFUSALS = error_responses(412, descriptions={412: f"No Tus-Resumable: {TUS_VERSION} header."})


class TusRoute(APIRoute):
    """Checks `Tus-Resumable` on every request but OPTIONS, and adds the tus headers to every response."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def tus_handler(request: Request) -> Response:
            try:
                if request.method != "OPTIONS" and request.headers.get("tus-resumable") != TUS_VERSION:
                    raise TusVersionError()
                response = await handler(request)
            except KuaError as error:
                response = error_response(error.status_code, error.code, error.message, retry_after_headers(error))
                if isinstance(error, TusVersionError):
                    response.headers["Tus-Version"] = TUS_VERSION
            response.headers.update(_ALWAYS)
            return response

        return tus_handler


@asynccontextmanager
async def clean_up_at_start(app: FastAPI) -> AsyncIterator[None]:
    """Expire old uploads and finish completions a crash interrupted (a failure must not stop the server),
    then go on removing expired uploads every `upload_sweep_seconds` while the server runs."""
    try:
        services = services_of(app)
        done = await service.clean_up(
            engine=services.engine, blobs=services.blobs, staging=services.upload_staging, now=services.clock()
        )
        if done.expired or done.leftovers:
            logger.info("Uploads: %d expired, %d leftover staging files removed.", done.expired, done.leftovers)
    except (SQLAlchemyError, OSError) as error:
        logger.warning("Upload clean-up skipped: %s", type(error).__name__)
    services = services_of(app)
    sweeping = asyncio.create_task(
        service.sweep_expired(
            engine=services.engine,
            staging=lambda: services.upload_staging,
            clock=services.clock,
            every_seconds=services.settings.upload_sweep_seconds,
        )
    )
    try:
        yield
    finally:
        sweeping.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sweeping


router = APIRouter(prefix=PREFIX, tags=["uploads"], route_class=TusRoute, lifespan=clean_up_at_start)


def _state_headers(state: service.UploadState) -> dict[str, str]:
    headers = {"Upload-Offset": str(state.offset), "Upload-Length": str(state.length)}
    if state.expires_at is not None:
        headers["Upload-Expires"] = format_datetime(state.expires_at.astimezone(UTC), usegmt=True)
    return headers


def _location(capability: Capability) -> str:
    # Relative, so it holds behind any proxy or port; tus-js-client and tuspy resolve it. The secret in it
    # is what HEAD, PATCH and DELETE need (kua.uploads.capability).
    return f"{PREFIX}/{capability.address()}"


async def _body(request: Request) -> AsyncIterator[bytes]:
    """The request body as it arrives (never buffered whole); a closed connection becomes a domain error."""
    try:
        async for chunk in request.stream():
            yield chunk
    except ClientDisconnect:
        raise BodyInterruptedError() from None


@router.options("/", status_code=204, response_class=Response)
async def describe(settings: SettingsDep) -> Response:
    """What this tus server supports."""
    return Response(
        status_code=204,
        headers={
            "Tus-Version": TUS_VERSION,
            "Tus-Extension": TUS_EXTENSIONS,
            "Tus-Checksum-Algorithm": ",".join(ALGORITHMS),
            "Tus-Max-Size": str(settings.max_attachment_bytes),
        },
    )


@router.post(
    "/",
    status_code=201,
    response_class=Response,
    responses={
        **_TUS_REFUSALS,
        **error_responses(
            400,
            409,
            413,
            429,
            503,
            507,
            descriptions={
                400: "Upload-Length or Upload-Metadata (`id`, `sha256`) missing or invalid.",
                409: "Another upload with a different length or SHA-256 has this id.",
                413: "Larger than Tus-Max-Size.",
                429: "This client holds too many unfinished uploads (count or declared bytes).",
                503: "The server holds too many unfinished uploads.",
                507: "The uploads' share of the storage quota is exhausted.",
            },
        ),
    },
    openapi_extra=_CREATION_HEADERS,
)
async def create_upload(request: Request, services: ServicesDep) -> Response:
    """Create an upload (tus creation); the same id, length and SHA-256 again answers the same Location."""
    declared = parse_creation(
        upload_length=request.headers.get("upload-length"),
        upload_metadata=request.headers.get("upload-metadata"),
        max_bytes=services.settings.max_attachment_bytes,
    )
    creation = await service.create(
        engine=services.engine,
        settings=services.settings,
        quota=services.quota,
        caps=services.upload_caps,
        client=client_pseudonym(request.scope),
        declared=declared,
        clock=services.clock,
    )
    headers = {"Location": _location(creation.capability)}
    if creation.state.expires_at is not None:
        headers["Upload-Expires"] = _state_headers(creation.state)["Upload-Expires"]
    return Response(status_code=201, headers=headers)


@router.head(
    "/{upload_id}",
    response_class=Response,
    responses={**_TUS_REFUSALS, **error_responses(404, 410, descriptions={410: "Expired."})},
    openapi_extra=_TUS_ONLY,
)
async def upload_status(upload_id: UploadAddress, services: ServicesDep) -> Response:
    """The durable offset of an upload."""
    capability = Capability.parse(upload_id)
    state = await service.status(engine=services.engine, capability=capability, clock=services.clock)
    metadata = encode_metadata(upload_id=state.upload_id, sha256=state.sha256)
    return Response(status_code=200, headers={**_state_headers(state), "Upload-Metadata": metadata})


@router.patch(
    "/{upload_id}",
    status_code=204,
    response_class=Response,
    responses={
        **_TUS_REFUSALS,
        **error_responses(
            400,
            404,
            408,
            409,
            410,
            413,
            415,
            460,
            507,
            descriptions={
                400: "Upload-Offset or Upload-Checksum malformed or unsupported, or the body was cut off.",
                408: "No byte for a minute, or the body came slower than the minimum rate; what arrived is kept.",
                409: "Wrong Upload-Offset, another request is writing, or the upload is complete.",
                410: "Expired.",
                413: "The body goes past Upload-Length.",
                415: "Not application/offset+octet-stream, or the file does not start as an age file.",
                460: "Upload-Checksum, or the SHA-256 of the whole file, does not match.",
                507: "The uploads' share of the storage quota has no room for these bytes.",
            },
        ),
    },
    openapi_extra=_PATCH_HEADERS,
)
async def append_to_upload(upload_id: UploadAddress, request: Request, services: ServicesDep) -> Response:
    """Append bytes at Upload-Offset; the answer's Upload-Offset is durable."""
    capability = Capability.parse(upload_id)
    if media_type(request.headers) != PATCH_CONTENT_TYPE:
        raise WrongContentTypeError()
    state = await receive.receive(
        engine=services.engine,
        blobs=services.blobs,
        staging=services.upload_staging,
        settings=services.settings,
        quota=services.quota,
        capability=capability,
        offset=_whole_number(request.headers.get("upload-offset")),
        content_length=_content_length(request.headers.get("content-length")),
        checksum=parse_checksum(request.headers.get("upload-checksum")),
        body=_body(request),
        clock=services.clock,
    )
    return Response(status_code=204, headers=_state_headers(state))


@router.delete(
    "/{upload_id}",
    status_code=204,
    response_class=Response,
    responses={**_TUS_REFUSALS, **error_responses(403, 404, descriptions={403: "The upload is complete."})},
    openapi_extra=_TUS_ONLY,
)
async def terminate_upload(upload_id: UploadAddress, services: ServicesDep) -> Response:
    """Delete an unfinished upload and its bytes; a completed one may be referenced by a report: 403."""
    capability = Capability.parse(upload_id)
    await service.terminate(engine=services.engine, staging=services.upload_staging, capability=capability)
    return Response(status_code=204)


def _whole_number(header: str | None) -> int:
    if header is None or not _DIGITS.match(header.strip()):
        raise InvalidUploadOffsetError()
    return int(header)


def _content_length(header: str | None) -> int | None:
    return int(header) if header is not None and _DIGITS.match(header.strip()) else None
