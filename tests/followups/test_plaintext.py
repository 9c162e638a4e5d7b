"""The server never holds a question's or an answer's text: only age files reach the database, and
nothing of either text reaches a log."""

import logging
import uuid

import pytest
import sqlalchemy as sa

from tests.followups.family import a_family_sends_a_report, ask, seal_question
from tests.review.console import Console, a_reviewer

pytestmark = pytest.mark.slow


def everything_stored(console: Console) -> bytes:
    """Every row of every table, as bytes (text and binary columns alike)."""
    dumped = bytearray()
    with console.db() as connection:
        for table in sa.inspect(connection).get_table_names():
            for row in connection.execute(sa.text(f'SELECT * FROM "{table}"')):
                for value in row:
                    dumped += bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode()
    return bytes(dumped)


def test_question_and_answer_texts_never_reach_the_database_or_a_log(
    console: Console, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    question_canary, answer_canary = f"KUA-QUESTION-{uuid.uuid4().hex}", f"KUA-ANSWER-{uuid.uuid4().hex}"
    family = a_family_sends_a_report(console)
    reviewer = a_reviewer(console, "Aigerim")
    question_id, answer_id = uuid.uuid4(), uuid.uuid4()
    assert (
        ask(reviewer, family.report_id, question_id, seal_question(family, question_id, question_canary)).status_code
        == 201
    )
    assert family.questions()[0]["text"] == question_canary
    assert family.answer(answer_id, family.seal_answer(question_id, answer_canary, answer_id)).status_code == 201
    assert reviewer.get(f"/followups/{answer_id}/ciphertext").status_code == 200
    # Plaintext sent by mistake is refused before anything is kept
    assert family.answer(uuid.uuid4(), f"age-encryption.org/v2 {answer_canary}".encode()).status_code == 415

    # The server's log (the test's own HTTP client logs its URLs: not the server's)
    server_log = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore")))
    assert "PUT /api/v1/reports/{report_id}/answers/{answer_id} 201" in server_log  # route templates only
    stored = everything_stored(console)
    assert stored.count(b"age-encryption.org/v1\n") >= 2  # the two follow-ups are there, as age files
    for canary in (question_canary, answer_canary):
        assert canary.encode() not in stored
        assert canary not in server_log
        for path in console.server.data_dir.rglob("*"):
            if path.is_file():
                assert canary.encode() not in path.read_bytes(), path
    # Nor does a report id stand in the log beside anything
    assert str(family.report_id) not in server_log
