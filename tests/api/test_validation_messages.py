"""Plain sentences for FastAPI's validation errors, including the cases no test route reaches."""

import pytest

from kua.api.validation_messages import plain_message


@pytest.mark.parametrize(
    ("error", "message"),
    [
        ({"type": "missing", "loc": ("header", "kua-attachment-ids")}, "The kua-attachment-ids header is required."),
        ({"type": "uuid_parsing", "loc": ("body", "reports", 2, "report_id")}, "reports[2].report_id must be a UUID."),
        ({"type": "too_long", "loc": ("body", "report_ids"), "ctx": {}}, "report_ids is not valid."),
        (
            {"type": "value_error", "loc": ("body", "sha256"), "msg": "Value error, Not 64 hexadecimal digits"},
            "sha256 is not valid: not 64 hexadecimal digits.",
        ),
        (
            {"type": "something_new", "loc": ("query", "page"), "msg": "Input is odd."},
            "page is not valid: input is odd.",
        ),
    ],
)
def test_each_error_becomes_one_sentence_naming_the_field(error: dict[str, object], message: str) -> None:
    assert plain_message([error]) == message


def test_no_error_at_all_still_gets_a_sentence() -> None:
    assert plain_message([]) == "The request is not valid."
