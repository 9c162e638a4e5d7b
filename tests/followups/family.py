"""What a family's phone and a reviewer's console do with follow-up questions, in Python.

The phone draws a reporter token and a reply identity per report (the reply recipient goes inside
the sealed report); a question is sealed to that reply recipient and to the reviewers, an answer to
the reviewers only. Texts are the `kua.question` / `kua.answer` JSON, padded as the apps pad them.
"""

import base64
import json
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from kua.crypto import age
from kua.crypto.keys import generate_identity, identity_to_recipient, parse_identity, parse_recipient
from kua.crypto.padding import pad, unpad
from kua.intake.reporter_tokens import digest
from tests.intake.reporter import REVIEWER, REVIEWER_IDENTITY, send_report
from tests.review.console import Console, Reviewer

AGE_FILE = {"Content-Type": "application/octet-stream"}


@dataclass
class Family:
    """A phone that sent one report: its id, the reporter token and the reply identity it keeps."""

    console: Console
    report_id: uuid.UUID
    reporter_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    reply_identity: str = field(default_factory=lambda: generate_identity("pq"))

    @property
    def reply_recipient(self) -> str:
        return identity_to_recipient(self.reply_identity)

    def updates(self, *claims: tuple[uuid.UUID | str, str]) -> httpx.Response:
        """`POST /reports/updates` for this report (or for the claims given)."""
        claims = claims or ((self.report_id, self.reporter_token),)
        body = {"reports": [{"report_id": str(report_id), "reporter_token": token} for report_id, token in claims]}
        return httpx.post(self.console.server.url("/api/v1/reports/updates"), json=body, timeout=30)

    def questions(self) -> list[dict[str, Any]]:
        """The questions the server hands over, opened with the reply identity."""
        reports = self.updates().json()["reports"]
        assert [r["report_id"] for r in reports] == [str(self.report_id)]
        return [
            opened(base64.b64decode(question["ciphertext"]), self.reply_identity)
            for question in reports[0]["questions"]
        ]

    def answer(
        self, answer_id: uuid.UUID, ciphertext: bytes, token: str | None = None, **headers: str
    ) -> httpx.Response:
        token_header = {} if token == "" else {"Kua-Reporter-Token": token or self.reporter_token}
        return httpx.put(
            self.console.server.url(f"/api/v1/reports/{self.report_id}/answers/{answer_id}"),
            content=ciphertext,
            headers={**AGE_FILE, **token_header, **headers},
            timeout=30,
        )

    def seal_answer(self, question_id: uuid.UUID, text: str, answer_id: uuid.UUID) -> bytes:
        plaintext = {
            "format": "kua.answer",
            "version": 1,
            "reportId": str(self.report_id),
            "questionId": str(question_id),
            "answerId": str(answer_id),
            "text": text,
            "writtenAt": datetime.now(UTC).isoformat(),
        }
        return sealed(plaintext, [REVIEWER])


def a_family_sends_a_report(console: Console, *, with_token: bool = True) -> Family:
    """A phone sends a sealed report declaring its reporter token's SHA-256 (as the app does)."""
    family = Family(console, uuid.uuid4())
    report = {"format": "kua.report", "account": "Забрали утром.", "reply": {"recipient": family.reply_recipient}}
    headers = {"Kua-Reporter-Token-Sha256": digest(family.reporter_token) if with_token else ""}  # "": none sent
    response = send_report(console.server.base_url, family.report_id, sealed(report, [REVIEWER]), **headers)
    assert response.status_code == 201, response.text
    return family


def seal_question(family: Family, question_id: uuid.UUID, text: str) -> bytes:
    """What the console seals: the question to the report's reply recipient and to the reviewers."""
    plaintext = {
        "format": "kua.question",
        "version": 1,
        "reportId": str(family.report_id),
        "questionId": str(question_id),
        "text": text,
        "askedAt": datetime.now(UTC).isoformat(),
    }
    return sealed(plaintext, [parse_recipient(family.reply_recipient), REVIEWER])


def ask(reviewer: Reviewer, report_id: uuid.UUID, question_id: uuid.UUID, ciphertext: bytes) -> httpx.Response:
    return reviewer.send("PUT", f"/reports/{report_id}/questions/{question_id}", content=ciphertext, headers=AGE_FILE)


def sealed(plaintext: dict[str, Any], recipients: list[Any]) -> bytes:
    return age.encrypt_bytes(pad(json.dumps(plaintext, ensure_ascii=False).encode()), recipients)


def opened(ciphertext: bytes, identity: str = REVIEWER_IDENTITY) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(unpad(age.decrypt_bytes(ciphertext, [parse_identity(identity)])))
    return parsed
