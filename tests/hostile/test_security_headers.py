"""The security headers on every answer of a real `kua serve`: each operation of the OpenAPI document
(signed in or not, accepted or refused), the reporter app's and the console's files, and the error
statuses. tests/api checks a few addresses; this goes through all of them.
"""

import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from kua.api.security_headers import CONTENT_SECURITY_POLICY
from tests.hostile.raw import exchange_at, head_of
from tests.hostile.stored import Reviewer
from tests.support.app import migrated_app
from tests.support.server import REPO, RunningServer

pytestmark = pytest.mark.slow

STATIC = ["/", "/report/new", "/review", "/review/queue", "/sw.js", "/review-sw.js", "/exit.html", "/exit.css"]
STATIC += ["/manifest.webmanifest", "/icon.svg", "/assets/no-such-file.js", "/no-such-page", "/%2e%2e/pyproject.toml"]
METHODS_WITHOUT_BODY = {"get", "head", "delete", "options"}
# Test ids name it: a fixed value keeps them the same in every process that collects them (pytest-xdist).
SOME_ID = "5b0c2f4e-8d3a-4f6b-9c1e-2a7d4e6f8b0c"


def assert_strict_headers(response: httpx.Response | Any) -> None:
    """The CSP (no inline script or style, no framing), no referrer, no sniffing, and a permissions policy."""
    where = f"{response.request.method} {response.request.url} -> {response.status_code}"
    headers = response.headers
    csp = headers.get("content-security-policy", "")
    assert csp == CONTENT_SECURITY_POLICY, where
    # 'wasm-unsafe-eval' (WebAssembly only) is allowed; JavaScript's eval is not.
    assert "unsafe-inline" not in csp and "'unsafe-eval'" not in csp and "frame-ancestors 'none'" in csp, where
    assert headers.get("referrer-policy") == "no-referrer", where
    assert headers.get("x-content-type-options") == "nosniff", where
    assert headers.get("x-frame-options") == "DENY", where
    assert "microphone=(self)" in headers.get("permissions-policy", ""), where
    if response.request.url.path.startswith("/api/"):
        assert headers.get("cache-control") == "no-store", where


def operations(server: RunningServer) -> list[tuple[str, str]]:
    document = httpx.get(server.url("/api/openapi.json")).json()
    return [(method, path) for path, item in document["paths"].items() for method in item]


def test_every_operation_answers_with_the_headers_signed_in_or_not(
    hostile_server: RunningServer, admin: Reviewer
) -> None:
    seen = 0
    for method, template in operations(hostile_server):
        path = template.replace("{token}", "unknown").format_map(_AnyId())
        body: dict[str, Any] = {} if method in METHODS_WITHOUT_BODY else {"content": b"age-encryption.org/v1\n"}
        anonymous = httpx.request(method.upper(), hostile_server.url(path), **body)
        signed_in = admin.client.request(
            method.upper(), hostile_server.url(path), headers={"X-Kua-CSRF": admin.csrf_token}, **body
        )
        for response in (anonymous, signed_in):
            assert response.status_code < 500, (method, path, response.text)
            assert_strict_headers(response)
            seen += 1
    assert seen >= 80


@pytest.mark.parametrize("path", STATIC)
def test_the_apps_files_and_pages_carry_the_headers(hostile_server: RunningServer, path: str) -> None:
    response = httpx.get(hostile_server.url(path))
    assert_strict_headers(response)
    assert "pyproject" not in response.text


def test_the_built_assets_carry_the_headers(hostile_server: RunningServer) -> None:
    assets = sorted((REPO / "frontend" / "dist" / "assets").glob("*"))[:20]
    for asset in assets:
        assert_strict_headers(httpx.get(hostile_server.url(f"/assets/{asset.name}")))


@pytest.mark.parametrize(
    ("method", "path", "headers", "content", "status"),
    [
        ("GET", "/api/v1/no-such-thing", {}, None, 404),
        ("DELETE", "/api/openapi.json", {}, None, 405),
        ("PUT", f"/api/v1/reports/{SOME_ID}", {"Content-Type": "text/plain"}, b"plaintext", 415),
        ("PUT", "/api/v1/reports/not-a-uuid", {}, b"age-encryption.org/v1\n", 422),
        ("POST", "/api/v1/uploads/", {}, None, 412),
    ],
)
def test_error_statuses_carry_the_headers(
    hostile_server: RunningServer, method: str, path: str, headers: dict[str, str], content: bytes | None, status: int
) -> None:
    response = httpx.request(method, hostile_server.url(path), headers=headers, content=content)
    assert response.status_code == status
    assert_strict_headers(response)


def test_a_body_too_large_is_refused_with_the_headers(hostile_server: RunningServer) -> None:
    # Announced far beyond the limit and never sent: answered at once, from Content-Length
    head = (
        f"PUT /api/v1/reports/{uuid.uuid4()} HTTP/1.1\r\nHost: kua\r\nContent-Type: application/octet-stream\r\n"
        f"Content-Length: {2**30}\r\n\r\nage-encryption.org/v1\n"
    )
    answer = exchange_at(hostile_server.port, head.encode(), wait=10)
    assert answer.startswith(b"HTTP/1.1 413 ")
    headers = head_of(answer)
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert (headers["referrer-policy"], headers["x-content-type-options"]) == ("no-referrer", "nosniff")
    assert (headers["x-frame-options"], headers["cache-control"]) == ("DENY", "no-store")


def test_a_rate_limited_answer_carries_the_headers(tmp_path: Path) -> None:
    with TestClient(migrated_app(tmp_path, rate_limit_per_minute=1, rate_limit_burst=1)) as client:
        client.get("/api/v1/recipients")
        refused = client.get("/api/v1/recipients")
    assert refused.status_code == 429
    assert_strict_headers(refused)


class _AnyId(dict[str, str]):
    """Every `{name}` of a path template becomes a fresh UUID."""

    def __missing__(self, key: str) -> str:
        return str(uuid.uuid4())
