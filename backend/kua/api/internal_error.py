"""An unhandled exception becomes the JSON 500 inside Kua's middleware, so it still gets the security headers.

Starlette answers unhandled exceptions in its outermost middleware, outside every header Kua adds, and
then lets the server log the traceback with the exception's message, which may quote the request. Here
the log names only the exception's type and the lines of code it passed through.
"""

import logging
import traceback

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kua.api.errors import error_response

logger = logging.getLogger(__name__)

CODE = "internal_error"
MESSAGE = "The server failed to handle the request."


class InternalErrorMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def note_start(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, note_start)
        except Exception as exc:
            logger.error("Unhandled %s (its message is not logged: it may quote the request)\n%s", *_described(exc))
            if not started:  # otherwise the response is cut short, which the client sees as a failure
                await error_response(500, CODE, MESSAGE)(scope, receive, send)


def _described(exc: BaseException) -> tuple[str, str]:
    """The exception's type and where it was raised: file, line, function and source line, nothing it held."""
    kind = f"{type(exc).__module__}.{type(exc).__qualname__}".removeprefix("builtins.")
    where = "".join(traceback.format_list(traceback.extract_tb(exc.__traceback__)))
    return kind, where.rstrip()
