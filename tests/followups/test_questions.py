"""A reviewer asks the family a question about its report; only the phone that sent the report
fetches it (with the report's coarse status), answers through the same kind of sealed file, and the
reviewers read the answer. Every retry stores nothing twice; every refusal changes nothing."""

import base64
import uuid
from collections.abc import Iterator

import httpx
import pytest
import sqlalchemy as sa

from kua.followups.bodies import MAX_FOLLOWUP_BYTES
from tests.followups.family import AGE_FILE, Family, a_family_sends_a_report, ask, opened, seal_question
from tests.intake.reporter import seal_report
from tests.review.console import Console, a_reviewer, audit_actions
from tests.support.refusals import assert_refused

pytestmark = pytest.mark.slow


def stored_followups(console: Console) -> list[tuple[str, str, bytes]]:
    with console.db() as connection:
        rows = connection.execute(sa.text("SELECT id, kind, ciphertext FROM followup ORDER BY created_at, id"))
        return [(str(uuid.UUID(str(row[0]))), row[1], bytes(row[2])) for row in rows]


def test_a_reviewer_asks_and_the_family_answers(console: Console) -> None:
    # Given a family's report and a signed-in reviewer
    family = a_family_sends_a_report(console)
    reviewer = a_reviewer(console, "Aigerim")
    assert family.updates().json() == {
        "reports": [{"report_id": str(family.report_id), "status": "received", "questions": []}]
    }

    # When the reviewer asks a question sealed to the phone's reply key
    question_id = uuid.uuid4()
    question = seal_question(family, question_id, "Куда именно его увезли?")
    asked = ask(reviewer, family.report_id, question_id, question)
    assert asked.status_code == 201, asked.text
    receipt = asked.json()
    assert receipt["followup_id"] == str(question_id) and receipt["report_id"] == str(family.report_id)
    assert receipt["kind"] == "question" and receipt["author_id"] == reviewer.id
    assert receipt["size"] == len(question) and len(receipt["sha256"]) == 64
    assert stored_followups(console) == [(str(question_id), "question", question)]
    assert audit_actions(console)[-1] == "question_asked"
    # A retry (a lost response) is the same question, not a second one
    again = ask(reviewer, family.report_id, question_id, question)
    assert again.status_code == 200 and again.json() == receipt
    assert audit_actions(console).count("question_asked") == 1

    # Then the phone fetches it with the report's coarse status, and only its reply key opens it
    update = family.updates().json()["reports"][0]
    assert update["status"] == "received"
    assert [q["question_id"] for q in update["questions"]] == [str(question_id)]
    assert base64.b64decode(update["questions"][0]["ciphertext"]) == question
    [opened_question] = family.questions()
    assert opened_question["text"] == "Куда именно его увезли?" and opened_question["questionId"] == str(question_id)
    assert opened(question)["text"] == "Куда именно его увезли?"  # the reviewers read their own question back
    assert reviewer.post(f"/reports/{family.report_id}/status", json={"status": "in_review"}).status_code == 200
    assert family.updates().json()["reports"][0]["status"] == "in_review"

    # When the family answers; a retry gets the original receipt, other bytes under the id are refused
    console.clock.advance(minutes=5)
    answer_id = uuid.uuid4()
    answer = family.seal_answer(question_id, "В ИВС Кордайского РОВД.", answer_id)
    answered = family.answer(answer_id, answer)
    assert answered.status_code == 201, answered.text
    answer_receipt = answered.json()
    assert answer_receipt == {
        "version": 1,
        "answer_id": str(answer_id),
        "report_id": str(family.report_id),
        "sha256": answer_receipt["sha256"],
        "size": len(answer),
        "received_at": answer_receipt["received_at"],
    }
    retried = family.answer(answer_id, answer)
    assert retried.status_code == 200 and retried.json() == answer_receipt
    other = family.seal_answer(question_id, "Другой ответ.", answer_id)
    assert_refused(family.answer(answer_id, other), 409, "message_conflict")
    # An answer cannot reuse the question's id either
    assert_refused(family.answer(question_id, other), 409, "message_conflict")

    # Then the reviewer lists the report's follow-ups, oldest first, and reads the answer
    listed = reviewer.get(f"/reports/{family.report_id}/followups").json()["followups"]
    assert [(f["followup_id"], f["kind"], f["author_id"]) for f in listed] == [
        (str(question_id), "question", reviewer.id),
        (str(answer_id), "answer", None),
    ]
    assert listed[1]["sha256"] == answer_receipt["sha256"] and listed[1]["size"] == len(answer)
    fetched = reviewer.get(f"/followups/{answer_id}/ciphertext")
    assert fetched.status_code == 200 and fetched.content == answer
    assert fetched.headers["content-type"] == "application/octet-stream"
    assert opened(fetched.content)["text"] == "В ИВС Кордайского РОВД."
    assert audit_actions(console)[-1] == "message_fetched"
    # And the queue flags the report: one question, one answer, and when it came
    meta = reviewer.get(f"/reports/{family.report_id}").json()["followups"]
    assert meta["questions"] == 1 and meta["answers"] == 1
    assert meta["last_answer_at"] == answer_receipt["received_at"]
    queue_row = next(r for r in reviewer.get("/reports").json()["reports"] if r["report_id"] == str(family.report_id))
    assert queue_row["followups"] == reviewer.get(f"/reports/{family.report_id}").json()["followups"]


def test_a_phone_without_the_reports_token_learns_nothing_and_cannot_answer(console: Console) -> None:
    family, neighbour = a_family_sends_a_report(console), a_family_sends_a_report(console)
    reviewer = a_reviewer(console, "Aigerim")
    question_id = uuid.uuid4()
    assert (
        ask(reviewer, family.report_id, question_id, seal_question(family, question_id, "Вопрос?")).status_code == 201
    )
    unknown = uuid.uuid4()
    # A wrong token, another report's token, a malformed token, an unknown report: all left out alike
    for claims in (
        [(family.report_id, neighbour.reporter_token)],
        [(family.report_id, "x" * 43)],
        [(family.report_id, "short")],
        [(unknown, family.reporter_token)],
    ):
        assert family.updates(*claims).json() == {"reports": []}, claims
    nothing = httpx.post(console.server.url("/api/v1/reports/updates"), json={"reports": []}, timeout=30)
    assert nothing.json() == {"reports": []}
    # Proven and unproven together: only the proven ones, each once, in the order asked
    mixed = family.updates(
        (neighbour.report_id, neighbour.reporter_token),
        (family.report_id, neighbour.reporter_token),
        (family.report_id, family.reporter_token),
        (neighbour.report_id, neighbour.reporter_token),
    ).json()["reports"]
    assert [(r["report_id"], len(r["questions"])) for r in mixed] == [
        (str(neighbour.report_id), 0),
        (str(family.report_id), 1),
    ]
    # Answering needs the report's own token
    before = stored_followups(console)
    answer = family.seal_answer(question_id, "Ответ.", uuid.uuid4())
    for token in (neighbour.reporter_token, "", "x" * 43):
        assert_refused(family.answer(uuid.uuid4(), answer, token=token), 403, "reporter_not_proven")
    stranger = Family(console, unknown)
    assert_refused(stranger.answer(uuid.uuid4(), answer), 403, "reporter_not_proven")
    assert stored_followups(console) == before


def test_a_report_sent_without_a_token_cannot_be_asked(console: Console) -> None:
    family = a_family_sends_a_report(console, with_token=False)
    reviewer = a_reviewer(console, "Aigerim")
    question_id = uuid.uuid4()
    refused = ask(reviewer, family.report_id, question_id, seal_question(family, question_id, "Вопрос?"))
    assert_refused(refused, 409, "reporter_unreachable")
    assert stored_followups(console) == [] and "question_asked" not in audit_actions(console)


def test_bad_questions_are_refused_and_change_nothing(console: Console) -> None:
    family = a_family_sends_a_report(console)
    reviewer = a_reviewer(console, "Aigerim")
    taken = uuid.uuid4()
    assert ask(reviewer, family.report_id, taken, seal_question(family, taken, "Первый.")).status_code == 201
    before_followups, before_audit = stored_followups(console), audit_actions(console)
    question_id = uuid.uuid4()
    good = seal_question(family, question_id, "Вопрос?")
    path = f"/reports/{family.report_id}/questions/{question_id}"
    too_large = b"age-encryption.org/v1\n" + bytes(MAX_FOLLOWUP_BYTES)

    def chunked() -> Iterator[bytes]:
        yield b"age-encryption.org/v1\n"
        for _ in range(MAX_FOLLOWUP_BYTES // 4096 + 1):
            yield bytes(4096)

    refusals = [
        (ask(reviewer, family.report_id, question_id, "Куда его увезли?".encode()), 415, "not_age_encrypted"),
        (ask(reviewer, family.report_id, question_id, b"age-encryption"), 415, "not_age_encrypted"),
        (reviewer.send("PUT", path, content=good, headers={"Content-Type": "text/plain"}), 415, "not_age_encrypted"),
        (ask(reviewer, family.report_id, question_id, too_large), 413, "too_large"),
        (reviewer.send("PUT", path, content=chunked(), headers=AGE_FILE), 413, "too_large"),
        (
            reviewer.send("PUT", f"/reports/{family.report_id}/questions/1", content=good, headers=AGE_FILE),
            422,
            "invalid_request",
        ),
        (
            reviewer.send("PUT", f"/reports/nope/questions/{question_id}", content=good, headers=AGE_FILE),
            422,
            "invalid_request",
        ),
        (ask(reviewer, uuid.uuid4(), question_id, good), 404, "report_not_found"),
        (ask(reviewer, family.report_id, taken, good), 409, "message_conflict"),
        (reviewer.send("PUT", path, content=good, headers={**AGE_FILE, "X-Kua-CSRF": "wrong"}), 403, "csrf_failed"),
        (httpx.put(console.url(path), content=good, headers=AGE_FILE), 401, "not_signed_in"),
        (reviewer.get(f"/reports/{uuid.uuid4()}/followups"), 404, "report_not_found"),
        (reviewer.get(f"/followups/{uuid.uuid4()}/ciphertext"), 404, "message_not_found"),
        (reviewer.get("/followups/nope/ciphertext"), 422, "invalid_request"),
        (httpx.get(console.url(f"/reports/{family.report_id}/followups")), 401, "not_signed_in"),
        (httpx.get(console.url(f"/followups/{taken}/ciphertext")), 401, "not_signed_in"),
    ]
    for response, status, code in refusals:
        assert_refused(response, status, code)
    assert stored_followups(console) == before_followups
    assert audit_actions(console) == before_audit


def test_bad_answers_and_update_requests_are_refused_and_change_nothing(console: Console) -> None:
    family = a_family_sends_a_report(console)
    answer_id = uuid.uuid4()
    good = family.seal_answer(uuid.uuid4(), "Ответ.", answer_id)
    base = f"/api/v1/reports/{family.report_id}/answers"
    token = {"Kua-Reporter-Token": family.reporter_token}

    def put(path: str, content: bytes, **headers: str) -> httpx.Response:
        return httpx.put(console.server.url(path), content=content, headers={**token, **headers}, timeout=30)

    refusals = [
        (family.answer(answer_id, "В ИВС.".encode()), 415, "not_age_encrypted"),
        (put(f"{base}/{answer_id}", good, **{"Content-Type": "application/json"}), 415, "not_age_encrypted"),
        (family.answer(answer_id, b"age-encryption.org/v1\n" + bytes(MAX_FOLLOWUP_BYTES)), 413, "too_large"),
        (put(f"{base}/not-a-uuid", good, **AGE_FILE), 422, "invalid_request"),
        (put(f"/api/v1/reports/not-a-uuid/answers/{answer_id}", good, **AGE_FILE), 422, "invalid_request"),
        (family.answer(answer_id, good, token="t" * 200), 422, "invalid_request"),
        (family.updates(*[(uuid.uuid4(), family.reporter_token)] * 101), 422, "invalid_request"),
    ]
    url = console.server.url("/api/v1/reports/updates")
    for body in ({}, {"reports": [{"report_id": "nope", "reporter_token": "x"}]}, {"reports": [], "extra": 1}):
        refusals.append((httpx.post(url, json=body, timeout=30), 422, "invalid_request"))
    for response, status, code in refusals:
        assert_refused(response, status, code)
    assert stored_followups(console) == []
    # The report's own PUT still works beside the answers' addresses
    assert (
        httpx.put(
            console.server.url(f"/api/v1/reports/{uuid.uuid4()}"), content=seal_report("Ещё."), headers=AGE_FILE
        ).status_code
        == 201
    )
