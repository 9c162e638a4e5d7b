"""The server through real HTTP: `kua serve` in a subprocess, spoken to with httpx."""

import socket

import httpx
import pytest

from kua.api.security_headers import CONTENT_SECURITY_POLICY
from tests.support.server import RunningServer

EXPECTED_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


def test_healthz_answers_without_the_database(kua_server: RunningServer) -> None:
    response = httpx.get(kua_server.url("/healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_checks_the_database_and_the_data_folder(kua_server: RunningServer) -> None:
    response = httpx.get(kua_server.url("/readyz"))
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/", "/healthz", "/api/no-such-thing"])
def test_every_response_carries_the_security_headers(kua_server: RunningServer, path: str) -> None:
    response = httpx.get(kua_server.url(path))
    for name, value in EXPECTED_HEADERS.items():
        assert response.headers.get(name) == value, name
    assert "geolocation=(self)" in response.headers["permissions-policy"]
    assert "strict-transport-security" not in response.headers  # plain HTTP: HSTS would mean nothing
    assert "server" not in response.headers


def test_an_unknown_api_address_is_a_json_error(kua_server: RunningServer) -> None:
    response = httpx.get(kua_server.url("/api/no-such-thing"))
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Nothing is served at this address."}}


def test_the_openapi_document_is_under_api(kua_server: RunningServer) -> None:
    response = httpx.get(kua_server.url("/api/openapi.json"))
    assert response.status_code == 200
    assert "/healthz" in response.json()["paths"]
    assert httpx.get(kua_server.url("/docs")).headers["content-type"].startswith("text/html")  # the app, not Swagger


def test_the_server_logs_no_client_address(kua_server: RunningServer) -> None:
    # Given a server that answered requests of every kind
    for path in ["/", "/healthz", "/readyz", "/api/no-such-thing", "/report/new", "/assets/missing.js"]:
        httpx.get(kua_server.url(path))
    httpx.post(kua_server.url("/healthz"))
    with socket.create_connection(("127.0.0.1", kua_server.port), timeout=5) as raw:
        raw.sendall(b"NOT HTTP AT ALL\r\n\r\n")  # a malformed request makes uvicorn log a warning
        raw.recv(1024)
    httpx.get(kua_server.url("/healthz"))  # the malformed request's warning is written by now
    # When someone reads everything it printed
    log = kua_server.log()
    # Then its own request log is there, without a single address
    assert "GET /healthz 200" in log
    assert "127.0.0.1" not in log
    assert "localhost" not in log


@pytest.mark.parametrize(
    ("method", "path", "status", "code", "message"),
    [
        ("GET", "/api/no-such-thing", 404, "not_found", "Nothing is served at this address."),
        ("DELETE", "/api/openapi.json", 405, "method_not_allowed", "This address does not accept that method."),
        ("PUT", "/api/v1/reports/not-a-uuid", 422, "invalid_request", "report_id must be a UUID."),
    ],
)
def test_api_refusals_are_one_json_shape_with_the_headers_and_never_stored(
    kua_server: RunningServer, method: str, path: str, status: int, code: str, message: str
) -> None:
    response = httpx.request(method, kua_server.url(path), content=b"age-encryption.org/v1\n")
    assert response.status_code == status
    assert response.json() == {"error": {"code": code, "message": message}}
    for name, value in EXPECTED_HEADERS.items():
        assert response.headers.get(name) == value, name
    assert response.headers["cache-control"] == "no-store"


def test_a_wrong_method_names_the_allowed_ones(kua_server: RunningServer) -> None:
    response = httpx.delete(kua_server.url("/api/openapi.json"))
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
