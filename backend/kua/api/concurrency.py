"""Caps on requests with a body in progress at once: per client pseudonym, and for the whole process.

A body (a report, a tus PATCH, a sign-in) holds a task and a connection while it arrives; the minimum
rate of kua.intake.pace bounds how long, these caps bound how many. Over the client's cap the answer is
`429 too_many_requests_in_progress`, over the process's `503 server_busy`, both with Retry-After; a
phone keeps what it was sending and tries again.

Only PUT, PATCH and POST count. The reporter app's files, HEAD and the other reads have no body: the
head's own deadline bounds them (kua.api.request_head), and a cold install alone is about 40 of them.
The client's cap is sized for carrier-grade NAT, where many phones share one address (so one pseudonym):
64 bodies in progress at once is far more than a crowd of phones sends at one moment, while a single
attacker who holds 64 slow bodies must still send 64 x 512 bytes a second. The process's cap (512)
stays below uvicorn's own connection limit (`kua serve`), so a refusal is this JSON answer rather
than uvicorn's bare 503. The counters live in the process, like the rate limiter's buckets.
"""

from collections import Counter

from starlette.types import ASGIApp, Receive, Scope, Send

from kua.api.client_address import client_pseudonym
from kua.api.errors import error_response

BODY_METHODS = frozenset({"PUT", "PATCH", "POST"})
RETRY_AFTER_SECONDS = 5


class ConcurrencyLimitMiddleware:
    def __init__(self, app: ASGIApp, *, per_client: int, total: int) -> None:
        self.app = app
        self.per_client, self.total = per_client, total
        self._by_client: Counter[bytes] = Counter()
        self._in_progress = 0

    def __repr__(self) -> str:  # never a pseudonym
        return f"ConcurrencyLimitMiddleware(in_progress={self._in_progress}, clients={len(self._by_client)})"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        client = client_pseudonym(scope) or b""
        if self._by_client[client] >= self.per_client:
            message = "Too many requests from this network are in progress; try again in a few seconds."
            await self._refuse(429, "too_many_requests_in_progress", message, scope, receive, send)
            return
        if self._in_progress >= self.total:
            message = "The server is busy; try again in a few seconds."
            await self._refuse(503, "server_busy", message, scope, receive, send)
            return
        self._by_client[client] += 1
        self._in_progress += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self._in_progress -= 1
            self._by_client[client] -= 1
            if not self._by_client[client]:
                del self._by_client[client]

    @staticmethod
    async def _refuse(status: int, code: str, message: str, scope: Scope, receive: Receive, send: Send) -> None:
        refusal = error_response(status, code, message, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
        await refusal(scope, receive, send)
