"""One plain sentence for a rejected request, naming its first invalid field: "report_id must be a UUID."."""

from collections.abc import Mapping, Sequence
from contextlib import suppress
from typing import Any

# pydantic's error types (https://docs.pydantic.dev/latest/errors/validation_errors/) as a predicate.
_PREDICATES = {
    "missing": "is required",
    "uuid_parsing": "must be a UUID",
    "uuid_type": "must be a UUID",
    "uuid_version": "must be a UUID",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "string_type": "must be text",
    "bytes_type": "must be text",
    "list_type": "must be a list",
    "dict_type": "must be a JSON object",
    "model_type": "must be a JSON object",
    "model_attributes_type": "must be a JSON object",
    "datetime_parsing": "must be a date and time (ISO 8601)",
    "datetime_type": "must be a date and time (ISO 8601)",
    "datetime_from_date_parsing": "must be a date and time (ISO 8601)",
    "date_parsing": "must be a date (ISO 8601)",
    "date_from_datetime_parsing": "must be a date (ISO 8601)",
    "string_pattern_mismatch": "does not have the expected format",
    "extra_forbidden": "is not expected",
    "string_too_short": "must be at least {min_length} characters long",
    "string_too_long": "must be at most {max_length} characters long",
    "too_short": "must have at least {min_length} items",
    "too_long": "must have at most {max_length} items",
    "greater_than": "must be greater than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be at most {le}",
    "enum": "must be one of {expected}",
    "literal_error": "must be one of {expected}",
}
_SOURCES = frozenset({"path", "query", "header", "cookie", "body"})  # the first part of FastAPI's `loc`


def plain_message(errors: Sequence[Any]) -> str:
    """The first of FastAPI's validation errors (`RequestValidationError.errors()`) as one sentence."""
    if not errors or not isinstance(errors[0], Mapping):
        return "The request is not valid."
    first = errors[0]
    kind = str(first.get("type", ""))
    if kind == "json_invalid":
        return "The request body is not valid JSON."
    subject = _subject(tuple(first.get("loc", ())))
    template = _PREDICATES.get(kind)
    if template is not None:
        with suppress(KeyError, IndexError):  # a limit missing from the context: pydantic's own words below
            return f"{subject} {template.format(**first.get('ctx', {}))}."
    reason = str(first.get("msg", "")).removeprefix("Value error, ").rstrip(".")
    return f"{subject} is not valid: {reason[:1].lower()}{reason[1:]}." if reason else f"{subject} is not valid."


def _subject(loc: tuple[Any, ...]) -> str:
    source = str(loc[0]) if loc and str(loc[0]) in _SOURCES else None
    fields = loc[1:] if source else loc
    if source == "header" and fields:
        return f"The {fields[0]} header"
    if not fields:
        return f"The request {source}" if source else "The request"
    name = str(fields[0])
    for part in fields[1:]:
        name += f"[{part}]" if isinstance(part, int) else f".{part}"
    return name
