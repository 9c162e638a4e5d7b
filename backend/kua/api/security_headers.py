"""Security headers on every response, the served app's pages and the API's errors alike.

API responses are never stored by a browser either (`Cache-Control: no-store`): receipts and statuses
must not stay in the HTTP cache of a phone that may be seized. A route cannot loosen that, except
the recipient list: public, signed, already kept by every phone in IndexedDB, and asked for again with
`If-None-Match` (`no-cache`: a cache may keep it but must ask the server before using it).
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script or style, no third-party host: the app's code is the residual risk (security brief).
# blob: images and media are what the browser decrypted itself (photos, voice: docs/media.md).
# 'wasm-unsafe-eval' lets the app's own WebAssembly compile (hash-wasm's SHA-256 of large photos, about 5x
# faster than JavaScript on a phone: docs/crypto.md); it allows no JavaScript eval, and code still comes
# only from 'self'.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob: data:; "
    "media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)

BASE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    # The reporter records voice (docs/media.md): the microphone for this origin only, never a frame.
    "Permissions-Policy": "geolocation=(self), camera=(self), microphone=(self), payment=(), usb=()",
}
HSTS = "max-age=63072000; includeSubDomains"
API_CACHE_CONTROL = "no-store"
REVALIDATED_API_PATHS = {"/api/v1/recipients": "no-cache"}


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        self.headers = dict(BASE_HEADERS)
        if https:  # over plain HTTP the header is ignored, and it would pin development hosts
            self.headers["Strict-Transport-Security"] = HSTS

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        api = _is_api_path(scope["path"])
        revalidated = REVALIDATED_API_PATHS.get(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
                if api:
                    # Refusals (404, 429) stay no-store: only the list itself may be revalidated.
                    listed = revalidated is not None and message["status"] in (200, 304)
                    headers["Cache-Control"] = revalidated if listed and revalidated else API_CACHE_CONTROL
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _is_api_path(path: str) -> bool:
    """The API, and /metrics (kua.api.metrics) whose figures and refusals no cache should keep either."""
    return path in ("/api", "/metrics") or path.startswith("/api/")
