"""Reviewers see the queue newest first, page through it, fetch each report's and attachment's age file
as the phone sent it, and keep notes and cases sealed; the server refuses anything that is not an age
file, and every fetch is in the audit log."""

import base64
import json
import uuid

import httpx
import sqlalchemy as sa

from kua.intake.reports import INLINE_MAX_BYTES
from kua.review.sealed import MAX_SEALED_BYTES
from tests.intake.reporter import reporter_token_for, seal_report, send_report
from tests.review.console import Console, a_reviewer, audit_actions
from tests.support.refusals import assert_refused
from tests.uploads.phone import create, seal_photo, send_whole

AGE_FILE = {"Content-Type": "application/octet-stream"}


def test_the_queue_lists_reports_newest_first_a_page_at_a_time(console: Console) -> None:
    reviewer = a_reviewer(console, "Aigerim")
    sent = []
    for _ in range(5):
        sent.append(str(console.send_report()))
        console.clock.advance(minutes=1)
    # Two at once share a time: the order between them is still fixed (by id)
    same_time = sorted(str(console.send_report()) for _ in range(2))
    newest_first = same_time[::-1] + sent[::-1]
    pages, before = [], None
    while True:
        params = {"limit": 3, **({"before": before} if before else {})}
        page = reviewer.get("/reports", params=params).json()
        pages.append([report["report_id"] for report in page["reports"]])
        before = page["next_before"]
        if before is None:
            break
    assert pages == [newest_first[0:3], newest_first[3:6], newest_first[6:7]]
    whole = reviewer.get("/reports", params={"limit": 1000}).json()
    assert [r["report_id"] for r in whole["reports"]] == newest_first and whole["next_before"] is None
    assert_refused(reviewer.get("/reports", params={"limit": 1001}), 422, "invalid_request")
    assert_refused(reviewer.get("/reports", params={"before": str(uuid.uuid4())}), 404, "report_not_found")
    # A time works as `before` too: the reports received before it
    third_received_at = whole["reports"][2]["received_at"]
    by_time = reviewer.get("/reports", params={"before": third_received_at, "limit": 2}).json()
    assert [r["report_id"] for r in by_time["reports"]] == newest_first[3:5]
    assert_refused(reviewer.get("/reports", params={"before": "yesterday"}), 422, "invalid_request")


def test_a_report_shows_which_of_its_attachments_arrived_and_which_were_withdrawn(console: Console) -> None:
    reviewer = a_reviewer(console, "Aigerim")
    arrived, on_the_way, never, withdrawn = (seal_photo(3000) for _ in range(4))
    send_whole(console.server, arrived)
    assert create(console.server, on_the_way).status_code == 201
    ids = [arrived.upload_id, on_the_way.upload_id, never.upload_id, withdrawn.upload_id]
    report_id = console.send_report(**{"Kua-Attachment-Ids": ",".join(map(str, ids))})
    # The relative stopped the last one on the phone, which told the server (kua.uploads.withdrawals)
    withdrawal = f"/api/v1/reports/{report_id}/attachments/{withdrawn.upload_id}/withdrawal"
    token = {"Kua-Reporter-Token": reporter_token_for(report_id)}
    assert httpx.put(console.server.url(withdrawal), headers=token, timeout=30).status_code == 204
    report = reviewer.get(f"/reports/{report_id}").json()
    assert report["attachments"] == [
        {"attachment_id": str(arrived.upload_id), "received": True, "withdrawn": False},
        {"attachment_id": str(on_the_way.upload_id), "received": False, "withdrawn": False},
        {"attachment_id": str(never.upload_id), "received": False, "withdrawn": False},
        {"attachment_id": str(withdrawn.upload_id), "received": False, "withdrawn": True},
    ]
    # The arrived one can be fetched as sent; the others are not there to fetch
    fetched = reviewer.get(f"/attachments/{arrived.upload_id}/ciphertext")
    assert fetched.status_code == 200 and fetched.content == arrived.ciphertext
    assert fetched.headers["content-type"] == "application/octet-stream"
    for missing in (on_the_way.upload_id, never.upload_id):
        assert_refused(reviewer.get(f"/attachments/{missing}/ciphertext"), 404, "attachment_not_found")
    assert audit_actions(console).count("attachment_fetched") == 1


def test_a_reviewer_asks_which_attachments_arrived_without_fetching_them(console: Console) -> None:
    """An answer names its attachments only inside its sealed body: the console asks which arrived."""
    reviewer = a_reviewer(console, "Aigerim")
    arrived, on_the_way, never = seal_photo(3000), seal_photo(3000), seal_photo(3000)
    send_whole(console.server, arrived)
    assert create(console.server, on_the_way).status_code == 201
    asked = [never.upload_id, arrived.upload_id, on_the_way.upload_id]
    held = reviewer.post("/attachments/held", json={"attachment_ids": [str(a) for a in asked]})
    assert held.status_code == 200 and held.json() == {"held": [str(arrived.upload_id)]}
    assert "attachment_fetched" not in audit_actions(console)  # nothing was handed out
    too_many = [str(uuid.uuid4()) for _ in range(201)]
    assert_refused(reviewer.post("/attachments/held", json={"attachment_ids": too_many}), 422, "invalid_request")
    assert_refused(reviewer.post("/attachments/held", json={"attachment_ids": []}), 422, "invalid_request")
    assert_refused(reviewer.post("/attachments/held", json={"attachment_ids": ["x"]}), 422, "invalid_request")
    signed_out = httpx.post(f"{console.server.base_url}/api/v1/review/attachments/held", json={"attachment_ids": []})
    assert signed_out.status_code == 401


def test_a_reviewer_fetches_a_report_as_the_phone_sent_it(shared_console: Console) -> None:
    reviewer = a_reviewer(shared_console, f"Reader {uuid.uuid4().hex[:6]}")
    for text_length in (100, INLINE_MAX_BYTES + 1000):  # kept in its row, and in a blob file
        sealed, report_id = seal_report("Обыск в офисе.".ljust(text_length, ".")), uuid.uuid4()
        assert send_report(shared_console.server.base_url, report_id, sealed).status_code == 201
        before = len(audit_actions(shared_console))
        fetched = reviewer.get(f"/reports/{report_id}/ciphertext")
        assert fetched.status_code == 200 and fetched.content == sealed
        assert fetched.headers["content-type"] == "application/octet-stream"
        assert audit_actions(shared_console)[before:] == ["report_fetched"]
    assert_refused(reviewer.get(f"/reports/{uuid.uuid4()}/ciphertext"), 404, "report_not_found")


def test_a_reviewer_fetches_many_reports_at_once_in_one_audit_entry(shared_console: Console) -> None:
    reviewer = a_reviewer(shared_console, f"Batch {uuid.uuid4().hex[:6]}")
    # Given three small reports, one large one (kept in a blob file), and an id the server does not know
    small = {}
    for text in ("Обыск.", "Задержание.", "Допрос ночью."):
        sealed, report_id = seal_report(text), uuid.uuid4()
        assert send_report(shared_console.server.base_url, report_id, sealed).status_code == 201
        small[str(report_id)] = sealed
    large, large_id = seal_report("Протокол.".ljust(INLINE_MAX_BYTES + 1000, ".")), uuid.uuid4()
    assert send_report(shared_console.server.base_url, large_id, large).status_code == 201
    unknown = str(uuid.uuid4())
    before = len(audit_actions(shared_console))

    # When the console asks for all of them at once
    answer = reviewer.post("/reports/ciphertexts", json={"report_ids": [*small, str(large_id), unknown]})

    # Then the small ones come as the phones sent them, the large one is named for a fetch of its own,
    # the unknown id is left out, and one audit entry lists what was handed over
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert {r["report_id"]: base64.b64decode(r["ciphertext"]) for r in body["reports"]} == small
    assert body["in_blobs"] == [str(large_id)]
    assert audit_actions(shared_console)[before:] == ["report_fetched"]
    with shared_console.db() as connection:
        details = connection.execute(sa.text("SELECT details FROM audit_entry ORDER BY seq DESC LIMIT 1")).scalar_one()
    assert json.loads(details) == {"report_ids": sorted(small)}
    # And a request for nothing, or for too many, is refused
    assert_refused(reviewer.post("/reports/ciphertexts", json={"report_ids": []}), 422, "invalid_request")
    too_many = [str(uuid.uuid4()) for _ in range(201)]
    assert_refused(reviewer.post("/reports/ciphertexts", json={"report_ids": too_many}), 422, "invalid_request")


def test_notes_are_kept_sealed_and_listed_oldest_first(console: Console) -> None:
    reviewer = a_reviewer(console, "Aigerim")
    report_id = console.send_report()
    first, second = seal_report("Звонила сестра, подтверждает."), seal_report("Адвокат в пути.")
    created = []
    for sealed in (first, second):
        created.append(reviewer.post(f"/reports/{report_id}/notes", content=sealed, headers=AGE_FILE))
        console.clock.advance(seconds=5)
    assert [response.status_code for response in created] == [201, 201]
    note = created[0].json()
    assert (note["report_id"], note["author_id"]) == (str(report_id), reviewer.id)
    listed = reviewer.get(f"/reports/{report_id}/notes").json()["notes"]
    assert [base64.b64decode(n["ciphertext"]) for n in listed] == [first, second]
    assert listed[0] == note


def test_a_note_that_is_not_a_sealed_age_file_of_at_most_64_kib_is_refused(shared_console: Console) -> None:
    reviewer = a_reviewer(shared_console, f"Careless {uuid.uuid4().hex[:6]}")
    report_id = shared_console.send_report()
    path = f"/reports/{report_id}/notes"
    assert_refused(reviewer.post(path, content=b"plaintext by mistake", headers=AGE_FILE), 415, "not_age_encrypted")
    assert_refused(reviewer.post(path, json={"note": "text"}), 415, "not_age_encrypted")
    large = b"age-encryption.org/v1\n" + bytes(MAX_SEALED_BYTES)
    assert_refused(reviewer.post(path, content=large, headers=AGE_FILE), 413, "too_large")
    streamed = reviewer.post(path, content=iter([large[:40_000], large[40_000:]]), headers=AGE_FILE)  # no length
    assert_refused(streamed, 413, "too_large")
    assert reviewer.get(path).json() == {"notes": []}
    assert_refused(
        reviewer.post(f"/reports/{uuid.uuid4()}/notes", content=seal_report("x"), headers=AGE_FILE),
        404,
        "report_not_found",
    )


def test_reports_are_grouped_in_cases_with_sealed_titles(shared_console: Console) -> None:
    reviewer = a_reviewer(shared_console, f"Caser {uuid.uuid4().hex[:6]}")
    first, second = shared_console.send_report(), shared_console.send_report()
    title = seal_report("Задержания 2 декабря, Алматы")
    created = reviewer.post("/cases", content=title, headers=AGE_FILE)
    assert created.status_code == 201, created.text
    case = created.json()
    assert base64.b64decode(case["title_ciphertext"]) == title and case["created_by"] == reviewer.id
    assert case["report_ids"] == []
    for report_id in (first, second):
        linked = reviewer.send("PUT", f"/reports/{report_id}/case", json={"case_id": case["case_id"]})
        assert linked.status_code == 200 and linked.json()["case_id"] == case["case_id"]
    listed = {c["case_id"]: c for c in reviewer.get("/cases").json()["cases"]}
    assert sorted(listed[case["case_id"]]["report_ids"]) == sorted([str(first), str(second)])
    # Out of the case again
    unlinked = reviewer.send("PUT", f"/reports/{second}/case", json={"case_id": None}).json()
    assert unlinked["case_id"] is None
    listed = {c["case_id"]: c for c in reviewer.get("/cases").json()["cases"]}
    assert listed[case["case_id"]]["report_ids"] == [str(first)]
    unknown = reviewer.send("PUT", f"/reports/{first}/case", json={"case_id": str(uuid.uuid4())})
    assert_refused(unknown, 422, "invalid_case")
    assert_refused(reviewer.post("/cases", content=b"a title in the clear", headers=AGE_FILE), 415, "not_age_encrypted")


def test_a_reviewer_records_a_recipient_which_stays_pending_until_listed(shared_console: Console) -> None:
    from kua.crypto.keys import generate_identity, identity_to_recipient

    reviewer = a_reviewer(shared_console, f"Keyed {uuid.uuid4().hex[:6]}")
    for wrong in ("age1notarecipient", "AGE-SECRET-KEY-PQ-1ABC", identity_to_recipient(generate_identity()).upper()):
        assert_refused(reviewer.send("PUT", "/me/recipient", json={"recipient": wrong}), 422, "invalid_recipient")
    recipient = identity_to_recipient(generate_identity("pq"))
    me = reviewer.send("PUT", "/me/recipient", json={"recipient": recipient})
    assert me.status_code == 200, me.text
    assert (me.json()["recipient"], me.json()["recipient_state"]) == (recipient, "pending")
    everyone = {r["name"]: r for r in reviewer.get("/reviewers").json()["reviewers"]}
    assert everyone[reviewer.name]["recipient_state"] == "pending"
    assert "password_hash" not in str(everyone) and "totp" not in str(everyone)
    assert audit_actions(shared_console)[-1] == "key_changed"


def test_ciphertext_is_not_served_without_a_session(shared_console: Console) -> None:
    report_id = shared_console.send_report()
    assert_refused(httpx.get(shared_console.url(f"/reports/{report_id}/ciphertext")), 401, "not_signed_in")
