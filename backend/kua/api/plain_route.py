"""A route that FastAPI documents but does not serve: its endpoint takes the Request and returns the Response.

For the hot path of report ingest. FastAPI's own per-request work (solving dependencies, validating
parameters, validating and serialising the response model) costs more CPU than storing a small
report, so such an endpoint reads and checks its parameters itself (`validated_parameter`). The
route stays an APIRoute: it matches, answers 405 with `Allow`, passes errors to the same exception
handlers, and appears in the OpenAPI document, with its parameters described by `openapi_extra`
(FastAPI cannot see them in the endpoint's signature).
"""

from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import TypeAdapter, ValidationError

T = TypeVar("T")


class PlainRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler: Callable[[Request], Coroutine[Any, Any, Response]] = self.endpoint
        return handler


def validated_parameter(adapter: TypeAdapter[T], value: object, loc: tuple[str, str]) -> T:
    """`value` validated as FastAPI validates a parameter at `loc` (such as `("path", "report_id")`).

    Refused with the RequestValidationError FastAPI would raise, so the 422 says the same.
    """
    try:
        return adapter.validate_python(value)
    except ValidationError as error:
        raise RequestValidationError([{**e, "loc": loc} for e in error.errors()]) from None
