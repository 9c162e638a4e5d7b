"""Every refusal under /api/ in one JSON shape, with the security headers, whatever its status (in-process).

Test-only routes stand in for routers that reject a field or fail: the whole middleware stack of the
real application still runs around them.
"""

import logging
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
from fastapi import APIRouter, FastAPI, HTTPException, Query, Response
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field

from kua.api.errors import ErrorPublic, error_responses, install_error_handlers
from kua.api.security_headers import CONTENT_SECURITY_POLICY
from tests.support.app import add_test_only_routes, migrated_app
from tests.support.refusals import assert_refused

pytestmark = pytest.mark.slow

SECRET_IN_REQUEST = "Aigerim-Nurlanovna-Street-12"
STATUS = "/api/test-only/reports/status"
# Test ids name it: a fixed value keeps them the same in every process that collects them (pytest-xdist).
SOME_ID = "5b0c2f4e-8d3a-4f6b-9c1e-2a7d4e6f8b0c"


class StatusRequest(BaseModel):
    report_ids: list[uuid.UUID] = Field(max_length=2)


router = APIRouter(prefix="/api/test-only")


@router.get("/reports/{report_id}", responses=error_responses(404, 409))
def get_report(report_id: uuid.UUID, limit: Annotated[int, Query(ge=1)] = 10) -> dict[str, str]:
    return {"report_id": str(report_id)}


@router.post("/reports/status")
def report_status(request: StatusRequest) -> dict[str, int]:
    return {"count": len(request.report_ids)}


@router.get("/crash")
def crash(note: str = "") -> None:
    raise RuntimeError(f"the handler broke on {note}")


@router.get("/cacheable")
def cacheable() -> Response:
    return Response("stale receipts would stay on the phone", headers={"Cache-Control": "public, max-age=3600"})


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    app = migrated_app(tmp_path, rate_limit_burst=3, rate_limit_per_minute=1)
    add_test_only_routes(app, router)
    return app


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


def assert_security_headers(response: Any) -> None:
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    ("method", "path", "body", "message"),
    [
        ("GET", "/api/test-only/reports/not-a-uuid", None, "report_id must be a UUID."),
        ("GET", f"/api/test-only/reports/{SOME_ID}?limit=many", None, "limit must be a whole number."),
        ("GET", f"/api/test-only/reports/{SOME_ID}?limit=0", None, "limit must be at least 1."),
        ("POST", STATUS, {"report_ids": ["x"]}, "report_ids[0] must be a UUID."),
        ("POST", STATUS, {"report_ids": [SOME_ID] * 3}, "report_ids must have at most 2 items."),
        ("POST", STATUS, {}, "report_ids is required."),
        ("POST", STATUS, None, "The request body is required."),
        ("POST", STATUS, [], "The request body must be a JSON object."),
    ],
)
def test_an_invalid_request_names_its_first_invalid_field_in_one_sentence(
    client: TestClient, method: str, path: str, body: object, message: str
) -> None:
    response = client.request(method, path, json=body)
    assert response.status_code == 422
    assert response.json() == {"error": {"code": "invalid_request", "message": message}}
    assert_security_headers(response)
    assert response.headers["cache-control"] == "no-store"


def test_a_body_that_is_not_json_is_named_as_such(client: TestClient) -> None:
    response = client.post(STATUS, content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"] == {"code": "invalid_request", "message": "The request body is not valid JSON."}


def test_an_unknown_api_address_and_a_wrong_method_are_json_errors(client: TestClient) -> None:
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert missing.json() == {"error": {"code": "not_found", "message": "Nothing is served at this address."}}
    wrong = client.delete("/api/test-only/cacheable")
    assert wrong.status_code == 405
    assert wrong.json()["error"]["code"] == "method_not_allowed"
    assert wrong.headers["allow"] == "GET"
    for response in (missing, wrong):
        assert_security_headers(response)
        assert response.headers["cache-control"] == "no-store"


def test_a_failing_handler_is_a_json_500_with_the_headers_and_a_log_without_request_data(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="kua"):
        response = client.get("/api/test-only/crash", params={"note": SECRET_IN_REQUEST})
    assert response.status_code == 500
    assert response.json() == {
        "error": {"code": "internal_error", "message": "The server failed to handle the request."}
    }
    assert_security_headers(response)
    assert response.headers["cache-control"] == "no-store"
    assert "Unhandled RuntimeError" in caplog.text
    assert "test_errors.py" in caplog.text  # where it failed, for whoever fixes it
    assert SECRET_IN_REQUEST not in caplog.text


def test_a_flood_is_refused_with_the_headers_too(client: TestClient) -> None:
    statuses = [client.get("/api/v1/no-such-thing").status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]
    refused = client.get("/api/v1/no-such-thing")
    assert_refused(refused, 429, "rate_limited")
    assert_security_headers(refused)


def test_no_api_response_may_be_stored_by_the_browser(client: TestClient) -> None:
    assert client.get("/api/test-only/cacheable").headers["cache-control"] == "no-store"
    assert client.get("/api/openapi.json").headers["cache-control"] == "no-store"
    assert client.get("/report/new").headers["cache-control"] == "no-cache"  # the reporter app keeps its own rule
    assert "cache-control" not in client.get("/healthz").headers


def test_the_openapi_document_describes_errors_as_error_public(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    schemas = spec["components"]["schemas"]
    assert set(schemas["ErrorPublic"]["properties"]) == {"error"}
    assert "HTTPValidationError" not in schemas
    error_public = {"$ref": "#/components/schemas/ErrorPublic"}
    operation = spec["paths"]["/api/test-only/reports/{report_id}"]["get"]
    for status in ("404", "409", "422", "default"):
        assert operation["responses"][status]["content"]["application/json"]["schema"] == error_public, status
    assert operation["responses"]["404"]["description"] == "Not Found"
    readyz = spec["paths"]["/readyz"]["get"]["responses"]["503"]
    assert readyz["content"]["application/json"]["schema"] == error_public


def test_routers_document_their_refusals_with_error_responses() -> None:
    responses = error_responses(404, 413, descriptions={413: "The report is larger than the server accepts."})
    assert responses == {
        404: {"model": ErrorPublic, "description": "Not Found"},
        413: {"model": ErrorPublic, "description": "The report is larger than the server accepts."},
    }


def test_http_exceptions_keep_a_reason_given_and_get_a_sentence_otherwise() -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/api/too-large")
    def too_large() -> None:
        raise HTTPException(status_code=413, detail="Content Too Large")  # as Starlette's body limit does

    @app.post("/api/teapot")
    def teapot() -> None:
        raise HTTPException(status_code=418, detail="Reports are not brewed here")

    client = TestClient(app)
    assert client.post("/api/too-large").json() == {
        "error": {"code": "request_too_large", "message": "The request body is larger than the server accepts."}
    }
    assert client.post("/api/teapot").json() == {
        "error": {"code": "im_a_teapot", "message": "Reports are not brewed here."}
    }
