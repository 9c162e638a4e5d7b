"""A request body as it arrives, for the routes that stream a sealed body (reports, answers, notes, cases).

A phone that hangs up mid-body ends the request with `400 body_interrupted` rather than an unhandled
`ClientDisconnect` (a 500 and a traceback in the log); a body from which no byte arrives for
`STALL_SECONDS` ends it with `408 body_stalled` and frees the connection (tus uploads have the same
rule of their own, kua.uploads.receive). Either way nothing of the body is kept.
"""

import asyncio
from collections.abc import AsyncIterator

from starlette.requests import ClientDisconnect, Request

from kua.errors import KuaError

STALL_SECONDS = 60.0


class BodyInterruptedError(KuaError):
    status_code = 400
    code = "body_interrupted"
    message = "The connection closed before the whole body arrived; nothing of it was kept."


class BodyStalledError(KuaError):
    status_code = 408
    code = "body_stalled"
    message = "No byte of the body arrived for a minute; nothing of it was kept, send it again."


async def streamed_body(request: Request) -> AsyncIterator[bytes]:
    """The body's chunks as they arrive, never buffered whole; see the module docstring for the refusals."""
    chunks = aiter(request.stream())
    while True:
        try:
            # asyncio's own timeout: half the cost of anyio's cancel scope, on the ingest hot path.
            async with asyncio.timeout(STALL_SECONDS):
                chunk = await anext(chunks)
        except StopAsyncIteration:
            return
        except ClientDisconnect:
            raise BodyInterruptedError() from None
        except TimeoutError:
            raise BodyStalledError() from None
        yield chunk
