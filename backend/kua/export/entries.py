"""The follow-ups (`followups.json`) and saved drafts (`drafts.json`) beside a bundle's reports.

Read as hostile, like every entry: each under the JSON cap (`Limits.max_json_bytes`, in
`Bundle.read`), parsed with its nesting bounded by the parser's recursion limit, and its shape
checked (a list of objects; each question's answers a list of objects) before anything is written.
They are written out as the bundle holds them; what the summary takes from them is counts, and the
problems the console listed (a question, answer or draft it could not open), never their text.
Anything shown on the terminal is either an id in UUID form, a problem code, or quoted (`shown`).
"""

import json
import re
from dataclasses import dataclass, field
from typing import Any

from kua.export.errors import NotAnExportError, shown

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_CODE = re.compile(r"^[a-z_]{1,40}$")


@dataclass
class Counted:
    """What an entry holds, as the summary counts it."""

    questions: int = 0
    answers: int = 0
    drafts: int = 0
    problems: list[str] = field(default_factory=list)


def _id(value: object) -> str:
    return value if isinstance(value, str) and _UUID.match(value) else shown(str(value))


def _code(value: object) -> str:
    return value if isinstance(value, str) and _CODE.match(value) else shown(str(value))


def _objects(plaintext: bytes, name: str, what: str) -> list[dict[str, Any]]:
    try:
        value = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise NotAnExportError(f"The bundle's {name} is not UTF-8 JSON.") from None
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise NotAnExportError(f"The bundle's {name} is not a list of {what}.")
    return value


def count_followups(plaintext: bytes) -> Counted:
    """Questions and answers in `followups.json`; `NotAnExportError` when it is not the console's shape."""
    counted = Counted()
    for entry in _objects(plaintext, "followups.json", "questions"):
        answers = entry.get("answers", [])
        if not isinstance(answers, list) or not all(isinstance(answer, dict) for answer in answers):
            raise NotAnExportError("The bundle's followups.json lists answers that are not a list of objects.")
        report, question = _id(entry.get("report_id")), entry.get("question_id")
        if question is not None:
            counted.questions += 1
            if entry.get("problem") is not None:
                counted.problems.append(
                    f"question {_id(question)} of report {report}: not opened ({_code(entry['problem'])})."
                )
        elif entry.get("problem") is not None:
            counted.problems.append(f"follow-ups of report {report}: not listed ({_code(entry['problem'])}).")
        for answer in answers:
            counted.answers += 1
            if answer.get("problem") is not None:
                counted.problems.append(
                    f"answer {_id(answer.get('answer_id'))} of report {report}: "
                    f"not opened ({_code(answer['problem'])})."
                )
    return counted


def count_drafts(plaintext: bytes) -> Counted:
    """Saved draft versions in `drafts.json`; `NotAnExportError` when it is not the console's shape."""
    counted = Counted()
    for entry in _objects(plaintext, "drafts.json", "drafts"):
        case, problem = _id(entry.get("case_id")), entry.get("problem")
        if entry.get("draft_id") is None:
            if problem is not None:
                counted.problems.append(f"drafts of case {case}: not listed ({_code(problem)}).")
            continue
        counted.drafts += 1
        if problem is not None:
            version = entry.get("version")
            shown_version = str(version) if isinstance(version, int) else shown(str(version))
            counted.problems.append(f"draft version {shown_version} of case {case}: not opened ({_code(problem)}).")
    return counted
