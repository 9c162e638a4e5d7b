"""A request body as it arrives, for the routes that take a sealed body (reports, answers, questions, notes,
cases): the age file check of their headers, its OpenAPI snippet, and the body streamed.

A phone that hangs up mid-body ends the request with `400 body_interrupted` rather than an unhandled
`ClientDisconnect` (a 500 and a traceback in the log); a body from which no byte arrives for
`STALL_SECONDS` ends it with `408 body_stalled`, and one that arrives slower than the minimum rate
(kua.intake.pace, after its grace period) with `408 body_too_slow`, freeing the connection (tus uploads
have the same rules, kua.uploads.receive). Either way nothing of the body is kept.
"""

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

from starlette.datastructures import Headers
from starlette.requests import ClientDisconnect, Request

from kua.api.services import services_of
from kua.errors import KuaError
from kua.intake.body import whole_small_age_file
from kua.intake.errors import NotAnAgeFileError
from kua.intake.pace import Pace

STALL_SECONDS = 60.0


class BodyInterruptedError(KuaError):
    status_code = 400
    code = "body_interrupted"
    message = "The connection closed before the whole body arrived; nothing of it was kept."


class BodyStalledError(KuaError):
    status_code = 408
    code = "body_stalled"
    message = "No byte of the body arrived for a minute; nothing of it was kept, send it again."


class BodyTooSlowError(KuaError):
    status_code = 408
    code = "body_too_slow"
    message = "The body arrived too slowly; nothing of it was kept, send it again on a better connection."


def body_pace(request: Request) -> Pace:
    """The pace every body must keep, from the app's settings (the stall limit is STALL_SECONDS)."""
    settings = services_of(request.app).settings
    return Pace(settings.body_grace_seconds, settings.body_min_bytes_per_second, STALL_SECONDS)


async def streamed_body(request: Request) -> AsyncIterator[bytes]:
    """The body's chunks as they arrive, never buffered whole; see the module docstring for the refusals."""
    chunks = aiter(request.stream())
    pace = body_pace(request)
    loop = asyncio.get_running_loop()
    started, received = loop.time(), 0
    while True:
        deadline, too_slow = pace.next_deadline(started=started, received=received, now=loop.time())
        try:
            # asyncio's own timeout: half the cost of anyio's cancel scope, on the ingest hot path.
            async with asyncio.timeout_at(deadline):
                chunk = await anext(chunks)
        except StopAsyncIteration:
            return
        except ClientDisconnect:
            raise BodyInterruptedError() from None
        except TimeoutError:
            raise (BodyTooSlowError() if too_slow else BodyStalledError()) from None
        received += len(chunk)
        yield chunk


AGE_FILE = "application/octet-stream"
# The request body of every route that takes an age file, for OpenAPI (`openapi_extra`).
AGE_FILE_BODY: dict[str, Any] = {
    "requestBody": {"required": True, "content": {AGE_FILE: {"schema": {"type": "string", "format": "binary"}}}}
}


def media_type(headers: Headers) -> str:
    """The Content-Type without its parameters, lowercased ("" when there is none)."""
    return (headers.get("content-type") or "").split(";")[0].strip().lower()


def check_age_file_headers(headers: Headers, *, what: str, max_bytes: int, too_large: Callable[[], KuaError]) -> None:
    """Refuse, before a byte of the body is read, a body not sent as an age file (415 not_age_encrypted)
    or one whose Content-Length is past `max_bytes` (`too_large()`, a 413). `what` names the body."""
    if media_type(headers) != AGE_FILE:
        raise NotAnAgeFileError(f"{what} must be sent as {AGE_FILE} (an age file).")
    length = headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > max_bytes:
        raise too_large()


def small_age_file(
    *, what: str, max_bytes: int, too_large: Callable[[], KuaError]
) -> Callable[[Request], Coroutine[Any, Any, bytes]]:
    """A dependency: the request body whole, an age file of at most `max_bytes` (a note, a question...),
    checked by its headers first and then as it arrives (kua.intake.body)."""

    async def age_file(request: Request) -> bytes:
        check_age_file_headers(request.headers, what=what, max_bytes=max_bytes, too_large=too_large)
        return await whole_small_age_file(streamed_body(request), max_bytes=max_bytes, too_large=too_large)

    return age_file


def kib(size: int) -> str:
    """A limit in bytes as the OpenAPI texts say it: "64 KiB"."""
    return f"{size // 1024} KiB"
