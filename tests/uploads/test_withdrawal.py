"""A relative stops a photo's original: the phone withdraws it, and a begun upload of it goes.

`PUT /api/v1/reports/{report_id}/attachments/{attachment_id}/withdrawal` with the report's reporter
token (kua.uploads.withdrawals), on SQLite and PostgreSQL.
"""

import uuid

import httpx

from tests.intake.reporter import new_report_id, reporter_token_for, seal_report, send_report
from tests.support.refusals import assert_refused
from tests.support.server import RunningServer
from tests.uploads.phone import Photo, create, head, patch, seal_photo, send_whole, staged


def a_phone_sends_a_report_with(server: RunningServer, *photos: Photo) -> uuid.UUID:
    report_id = new_report_id()
    ids = ",".join(str(photo.upload_id) for photo in photos)
    response = send_report(server.url(""), report_id, seal_report("Брата забрали"), **{"Kua-Attachment-Ids": ids})
    assert response.status_code == 201, response.text
    return report_id


def withdraw(
    server: RunningServer, report_id: uuid.UUID, attachment_id: uuid.UUID, token: str | None = None
) -> httpx.Response:
    headers = {} if token == "" else {"Kua-Reporter-Token": token or reporter_token_for(report_id)}
    path = f"/api/v1/reports/{report_id}/attachments/{attachment_id}/withdrawal"
    return httpx.put(server.url(path), headers=headers, timeout=30)


def test_a_half_sent_original_is_withdrawn_and_its_bytes_go(uploads_server: RunningServer) -> None:
    # Given a report with a small copy sent whole and an original half sent
    preview, original = seal_photo(2_000), seal_photo(300_000)
    report_id = a_phone_sends_a_report_with(uploads_server, preview, original)
    send_whole(uploads_server, preview)
    assert create(uploads_server, original).status_code == 201
    assert patch(uploads_server, original, 0, original.ciphertext[:100_000]).status_code == 204
    assert staged(uploads_server, original).exists()
    # When the relative stops the original
    response = withdraw(uploads_server, report_id, original.upload_id)
    # Then it is withdrawn, its begun upload and bytes are gone, and a second withdrawal says the same
    assert response.status_code == 204, response.text
    assert not staged(uploads_server, original).exists()
    assert head(uploads_server, original).status_code == 404
    assert withdraw(uploads_server, report_id, original.upload_id).status_code == 204


def test_an_original_never_begun_is_withdrawn(uploads_server: RunningServer) -> None:
    # Given a report whose original the phone stopped before its upload was created (offline)
    preview, original = seal_photo(2_000), seal_photo(20_000)
    report_id = a_phone_sends_a_report_with(uploads_server, preview, original)
    # When the phone withdraws it, twice (an answer lost on the way)
    first, second = (withdraw(uploads_server, report_id, original.upload_id) for _ in range(2))
    # Then both succeed
    assert (first.status_code, second.status_code) == (204, 204), (first.text, second.text)


def test_a_wrong_or_missing_token_changes_nothing(uploads_server: RunningServer) -> None:
    original = seal_photo(300_000)
    report_id = a_phone_sends_a_report_with(uploads_server, original)
    assert create(uploads_server, original).status_code == 201
    assert patch(uploads_server, original, 0, original.ciphertext[:100_000]).status_code == 204
    for token in ("", reporter_token_for(uuid.uuid4()), "not a token"):
        assert_refused(withdraw(uploads_server, report_id, original.upload_id, token), 403, "reporter_not_proven")
    # An unknown report is refused as a wrong token is: the answer tells nothing of which reports exist
    assert_refused(withdraw(uploads_server, uuid.uuid4(), original.upload_id), 403, "reporter_not_proven")
    assert head(uploads_server, original).headers["Upload-Offset"] == "100000"


def test_an_attachment_the_report_did_not_declare_is_refused(uploads_server: RunningServer) -> None:
    report_id = a_phone_sends_a_report_with(uploads_server, seal_photo(2_000))
    stranger = seal_photo(20_000)
    send_whole(uploads_server, stranger)
    assert_refused(withdraw(uploads_server, report_id, stranger.upload_id), 404, "attachment_not_declared")
    assert head(uploads_server, stranger).status_code == 200


def test_an_original_that_arrived_whole_is_not_withdrawn(uploads_server: RunningServer) -> None:
    original = seal_photo(20_000)
    report_id = a_phone_sends_a_report_with(uploads_server, original)
    send_whole(uploads_server, original)
    assert_refused(withdraw(uploads_server, report_id, original.upload_id), 409, "attachment_arrived")
    assert head(uploads_server, original).headers["Upload-Offset"] == str(len(original.ciphertext))
