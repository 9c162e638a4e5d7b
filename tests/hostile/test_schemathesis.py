"""schemathesis over every operation of the live OpenAPI document of a real `kua serve`: no 5xx, and
every answer (status, content type, headers, body) as the document says, refusals included.

The public API is fuzzed anonymously, the review API with a signed-in admin's session cookie and CSRF
token. A bounded, derandomised number of examples per operation keeps it to a few minutes and never
flaky. Stateful runs follow OpenAPI links that this test adds to its copy of the document (the served
one carries none): a report PUT, then its status; a tus creation, then HEAD, PATCH and DELETE of it.
"""

import hashlib
import uuid
from base64 import b64encode
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import Case
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.transport import SerializationContext
from schemathesis.transport.serialization import serialize_binary

from kua.api.routes.review.deps import COOKIE, CSRF_HEADER
from kua.crypto.age.header import AGE_MAGIC
from tests.hostile.stored import Reviewer
from tests.support.server import RunningServer

pytestmark = pytest.mark.slow

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
BOUNDED = settings(
    max_examples=25, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
REVIEW = "^/api/v1/review/"
# Signing out would end the session the rest of the run uses; tests/review covers it.
SIGN_OUT = {"method": "DELETE", "path": "/api/v1/review/session"}
REPORT = "/api/v1/reports/{report_id}"
UPLOADS = "/api/v1/uploads/"


@schemathesis.serializer("application/offset+octet-stream")
def _tus_patch_body(_context: SerializationContext, value: Any) -> bytes:
    """A tus PATCH body is raw bytes, as application/octet-stream is."""
    return serialize_binary(value)


@pytest.fixture(scope="module")
def api_schema(hostile_server: RunningServer) -> Any:
    document = httpx.get(hostile_server.url("/api/openapi.json")).json()
    _add_links(document)
    schema = schemathesis.openapi.from_dict(document)
    schema.config.update(base_url=hostile_server.base_url)
    return schema


def test_the_public_api_answers_every_request_as_documented(api_schema: Any) -> None:
    assert_every_operation_answers_as_documented(api_schema.exclude(path_regex=REVIEW))


def test_the_review_api_answers_a_signed_in_reviewer_as_documented(api_schema: Any, admin: Reviewer) -> None:
    review = api_schema.include(path_regex=REVIEW).exclude(**SIGN_OUT)
    assert_every_operation_answers_as_documented(review, **_signed_in(admin))


def assert_every_operation_answers_as_documented(schema: Any, **call: Any) -> None:
    """Fuzz each operation with data that fits the document and data that does not; collect every failure.

    (schemathesis's pytest integration, `from_fixture`, does not run under pytest 9: this is its Python API.)
    """
    failures: dict[str, str] = {}
    operations = 0
    for loaded in schema.get_all_operations():
        operation = loaded.ok()
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @BOUNDED
            @given(case=operation.as_strategy(generation_mode=mode))
            def answers_as_documented(case: Case) -> None:
                case.call_and_validate(checks=CHECKS, **call)

            try:
                answers_as_documented()
            except Unsatisfiable:
                assert mode == GenerationMode.NEGATIVE  # nothing to get wrong: no parameter, no body
            except Exception as failure:  # every operation is tried before the test fails
                failures[f"{operation.label} ({mode})"] = str(failure)
    assert operations > 0
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())


def test_report_and_upload_flows_answer_as_documented(api_schema: Any) -> None:
    public = api_schema.exclude(path_regex=REVIEW)

    class Phones(public.as_state_machine()):  # type: ignore[misc]
        def before_call(self, case: Case) -> None:
            _as_a_phone_would(case)

        def validate_response(self, response: Any, case: Case, **kwargs: Any) -> None:
            case.validate_response(response, checks=CHECKS)

    Phones.run(
        settings=settings(
            max_examples=30,
            stateful_step_count=6,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )


def _signed_in(reviewer: Reviewer) -> dict[str, Any]:
    return {"headers": {CSRF_HEADER: reviewer.csrf_token}, "cookies": {COOKIE: reviewer.client.cookies[COOKIE]}}


def _as_a_phone_would(case: Case) -> None:
    """Make some requests of a flow well-formed, so that flows go past their first refusal."""
    if case.method == "PUT" and case.path == REPORT:
        case.body = AGE_MAGIC + serialize_binary(case.body if isinstance(case.body, bytes | str) else b"")
        if case.headers is not None:
            case.headers.pop("Kua-Attachment-Ids", None)
    if case.method == "POST" and case.path == UPLOADS and case.headers is not None:
        ciphertext = AGE_MAGIC + uuid.uuid4().bytes
        metadata = {"id": str(uuid.uuid4()), "sha256": hashlib.sha256(ciphertext).hexdigest()}
        case.headers["Upload-Length"] = str(len(ciphertext))
        case.headers["Upload-Metadata"] = ",".join(f"{k} {b64encode(v.encode()).decode()}" for k, v in metadata.items())


def _add_links(document: dict[str, Any]) -> None:
    paths = document["paths"]
    put_report = paths[REPORT]["put"]["responses"]
    for status in ("200", "201"):
        put_report[status]["links"] = {
            "ReportStatus": {
                "operationId": paths["/api/v1/reports/status"]["post"]["operationId"],
                "requestBody": {"reports": [{"report_id": "$request.path.report_id", "reporter_token": "A" * 43}]},
            }
        }
    upload_id = {"upload_id": "$response.header.Location#regex:([0-9a-f-]+\\.[A-Za-z0-9_-]+)$"}
    upload = paths["/api/v1/uploads/{upload_id}"]
    paths[UPLOADS]["post"]["responses"]["201"]["links"] = {
        name: {"operationId": upload[method]["operationId"], "parameters": upload_id}
        for name, method in (("UploadStatus", "head"), ("AppendToUpload", "patch"), ("TerminateUpload", "delete"))
    }
