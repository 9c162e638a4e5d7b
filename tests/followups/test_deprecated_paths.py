"""The console's follow-up paths before the glossary still work, exactly as they did, until the console
switches to `/followups` (kua.api.routes.review.deprecated); OpenAPI marks them deprecated.

Delete this file with that module."""

import uuid

import httpx

from tests.followups.family import a_family_sends_a_report, ask, seal_question
from tests.review.console import Console, a_reviewer, assert_refused, audit_actions


def test_a_console_on_the_old_paths_lists_and_reads_follow_ups_as_before(console: Console) -> None:
    # Given a question and the family's answer
    family = a_family_sends_a_report(console)
    reviewer = a_reviewer(console, "Aigerim")
    question_id, answer_id = uuid.uuid4(), uuid.uuid4()
    assert ask(reviewer, family.report_id, question_id, seal_question(family, question_id, "Когда?")).status_code == 201
    answer = family.seal_answer(question_id, "Вечером.", answer_id)
    assert family.answer(answer_id, answer).status_code == 201

    # When a console that still calls the old paths lists them
    old = reviewer.get(f"/reports/{family.report_id}/messages").json()
    new = reviewer.get(f"/reports/{family.report_id}/followups").json()
    # Then it gets the old shape with the same facts as the new path
    assert list(old) == ["messages"]
    renamed = [
        {"followup_id": m["message_id"]} | {k: v for k, v in m.items() if k != "message_id"} for m in old["messages"]
    ]
    assert renamed == new["followups"] and len(renamed) == 2
    # And it reads an age file on the old path, audited as before
    fetched = reviewer.get(f"/messages/{answer_id}/ciphertext")
    assert fetched.status_code == 200 and fetched.content == answer
    assert fetched.headers["content-type"] == "application/octet-stream"
    assert audit_actions(console)[-1] == "message_fetched"
    assert_refused(reviewer.get(f"/messages/{uuid.uuid4()}/ciphertext"), 404, "message_not_found")
    assert_refused(httpx.get(console.url(f"/reports/{family.report_id}/messages")), 401, "not_signed_in")
    # And a report still carries its counts under `messages` as well as `followups`
    report = reviewer.get(f"/reports/{family.report_id}").json()
    assert (
        report["messages"]
        == report["followups"]
        == {
            "questions": 1,
            "answers": 1,
            "last_answer_at": report["followups"]["last_answer_at"],
        }
    )


def test_openapi_marks_the_old_paths_and_field_deprecated(console: Console) -> None:
    schema = httpx.get(console.server.url("/api/openapi.json")).json()
    paths = schema["paths"]
    assert paths["/api/v1/review/reports/{report_id}/messages"]["get"]["deprecated"] is True
    assert paths["/api/v1/review/messages/{message_id}/ciphertext"]["get"]["deprecated"] is True
    assert "deprecated" not in paths["/api/v1/review/reports/{report_id}/followups"]["get"]
    assert "deprecated" not in paths["/api/v1/review/followups/{followup_id}/ciphertext"]["get"]
    report = schema["components"]["schemas"]["ReportPublic"]["properties"]
    assert report["messages"]["deprecated"] is True and "deprecated" not in report["followups"]
