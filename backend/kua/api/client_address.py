"""Forget the client's network address before any Kua code sees the request.

Kua stores and logs no IP address (security brief). Removing it from the ASGI scope makes that hold
for code written later too: `request.client` is always None. The one exception runs just before this:
the rate limiter (kua.api.rate_limit), which reduces the address to a pseudonym of the day.
"""

from starlette.types import ASGIApp, Receive, Scope, Send


class ForgetClientAddressMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            scope = {**scope, "client": None}
        await self.app(scope, receive, send)
