"""One error shape for every refusal: `{"error": {"code": ..., "message": ...}}`, documented as `ErrorPublic`.

Routers document what they may refuse with `responses=error_responses(404, 409, 413)`. FastAPI's own
422 documentation (`HTTPValidationError`) is replaced by `ErrorPublic`, since that is what a 422 holds.
Unhandled exceptions become the same shape in kua.api.internal_error.
"""

import json
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from kua.api.validation_messages import plain_message
from kua.errors import KuaError, retry_after_headers

_HTTP_MESSAGES = {
    400: ("bad_request", "The request is malformed."),
    404: ("not_found", "Nothing is served at this address."),
    405: ("method_not_allowed", "This address does not accept that method."),
    413: ("request_too_large", "The request body is larger than the server accepts."),
    415: ("unsupported_media_type", "The server does not accept this content type here."),
}
# Newer names of statuses, which Starlette uses as a default `detail` while Python 3.11 has the old ones.
_RFC_9110_PHRASES = frozenset({"Content Too Large", "Unprocessable Content", "Range Not Satisfiable"})
_SCHEMAS = "#/components/schemas/"


class ErrorDetailPublic(BaseModel):
    code: str = Field(description="Stable and machine-readable, such as `not_found` or `rate_limited`.")
    message: str = Field(description="What was wrong, in one sentence.")


class ErrorPublic(BaseModel):
    """The body of every 4xx and 5xx response of the API."""

    error: ErrorDetailPublic


def error_responses(*status_codes: int, descriptions: Mapping[int, str] | None = None) -> dict[int | str, Any]:
    """The `responses=` of a route that may refuse with these statuses, each documented as ErrorPublic."""
    descriptions = descriptions or {}
    return {
        status: {"model": ErrorPublic, "description": descriptions.get(status) or HTTPStatus(status).phrase}
        for status in status_codes
    }


def error_response(status_code: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    body = {"error": {"code": code, "message": message}}
    return JSONResponse(body, status_code=status_code, headers=headers)


async def _kua_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, KuaError)
    return error_response(exc.status_code, exc.code, exc.message, headers=retry_after_headers(exc))


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    code, message = _HTTP_MESSAGES.get(exc.status_code, (_code_of(phrase), f"{phrase}."))
    if isinstance(exc.detail, str) and exc.detail and exc.detail not in {phrase, *_RFC_9110_PHRASES}:
        message = exc.detail if exc.detail.endswith(".") else f"{exc.detail}."  # a reason given by the raiser
    return error_response(exc.status_code, code, message, headers=exc.headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, "invalid_request", plain_message(exc.errors()))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(KuaError, _kua_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    _document_error_shape(app)


def _code_of(phrase: str) -> str:
    return phrase.lower().replace(" ", "_").replace("-", "_").replace("'", "")


def _document_error_shape(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _use_error_public(generate())
        return generate()  # cached by FastAPI, with the changes

    app.openapi = openapi  # type: ignore[method-assign]  # the documented way to extend the schema


def _use_error_public(schema: dict[str, Any]) -> None:
    """Every operation's errors are ErrorPublic: its 422, and a `default` for any other error status."""
    components: dict[str, Any] = schema.setdefault("components", {}).setdefault("schemas", {})
    error_schema = ErrorPublic.model_json_schema(ref_template=_SCHEMAS + "{model}")
    for name, definition in error_schema.pop("$defs", {}).items():
        components.setdefault(name, definition)
    components.setdefault(ErrorPublic.__name__, error_schema)
    content = {"application/json": {"schema": {"$ref": _SCHEMAS + ErrorPublic.__name__}}}
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.get("responses") if isinstance(operation, dict) else None
            if responses is None:
                continue
            if "422" in responses:
                responses["422"] = {"description": "The request is not valid.", "content": content}
            responses.setdefault("default", {"description": "Any other error, in the same shape.", "content": content})
    for unused in ("HTTPValidationError", "ValidationError"):
        if f'"{_SCHEMAS}{unused}"' not in json.dumps(schema):
            components.pop(unused, None)
