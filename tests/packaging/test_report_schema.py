"""The report format v2's JSON Schema (frontend/src/shared/report/report-v2.schema.json, docs/report-format.md)
is valid draft 2020-12, and Python's reference validator judges reports as the phone's compiled one does.

The server never reads a report's plaintext; Python reads it only on the reviewer's machine, in `kua export
open` (backend/kua/export/tables.py), so agreeing on the schema is what the two sides must share.
"""

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from kua.crypto.keys import generate_identity

REPORT = Path(__file__).resolve().parents[2] / "frontend" / "src" / "shared" / "report"
SCHEMA = json.loads((REPORT / "report-v2.schema.json").read_text(encoding="utf-8"))
EXAMPLES = sorted((REPORT / "examples").glob("*.v2.json"))


def validator() -> Draft202012Validator:
    return Draft202012Validator(SCHEMA)


def example(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((REPORT / "examples" / name).read_text(encoding="utf-8"))
    return loaded


def test_the_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["properties"]["version"] == {"const": 2}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_examples_the_frontend_tests_accept_are_valid_here_too(path: Path) -> None:
    errors = list(validator().iter_errors(json.loads(path.read_text(encoding="utf-8"))))
    assert errors == []


def test_there_are_examples_to_check() -> None:
    assert [p.name for p in EXAMPLES] == ["happening-now.v2.json", "seed-letter.v2.json"]


def paths(report: dict[str, Any]) -> list[str]:
    """The JSON Pointer of each fault Python's validator finds."""
    errors = validator().iter_errors(report)
    return sorted("/" + "/".join(str(part) for part in error.absolute_path) for error in errors)


def test_it_refuses_what_the_phones_validator_refuses() -> None:
    # The same faults src/shared/report/v2.test.ts makes, judged by Python's validator.
    seed = example("seed-letter.v2.json")

    unanswered_is_not_unknown = copy.deepcopy(seed)
    unanswered_is_not_unknown["consent"]["namesToGovernment"] = "unknown"
    assert paths(unanswered_is_not_unknown) == ["/consent/namesToGovernment"]

    no_lawyer_question = copy.deepcopy(seed)
    del no_lawyer_question["acts"][1]["lawyerPresent"]
    assert paths(no_lawyer_question) == ["/acts/1"]

    unknown_act = copy.deepcopy(seed)
    unknown_act["acts"][0]["type"] = "arrest"
    assert "/acts/0" in paths(unknown_act)

    vague_dates = copy.deepcopy(seed)
    vague_dates["people"][0]["birthDate"] = "78 лет"
    vague_dates["acts"][0]["when"] = {"precision": "exact", "value": "вчера утром"}
    # Python's validator has no discriminator: a fault inside an act is reported at the act.
    assert paths(vague_dates) == ["/acts/0", "/people/0/birthDate"]

    v1 = copy.deepcopy(seed) | {"version": 1}
    assert paths(v1) == ["/version"]


def test_an_attachment_identity_is_optional_and_must_be_an_age_identity() -> None:
    # docs/crypto.md, "One recipient per report": reports sealed before it have none.
    seed = example("seed-letter.v2.json")
    assert "attachmentIdentity" not in seed
    for identity in (generate_identity("pq"), generate_identity("x25519")):
        assert paths(seed | {"attachmentIdentity": identity}) == []
    for wrong in ("age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq", "AGE-SECRET-KEY-1", 7):
        assert paths(seed | {"attachmentIdentity": wrong}) == ["/attachmentIdentity"]
