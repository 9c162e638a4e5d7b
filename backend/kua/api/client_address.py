"""Forget the client's network address before any Kua code sees the request.

Kua stores and logs no IP address (security brief). Removing it from the ASGI scope makes that hold
for code written later too: `request.client` is always None. The one exception runs just before this:
the rate limiter (kua.api.rate_limit), which reduces the address to a pseudonym of the day and leaves
that pseudonym in the request's state for the limits that count per client (kua.api.concurrency, the
caps on unfinished uploads). The pseudonym is never stored or logged.
"""

from starlette.types import ASGIApp, Receive, Scope, Send

_PSEUDONYM = "client_pseudonym"


def remember_pseudonym(scope: Scope, pseudonym: bytes) -> None:
    """Keep the client's pseudonym of the day with the request (the rate limiter calls this)."""
    scope.setdefault("state", {})[_PSEUDONYM] = pseudonym


def client_pseudonym(scope: Scope) -> bytes | None:
    """The client's pseudonym of the day (an HMAC of its address), if the rate limiter saw the request."""
    state = scope.get("state")
    pseudonym = state.get(_PSEUDONYM) if isinstance(state, dict) else None
    return pseudonym if isinstance(pseudonym, bytes) else None


class ForgetClientAddressMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            scope = {**scope, "client": None}
        await self.app(scope, receive, send)
