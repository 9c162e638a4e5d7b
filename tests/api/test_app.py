"""The application in-process: the served reporter app, readiness failures and the error shape."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.responses import PlainTextResponse
from starlette.types import Receive, Scope, Send

from kua.api import create_app
from kua.api.client_address import ForgetClientAddressMiddleware
from kua.api.errors import install_error_handlers
from kua.api.internal_error import InternalErrorMiddleware
from kua.api.rate_limit import RateLimitMiddleware
from kua.api.security_headers import SecurityHeadersMiddleware
from kua.config import Settings
from kua.db import migrate
from kua.errors import KuaError
from tests.intake.reporter import status_claims
from tests.support.databases import sqlite_url

pytestmark = pytest.mark.slow

INDEX = "<!doctype html><title>Kua</title><h1>Kua</h1>"


def make_settings(tmp_path: Path, **values: object) -> Settings:
    data_dir = tmp_path / "data"
    data_dir.mkdir(exist_ok=True)
    values.setdefault("database_url", sqlite_url(data_dir))
    return Settings(_env_file=None, env="development", data_dir=data_dir, **values)  # type: ignore[arg-type]


@pytest.fixture
def built_frontend(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    (dist / "assets" / "reporter.js").write_text("document.documentElement.dataset.ready = '1';\n")
    (dist / "sw.js").write_text("self.addEventListener('fetch', () => {});\n")
    (dist / "manifest.webmanifest").write_text('{"name": "Notes"}')
    return dist


@pytest.fixture
def client(tmp_path: Path, built_frontend: Path) -> Iterator[TestClient]:
    settings = make_settings(tmp_path, frontend_dir=built_frontend)
    migrate.upgrade(settings.database_url, settings.migrations_dir)
    with TestClient(create_app(settings)) as client:
        yield client


def test_the_reporter_app_is_served_at_the_root(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.text == INDEX


def test_the_apps_own_routes_get_index_html(client: TestClient) -> None:
    response = client.get("/report/new")
    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["cache-control"] == "no-cache"


def test_the_review_console_is_its_own_page(client: TestClient, built_frontend: Path) -> None:
    (built_frontend / "review.html").write_text("<!doctype html><title>Console</title>")
    for path in ("/review", "/review/", "/review/queue"):
        response = client.get(path)
        assert (response.status_code, response.text) == (200, "<!doctype html><title>Console</title>"), path
        assert response.headers["cache-control"] == "no-cache"
    assert client.get("/reviewer").text == INDEX  # only the /review folder


def test_built_files_are_served_and_missing_ones_are_not_replaced_by_html(client: TestClient) -> None:
    assert client.get("/assets/reporter.js").headers["content-type"].startswith("text/javascript")
    missing = client.get("/assets/reporter-old.js")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_hashed_assets_are_kept_and_everything_else_is_revalidated(client: TestClient) -> None:
    # Given a build: assets/ named by content hash, and the service worker, manifest and page that change
    assert client.get("/assets/reporter.js").headers["cache-control"] == "public, max-age=31536000, immutable"
    for path in ("/", "/sw.js", "/manifest.webmanifest"):
        assert client.get(path).headers["cache-control"] == "no-cache", path
    assert client.get("/manifest.webmanifest").headers["content-type"] == "application/manifest+json"


def test_the_apps_scripts_are_compressed_and_api_answers_are_not(client: TestClient, built_frontend: Path) -> None:
    # Given a script of the app large enough to be worth compressing, and a font that is compressed already
    script = "const words = " + repr(["сообщение"] * 500) + ";\n"
    (built_frontend / "assets" / "big.js").write_text(script)
    (built_frontend / "assets" / "font.woff2").write_bytes(bytes(range(256)) * 20)
    gzip_ok = {"Accept-Encoding": "gzip"}
    # Then the script comes gzipped (httpx decodes it back to the same text), the font as it is
    response = client.get("/assets/big.js", headers=gzip_ok)
    assert (response.headers.get("content-encoding"), response.text) == ("gzip", script)
    assert "Accept-Encoding" in response.headers["vary"]
    assert "content-encoding" not in client.get("/assets/font.woff2", headers=gzip_ok).headers
    # And no API answer is ever compressed, however large
    ids = [str(uuid.uuid4()) for _ in range(200)]
    status = client.post("/api/v1/reports/status", json=status_claims(*ids), headers=gzip_ok)
    assert status.status_code == 200 and len(status.content) > 10_000
    assert "content-encoding" not in status.headers


def test_paths_escaping_the_build_are_refused(client: TestClient, built_frontend: Path) -> None:
    (built_frontend.parent / "outside.txt").write_text("not for the public")
    response = client.get("/%2e%2e/outside.txt")
    assert response.status_code == 404
    assert "not for the public" not in response.text


def test_an_unbuilt_frontend_gets_a_clear_503_page(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, frontend_dir=tmp_path / "never-built")
    migrate.upgrade(settings.database_url, settings.migrations_dir)
    with TestClient(create_app(settings)) as client:
        response = client.get("/")
        assert response.status_code == 503
        assert "has not been built" in response.text
        assert "make frontend" in response.text
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        assert client.get("/healthz").status_code == 200


def test_readyz_refuses_an_unmigrated_database(tmp_path: Path, built_frontend: Path) -> None:
    settings = make_settings(tmp_path, frontend_dir=built_frontend)
    with TestClient(create_app(settings)) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "not_ready"
    assert "schema" in response.json()["error"]["message"]


def test_readyz_refuses_an_unreachable_database(tmp_path: Path, built_frontend: Path) -> None:
    settings = make_settings(
        tmp_path, frontend_dir=built_frontend, database_url=sqlite_url(tmp_path / "no" / "such" / "folder")
    )
    with TestClient(create_app(settings)) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"error": {"code": "not_ready", "message": "The database does not answer."}}


def test_readyz_refuses_a_data_folder_it_cannot_write(tmp_path: Path, built_frontend: Path) -> None:
    settings = make_settings(tmp_path, frontend_dir=built_frontend)
    migrate.upgrade(settings.database_url, settings.migrations_dir)
    settings.data_dir = tmp_path / "a-file-not-a-folder"
    settings.data_dir.write_text("")
    with TestClient(create_app(settings)) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["error"]["message"] == "The data folder is not writable."


def test_a_kua_error_is_rendered_with_its_code_and_one_sentence() -> None:
    class ReportTooLarge(KuaError):
        status_code = 413
        code = "report_too_large"
        message = "The report is larger than the server accepts."

    app = FastAPI()
    install_error_handlers(app)

    @app.post("/api/reports")
    def receive_report() -> None:
        raise ReportTooLarge()

    response = TestClient(app).post("/api/reports")
    assert response.status_code == 413
    assert response.json() == {
        "error": {"code": "report_too_large", "message": "The report is larger than the server accepts."}
    }


def test_hsts_is_sent_only_behind_https(tmp_path: Path, built_frontend: Path) -> None:
    settings = make_settings(tmp_path, frontend_dir=built_frontend, public_base_url="https://kua.example.org/")
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").headers["strict-transport-security"].startswith("max-age=")


def test_no_kua_code_ever_sees_the_client_address(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path))
    # Outermost first: before the address is forgotten, only the rate limiter reads it (as a pseudonym of
    # the day); the two outside it add headers and turn failures into JSON, reading no address.
    outermost_first: list[object] = [middleware.cls for middleware in app.user_middleware]
    assert outermost_first[:4] == [
        SecurityHeadersMiddleware,
        InternalErrorMiddleware,
        RateLimitMiddleware,
        ForgetClientAddressMiddleware,
    ]
    seen: list[object] = []

    async def endpoint(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(scope["client"])
        await PlainTextResponse("ok")(scope, receive, send)

    TestClient(ForgetClientAddressMiddleware(endpoint)).get("/")
    assert seen == [None]
