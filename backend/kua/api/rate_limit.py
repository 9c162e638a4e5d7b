"""Request-rate limits per client that identify no one (kua.abuse.rate_limit does the counting).

This is the only Kua code that reads the client's address. It runs before ForgetClientAddressMiddleware
removes the address from the request, turns it into a pseudonym at once (HMAC-SHA256 under a random key
of the day, held in memory only) and logs nothing about the client, refused or not. A refusal is a 429
with Retry-After and the usual JSON error. /healthz and /readyz are exempt: proxies and orchestrators
poll them. So are reads of the reporter app's files (GET and HEAD outside /api/): a cold install alone
is about 40 of them, and carrier-grade NAT puts many phones behind one address; they have no body,
and the head's deadline bounds them (kua.api.request_head).

The API's requests count in two classes, each with a bucket of its own per address: reads with no body
(GET and HEAD under /api/: the recipient list, a tus offset, the push key, the review console's reads)
and writes (every other method: sending a report, creating and appending to an upload, asking what
became of reports, signing in). A phone that polls, or a crowd of them behind one carrier address, so cannot spend the
budget that sending needs. The writes' default (KUA_RATE_LIMIT_PER_MINUTE, KUA_RATE_LIMIT_BURST) is
sized so that 20 phones behind one address can each install the app and send a report with a photo at
once (3 to 5 writes each, tests/browser/test_reporter_crowd.py); reads take the same numbers unless
KUA_READ_RATE_LIMIT_PER_MINUTE and KUA_READ_RATE_LIMIT_BURST say otherwise.

Behind a reverse proxy every request comes from the proxy's address, so the limit applies to all the
clients of that proxy together: size KUA_RATE_LIMIT_PER_MINUTE and KUA_RATE_LIMIT_BURST for everything
it forwards (and limit single clients in the proxy, if at all). Kua deliberately does not trust
X-Forwarded-For (uvicorn runs with proxy_headers=False): any client can write that header, and reading
it would bring addresses into the application.

Sign-ins (`POST /api/v1/review/session`) also spend from a much smaller budget of their own
(KUA_SIGN_IN_PER_MINUTE, KUA_SIGN_IN_BURST): it bounds how fast one client can guess, whatever names it
tries, and so says nothing about which names exist. Each try costs an Argon2 verification (64 MiB, a
tenth of a second of CPU), so the budget also keeps sign-ins from being a cheap way to load the server.

The buckets live in the process: several worker processes would each keep their own.
"""

from collections.abc import Callable
from datetime import datetime

from starlette.types import ASGIApp, Receive, Scope, Send

from kua.abuse.rate_limit import MAX_BUCKETS, RateLimiter
from kua.api.client_address import remember_pseudonym
from kua.api.errors import error_response
from kua.clock import utc_now

EXEMPT_PATHS = frozenset({"/healthz", "/readyz"})
SIGN_IN = ("POST", "/api/v1/review/session")
READS = frozenset({"GET", "HEAD"})  # no body: a class of their own, so that they never crowd out writes


class RateLimitMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        per_minute: int,
        burst: int,
        read_per_minute: int | None = None,
        read_burst: int | None = None,
        sign_in_per_minute: int = 5,
        sign_in_burst: int = 10,
        max_buckets: int = MAX_BUCKETS,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.app = app
        self.limiter = RateLimiter(per_minute=per_minute, burst=burst, max_buckets=max_buckets, clock=clock)
        self.read_limiter = RateLimiter(
            per_minute=read_per_minute or per_minute, burst=read_burst or burst, max_buckets=max_buckets, clock=clock
        )
        self.sign_in_limiter = RateLimiter(
            per_minute=sign_in_per_minute, burst=sign_in_burst, max_buckets=max_buckets, clock=clock
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT_PATHS or _reporter_app_file(scope):
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        address = client[0] if client else ""
        limiter = self.read_limiter if scope["method"] in READS else self.limiter
        decision = limiter.admit(address)
        # Reads get their pseudonym from the read bucket's key: only writes are counted per client later on.
        remember_pseudonym(scope, decision.pseudonym)
        if decision.allowed and (scope["method"], scope["path"]) == SIGN_IN:
            decision = self.sign_in_limiter.admit(address)
        if decision.allowed:
            await self.app(scope, receive, send)
            return
        wait = decision.retry_after
        message = f"Too many requests; try again in {wait} second{'' if wait == 1 else 's'}."
        refusal = error_response(429, "rate_limited", message, headers={"Retry-After": str(wait)})
        await refusal(scope, receive, send)


def _reporter_app_file(scope: Scope) -> bool:
    return scope["method"] in READS and not scope["path"].startswith("/api/")
