"""A minimal request log: method, route template, status and duration. Never the client's address."""

import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("kua.request")


class RequestLogMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def note_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, note_status)
        finally:
            elapsed_ms = (time.perf_counter() - started) * 1000
            logger.info("%s %s %d %.1fms", scope["method"], _template(scope), status, elapsed_ms)


def _template(scope: Scope) -> str:
    """The route's template, never the path itself: paths may carry report or upload ids."""
    template = getattr(scope.get("route"), "path", None)
    if template:
        return str(template)
    endpoint = scope.get("endpoint")  # routes FastAPI does not record (mounts, the OpenAPI document)
    if endpoint is not None:
        return f"({getattr(endpoint, '__name__', type(endpoint).__name__)})"
    return "(unmatched)"
