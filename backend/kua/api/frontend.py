"""The built reporter app (frontend/dist), with index.html for the app's own routes."""

import mimetypes
import os
from pathlib import Path, PurePosixPath

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Match
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import ASGIApp, Scope

NOT_BUILT_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kua: app not built</title></head>
<body><h1>The reporter app has not been built</h1>
<p>The server is running, but there is no built app in its frontend folder.
Run <code>make frontend</code> (or <code>npm ci &amp;&amp; npm run build</code> in <code>frontend/</code>),
or set KUA_FRONTEND_DIR to the folder holding index.html.</p></body></html>
"""

API_PREFIX = "api"
CONSOLE_PREFIX = "review"
# Vite names every file under assets/ by its content hash: it never changes, so phones may keep it.
IMMUTABLE = "public, max-age=31536000, immutable"
# Everything else (index.html, sw.js, the manifest, icons) must be revalidated, or an update never lands.
REVALIDATE = "no-cache"

mimetypes.add_type("application/manifest+json", ".webmanifest")
# Already compressed: gzip would only cost the server time.
PRECOMPRESSED_TYPES = ("font/woff2", "image/png", "image/jpeg", "image/webp", "text/event-stream")
# Copies the build writes beside a text file (frontend/build/precompress.ts), best first.
PRECOMPRESSED_COPIES = (("br", ".br"), ("gzip", ".gz"))


def compressed(app: ASGIApp) -> ASGIApp:
    """gzip for the app's scripts, styles and pages that have no precompressed copy, when the browser accepts it."""
    return GZipMiddleware(app, minimum_size=1024, exclude_content_types=PRECOMPRESSED_TYPES)


def accepted_encodings(accept_encoding: str) -> set[str]:
    """The content codings an Accept-Encoding header allows (`;q=0` refuses one)."""
    accepted = set()
    for item in accept_encoding.lower().split(","):
        coding, _, parameter = item.partition(";")
        name, _, value = parameter.partition("=")
        try:
            refused = name.strip() == "q" and float(value) == 0
        except ValueError:
            refused = False
        if coding.strip() and not refused:
            accepted.add(coding.strip())
    return accepted


class ReporterApp(StaticFiles):
    """Serves files from the build; a path that names no file and has no extension gets index.html
    (review.html under /review, the reviewer console).

    Paths with an extension (a missing script or image) get a plain 404: answering them with HTML
    would let a stale service worker cache a page as a script.
    """

    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory, html=True, check_dir=False)
        self.index = directory / "index.html"
        self.console = directory / "review.html"

    async def check_config(self) -> None:
        """A missing build is reported per request (503), not by crashing the server."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        if PurePosixPath(path).parts[:1] == (API_PREFIX,):
            raise self._not_an_api_route(scope)
        if not self.index.is_file():
            return HTMLResponse(NOT_BUILT_PAGE, status_code=503, headers={"Cache-Control": "no-store"})
        try:
            response = await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404 or os.path.splitext(path)[1] or scope["method"] not in ("GET", "HEAD"):
                raise
        else:
            hashed = PurePosixPath(path).parts[:1] == ("assets",)
            response.headers["Cache-Control"] = IMMUTABLE if hashed else REVALIDATE
            return response
        # The app decides what to show for its own routes; index.html must never be cached stale.
        # /review and below is the reviewer console, a page of its own that phones never load.
        page = self.index
        if PurePosixPath(path).parts[:1] == (CONSOLE_PREFIX,) and self.console.is_file():
            page = self.console
        return FileResponse(page, headers={"Cache-Control": REVALIDATE})

    def file_response(
        self, full_path: os.PathLike[str] | str, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        """The file, or its Brotli or gzip copy from the build when the browser accepts that coding.

        Each copy has its own ETag (its own size and time), so a revalidation gets a 304 for the copy it holds.
        A copy older than the file is never sent (a file edited after the build, as tests do to sw.js).
        """
        request_headers = Headers(scope=scope)
        media_type = mimetypes.guess_type(str(full_path))[0] or "text/plain"
        accepted = accepted_encodings(request_headers.get("accept-encoding", ""))
        coding, path, stat = None, Path(full_path), stat_result
        for candidate, suffix in PRECOMPRESSED_COPIES:
            if candidate not in accepted:
                continue
            copy = Path(f"{full_path}{suffix}")
            try:
                copy_stat = os.stat(copy)  # one system call per copy on every request, not is_file() and stat()
            except FileNotFoundError:
                continue
            # A copy older than its file is stale (the file was changed after the build): send the file.
            if copy_stat.st_mtime >= stat_result.st_mtime:
                coding, path, stat = candidate, copy, copy_stat
                break
        response = FileResponse(path, status_code=status_code, stat_result=stat, media_type=media_type)
        if coding:  # the original, when sent, gets its Vary from compressed() (GZipMiddleware)
            response.headers["Content-Encoding"] = coding
            response.headers["Vary"] = "Accept-Encoding"
        if self.is_not_modified(response.headers, request_headers):
            return NotModifiedResponse(response.headers)
        return response

    def _serves(self, route: object) -> bool:
        """Whether `route` is this app's own mount (possibly behind compressed())."""
        app = getattr(route, "app", None)
        return app is self or getattr(app, "app", None) is self

    def _not_an_api_route(self, scope: Scope) -> HTTPException:
        """404, or 405 if an API route has this path with other methods (mounted at "/", this app gets both)."""
        router = scope.get("router")
        routes = [route for route in getattr(router, "routes", ()) if not self._serves(route)]
        allowed = [
            method
            for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
            if any(route.matches({**scope, "method": method})[0] is Match.FULL for route in routes)
        ]
        if allowed:
            return HTTPException(status_code=405, headers={"Allow": ", ".join(allowed)})
        return HTTPException(status_code=404)
