"""The console on a host name of its own (`KUA_CONSOLE_BASE_URL`): the reporter's host then shows
nothing of it.

The reporter app's host name is neutral on purpose; a family's phone, or whoever holds it, should not
learn that the same server runs a "Kua" review console. With a console host set, a request for the
console (its page under /review, its service worker and files, the review API, the OpenAPI schema)
that arrives under any other host name is answered exactly as a path that does not exist: a page route
gets the reporter app's page, an API path the API's 404, a file the 404 of a missing file. Nothing is
refused in a way that could be told apart from absence.
"""

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from kua.api.frontend import CONSOLE_PREFIX

CONSOLE_API = "/api/v1/review"
CONSOLE_FILES = ("/review.html", "/review-sw.js", "/assets/review-")
SCHEMA = "/api/openapi.json"


def host_of(base_url: str) -> str:
    """The host name of a base URL, lower case, without port."""
    return (urlsplit(base_url).hostname or "").lower()


def console_path(path: str) -> bool:
    """Whether `path` belongs to the console (its page, files, API or the API schema)."""
    page, api = f"/{CONSOLE_PREFIX}", CONSOLE_API
    return path in (page, api, SCHEMA) or path.startswith((f"{page}/", f"{api}/", *CONSOLE_FILES))


def absent(path: str) -> str:
    """A path the server answers as it answers one that does not exist, of the same kind."""
    if path.startswith("/api/"):
        return "/api/v1/no-such-route"
    if "." in path.rsplit("/", 1)[-1]:
        return "/assets/no-such-file.js"
    return "/"


class ConsoleHostMiddleware:
    def __init__(self, app: ASGIApp, *, console_host: str) -> None:
        self.app = app
        self.console_host = console_host

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and console_path(scope["path"]) and self._host(scope) != self.console_host:
            path = absent(scope["path"])
            scope = {**scope, "path": path, "raw_path": path.encode(), "query_string": b""}
        await self.app(scope, receive, send)

    @staticmethod
    def _host(scope: Scope) -> str:
        headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
        host = next((value for name, value in headers if name == b"host"), b"")
        return host.decode("latin-1").rsplit(":", 1)[0].strip("[]").lower()
