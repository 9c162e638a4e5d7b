"""One error shape for every refusal: `{"error": {"code": ..., "message": ...}}`."""

from collections.abc import Mapping
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from kua.errors import KuaError

_HTTP_MESSAGES = {
    404: ("not_found", "Nothing is served at this address."),
    405: ("method_not_allowed", "This address does not accept that method."),
}


def error_response(status_code: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    body = {"error": {"code": code, "message": message}}
    return JSONResponse(body, status_code=status_code, headers=headers)


async def _kua_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, KuaError)
    return error_response(exc.status_code, exc.code, exc.message)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    default = (phrase.lower().replace(" ", "_").replace("-", "_"), f"{phrase}.")
    code, message = _HTTP_MESSAGES.get(exc.status_code, default)
    return error_response(exc.status_code, code, message, headers=exc.headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(part) for part in first.get("loc", ()))
    message = f"Invalid request: {where}: {first.get('msg', 'not valid')}." if where else "Invalid request."
    return error_response(422, "invalid_request", message)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(KuaError, _kua_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
