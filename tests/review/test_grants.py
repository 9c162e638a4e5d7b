"""A reviewer grants a past report (and its attachments) to reviewers who joined later: the server keeps
the extra age headers beside the untouched ciphertext, a colleague lists them and opens the report with
one, every grant is audited, and anything that is not one well-formed header to listed recipients is
refused and changes nothing."""

import base64
import hashlib
import json
import uuid
from datetime import timedelta

import httpx
import pytest
import sqlalchemy as sa
from sqlmodel import Session

from kua.crypto import age
from kua.crypto.age.header import with_header
from kua.crypto.keys import generate_identity, identity_to_recipient, parse_identity, parse_recipient
from kua.crypto.padding import unpad
from kua.crypto.recipient_list import key_id, sign_recipient_list
from kua.crypto.rootkeys import RootKey
from kua.db.models import Followup, RecipientList, Upload
from kua.review.grants import MAX_HEADER_BYTES
from tests.intake.reporter import REVIEWER_IDENTITY
from tests.review.console import Console, Reviewer, a_reviewer
from tests.review.grants import grant_header
from tests.support.refusals import assert_refused

NEWCOMER_IDENTITY = generate_identity("pq")
NEWCOMER = identity_to_recipient(NEWCOMER_IDENTITY)
UNLISTED = identity_to_recipient(generate_identity("pq"))
ORIGINAL = identity_to_recipient(REVIEWER_IDENTITY)

report_grant = sa.table("report_grant", sa.column("report_id", sa.Uuid()))


@pytest.fixture(scope="module")
def granter(shared_console: Console) -> Reviewer:
    """Reviewer A, who can open the reports; the newest list holds A and the newcomer B."""
    entries = [("Aigerim", ORIGINAL), ("Bolat, joined later", NEWCOMER)]
    now = shared_console.clock()
    document = sign_recipient_list(
        entries, seq=1000, not_before=now - timedelta(days=1), not_after=now + timedelta(days=30),
        root_keys=[RootKey.generate()],
    )  # fmt: skip
    with Session(shared_console.engine) as session:
        sha256 = hashlib.sha256(document).hexdigest()
        session.add(RecipientList(seq=1000, document=document, sha256=sha256, published_at=now))
        session.commit()
    return a_reviewer(shared_console, f"Aigerim {uuid.uuid4().hex[:6]}")


def an_attachment(console: Console) -> uuid.UUID:
    attachment_id, now = uuid.uuid4(), console.clock()
    with Session(console.engine) as session:
        blob_key = f"attachments/{attachment_id}"
        session.add(
            Upload(id=attachment_id, length=10, offset=10, sha256="0" * 64, created_at=now, expires_at=now,
                   completed_at=now, blob_key=blob_key)
        )  # fmt: skip
        session.commit()
    return attachment_id


def a_followup(console: Console, report_id: uuid.UUID, kind: str, text: str, author_id: str | None = None) -> uuid.UUID:
    """A question or the family's answer about the report, sealed to the reviewer who can open reports."""
    followup_id = uuid.uuid4()
    ciphertext = age.encrypt_bytes(text.encode(), [parse_recipient(ORIGINAL)])
    with Session(console.engine) as session:
        session.add(
            Followup(id=followup_id, report_id=report_id, kind=kind, created_at=console.clock(),
                     sha256=hashlib.sha256(ciphertext).hexdigest(), ciphertext=ciphertext,
                     author_id=uuid.UUID(author_id) if author_id else None)
        )  # fmt: skip
        session.commit()
    return followup_id


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def grant_body(header: bytes, recipients: list[str] | None = None, **extra: object) -> dict[str, object]:
    named = [{"name": f"Reviewer {key_id(r)[:4]}", "recipient": r} for r in recipients or [NEWCOMER]]
    return {"header": b64(header), "recipients": named, **extra}


def ciphertext_of(reviewer: Reviewer, report_id: uuid.UUID) -> bytes:
    response = reviewer.get(f"/reports/{report_id}/ciphertext")
    assert response.status_code == 200, response.text
    return response.content


def grants_stored(console: Console, report_id: uuid.UUID) -> int:
    with console.db() as connection:
        query = sa.select(sa.func.count()).select_from(report_grant).where(report_grant.c.report_id == report_id)
        return int(connection.execute(query).scalar_one())


def granted_entries(console: Console, report_id: uuid.UUID) -> list[dict[str, object]]:
    with console.db() as connection:
        rows = connection.execute(
            sa.text("SELECT details FROM audit_entry WHERE action = 'report_granted' AND subject = :s"),
            {"s": f"report:{report_id}"},
        )
        return [json.loads(details) for details in rows.scalars()]


def test_a_reviewer_grants_a_report_and_its_attachment_and_the_newcomer_opens_it(
    shared_console: Console, granter: Reviewer
) -> None:
    # Given a report sealed before the newcomer joined, with an attachment
    report_id = shared_console.send_report("Задержали на площади, троих увезли.")
    attachment_id = an_attachment(shared_console)
    original = ciphertext_of(granter, report_id)
    with pytest.raises(age.NoIdentityMatchError):
        age.decrypt_bytes(original, [parse_identity(NEWCOMER_IDENTITY)])

    # When the reviewer who can open it grants it to the newcomer
    header = grant_header(original, REVIEWER_IDENTITY, [NEWCOMER])
    attachments = [{"attachment_id": str(attachment_id), "header": b64(header)}]
    made = granter.post(f"/reports/{report_id}/grants", json=grant_body(header, attachments=attachments))
    assert made.status_code == 201, made.text
    assert [g["attachment_id"] for g in made.json()["grants"]] == [None, str(attachment_id)]

    # Then a colleague lists the grants, and the newcomer opens the untouched ciphertext with the extra header
    listed = a_reviewer(shared_console, f"Bolat {uuid.uuid4().hex[:6]}").get(f"/reports/{report_id}/grants")
    assert listed.status_code == 200, listed.text
    grants = {g["attachment_id"]: g for g in listed.json()["grants"]}
    grant, of_attachment = grants[None], grants[str(attachment_id)]
    assert grant["granted_by"] == granter.id and grant["recipients"][0]["recipient"] == NEWCOMER
    assert NEWCOMER in listed.json()["earlier_recipients"]  # the test's list was published before the report
    by_attachment = granter.get(f"/attachments/{attachment_id}/grants").json()["grants"]
    assert [g["grant_id"] for g in by_attachment] == [of_attachment["grant_id"]]
    opened = age.decrypt_bytes(
        with_header(base64.b64decode(grant["header"]), original), [parse_identity(NEWCOMER_IDENTITY)]
    )
    assert unpad(opened).decode() == "Задержали на площади, троих увезли."
    assert ciphertext_of(granter, report_id) == original

    # And the audit log says who was given what
    (entry,) = granted_entries(shared_console, report_id)
    assert entry["recipients"] == [{"name": f"Reviewer {key_id(NEWCOMER)[:4]}", "key_id": key_id(NEWCOMER)}]
    assert entry["attachment_ids"] == [str(attachment_id)]


def test_a_grant_carries_the_familys_answers_and_their_attachments(shared_console: Console, granter: Reviewer) -> None:
    # Given a report sealed before the newcomer joined, and the family's answer with a photo
    report_id = shared_console.send_report()
    answer_id = a_followup(shared_console, report_id, "answer", "Их отпустили утром, фото протокола.")
    photo_id = an_attachment(shared_console)
    original = ciphertext_of(granter, report_id)
    answer_ciphertext = granter.get(f"/followups/{answer_id}/ciphertext").content

    # When the reviewer grants the report, the answer and the answer's photo to the newcomer
    answer_header = grant_header(answer_ciphertext, REVIEWER_IDENTITY, [NEWCOMER])
    photo = {"attachment_id": str(photo_id), "followup_id": str(answer_id), "header": b64(answer_header)}
    body = grant_body(
        grant_header(original, REVIEWER_IDENTITY, [NEWCOMER]),
        answers=[{"followup_id": str(answer_id), "header": b64(answer_header)}],
        attachments=[photo],
    )
    made = granter.post(f"/reports/{report_id}/grants", json=body)
    assert made.status_code == 201, made.text

    # Then the report's grants list the answer's header and the photo's, and the newcomer reads the answer
    grants = {
        (g["attachment_id"], g["followup_id"]): g for g in granter.get(f"/reports/{report_id}/grants").json()["grants"]
    }
    assert set(grants) == {(None, None), (None, str(answer_id)), (str(photo_id), str(answer_id))}
    of_answer = base64.b64decode(grants[(None, str(answer_id))]["header"])
    opened = age.decrypt_bytes(with_header(of_answer, answer_ciphertext), [parse_identity(NEWCOMER_IDENTITY)])
    assert opened.decode() == "Их отпустили утром, фото протокола."
    by_attachment = granter.get(f"/attachments/{photo_id}/grants").json()["grants"]
    assert [g["followup_id"] for g in by_attachment] == [str(answer_id)]

    # And the audit entry names the answer
    (entry,) = granted_entries(shared_console, report_id)
    assert entry["followup_ids"] == [str(answer_id)] and entry["attachment_ids"] == [str(photo_id)]


def test_a_question_or_another_reports_answer_is_refused_and_changes_nothing(
    shared_console: Console, granter: Reviewer
) -> None:
    # Given a report with a reviewer's question, and another report with the family's answer
    report_id = shared_console.send_report()
    question_id = a_followup(shared_console, report_id, "question", "Где это было?", author_id=granter.id)
    other_answer_id = a_followup(shared_console, shared_console.send_report(), "answer", "Во дворе.")
    header = grant_header(ciphertext_of(granter, report_id), REVIEWER_IDENTITY, [NEWCOMER])
    attachment_id = an_attachment(shared_console)
    for followup_id in (question_id, other_answer_id, uuid.uuid4()):
        # When a grant names it as the report's answer, or as the answer naming an attachment
        answers = [{"followup_id": str(followup_id), "header": b64(header)}]
        by_answer = [{"attachment_id": str(attachment_id), "followup_id": str(followup_id), "header": b64(header)}]
        for body in (grant_body(header, answers=answers), grant_body(header, attachments=by_answer)):
            # Then it is refused with one sentence
            assert_refused(granter.post(f"/reports/{report_id}/grants", json=body), 404, "answer_not_found")
    # And nothing was kept or audited
    assert grants_stored(shared_console, report_id) == 0
    assert granted_entries(shared_console, report_id) == []


def _refusals(original: bytes) -> list[tuple[str, dict[str, object], int, str]]:
    header = grant_header(original, REVIEWER_IDENTITY, [NEWCOMER])
    return [
        ("an unlisted recipient", grant_body(grant_header(original, REVIEWER_IDENTITY, [UNLISTED]), [UNLISTED]),
         422, "grant_recipient_not_listed"),
        ("a recipient twice", grant_body(header, [NEWCOMER, NEWCOMER]), 422, "grant_recipient_not_listed"),
        ("a whole age file", grant_body(original), 422, "invalid_grant_header"),
        ("a header with bytes after it", grant_body(header + b"\x00"), 422, "invalid_grant_header"),
        ("a header cut short", grant_body(header[:-2]), 422, "invalid_grant_header"),
        ("text that is not a header", grant_body(b"-> X25519 abc\n--- x\n"), 422, "invalid_grant_header"),
        ("header not in base64", {**grant_body(header), "header": "not base64!"}, 422, "invalid_grant_header"),
        ("header outside ASCII", {**grant_body(header), "header": "Ã©X\u00c8"}, 422, "invalid_grant_header"),
        ("more stanzas than recipients",
         grant_body(grant_header(original, REVIEWER_IDENTITY, [NEWCOMER, ORIGINAL])), 422, "invalid_grant_header"),
        ("a header over the limit", {**grant_body(header), "header": "A" * (MAX_HEADER_BYTES * 2)},
         422, "invalid_request"),
        ("no recipients", {**grant_body(header), "recipients": []}, 422, "invalid_request"),
        ("an unknown attachment",
         grant_body(header, attachments=[{"attachment_id": str(uuid.uuid4()), "header": b64(header)}]),
         404, "attachment_not_found"),
        ("an unknown field", {**grant_body(header), "recipient_list": "mine"}, 422, "invalid_request"),
    ]  # fmt: skip


def test_anything_but_one_header_to_listed_recipients_is_refused_and_changes_nothing(
    shared_console: Console, granter: Reviewer
) -> None:
    # Given a report nobody has granted
    report_id = shared_console.send_report()
    original = ciphertext_of(granter, report_id)
    for what, body, status, code in _refusals(original):
        # When a request is not a well-formed grant, Then it is refused with one sentence
        response = granter.post(f"/reports/{report_id}/grants", json=body)
        assert response.status_code == status, f"{what}: {response.text}"
        assert_refused(response, status, code)
    # And nothing was kept or audited
    assert grants_stored(shared_console, report_id) == 0
    assert granted_entries(shared_console, report_id) == []


def test_grants_of_an_unknown_report_or_without_a_session_are_refused(
    shared_console: Console, granter: Reviewer
) -> None:
    header = grant_header(ciphertext_of(granter, shared_console.send_report()), REVIEWER_IDENTITY, [NEWCOMER])
    assert_refused(granter.post(f"/reports/{uuid.uuid4()}/grants", json=grant_body(header)), 404, "report_not_found")
    assert_refused(granter.get(f"/reports/{uuid.uuid4()}/grants"), 404, "report_not_found")
    assert_refused(granter.get(f"/attachments/{uuid.uuid4()}/grants"), 404, "attachment_not_found")
    stranger = httpx.post(shared_console.url(f"/reports/{uuid.uuid4()}/grants"), json=grant_body(header))
    assert_refused(stranger, 401, "not_signed_in")
