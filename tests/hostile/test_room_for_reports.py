"""Room for reports, always: uploads that never finish, or that fill the quota with real bytes, can never
push a family's report out (issue 16, finding 1; docs/intake.md#room-for-reports).

Against a real `kua serve` with the quota scaled down: the attack of the issue (about 505 creations of
the largest upload, never a PATCH) first, then an attacker who really sends bytes from several networks.
"""

import base64
import hashlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.hostile.neighbours import client_from
from tests.intake.reporter import new_report_id, seal_report
from tests.support.refusals import assert_refused
from tests.support.server import RunningServer
from tests.uploads.phone import ENDPOINT, PATCH_TYPE, TUS, Photo, seal_photo

MiB = 1024 * 1024
LIMITS = {
    "KUA_MAX_ATTACHMENT_BYTES": str(MiB),
    "KUA_MAX_REPORT_BYTES": str(64 * 1024),
    "KUA_STORAGE_QUOTA_BYTES": str(8 * MiB),  # 10 % of it (819 KiB) is the reports' reserve
}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RunningServer]:
    with RunningServer(tmp_path / "data", **LIMITS) as running:
        yield running


def declare(client: httpx.Client, length: int, upload_id: uuid.UUID | None = None) -> httpx.Response:
    """A creation as the attacker sends it: the largest length, never a byte after it."""
    metadata = {"id": str(upload_id or uuid.uuid4()), "sha256": hashlib.sha256(os.urandom(8)).hexdigest()}
    encoded = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in metadata.items())
    return client.post(ENDPOINT, headers={**TUS, "Upload-Length": str(length), "Upload-Metadata": encoded})


def upload_whole(client: httpx.Client, photo: Photo) -> httpx.Response:
    """Create and send a photo in one PATCH; the PATCH's answer (or the creation's refusal)."""
    created = client.post(
        ENDPOINT,
        headers={**TUS, "Upload-Length": str(len(photo.ciphertext)), "Upload-Metadata": photo.metadata()},
    )
    if created.status_code != 201:
        return created
    headers = {**TUS, "Upload-Offset": "0", "Content-Type": PATCH_TYPE}
    return client.patch(created.headers["Location"], headers=headers, content=photo.ciphertext)


def a_family_sends_a_report(server: RunningServer) -> httpx.Response:
    with client_from("127.0.0.9", server.base_url) as phone:
        return phone.put(
            f"/api/v1/reports/{new_report_id()}",
            content=seal_report("They took my son to the district station."),
            headers={"Content-Type": "application/octet-stream"},
        )


def test_creations_without_bytes_cannot_push_a_report_out(server: RunningServer) -> None:
    # Given an attacker who declares 505 uploads of the largest size and never sends a byte
    with client_from("127.0.0.1", server.base_url) as attacker:
        answers = [declare(attacker, MiB).status_code for _ in range(505)]
    # Then only the first 64 are taken (the cap per client), the rest refused with a reason and a wait
    assert answers.count(201) == 64 and set(answers) == {201, 429}, answers
    with client_from("127.0.0.1", server.base_url) as attacker:
        refused = declare(attacker, MiB)
    assert_refused(refused, 429, "too_many_unfinished_uploads")
    assert int(refused.headers["Retry-After"]) > 0
    # And a family's report is still stored
    assert a_family_sends_a_report(server).status_code == 201
    # And a photo from another network still uploads whole
    with client_from("127.0.0.7", server.base_url) as phone:
        photo = seal_photo(200_000)
        sent = upload_whole(phone, photo)
        assert sent.status_code == 204 and sent.headers["Upload-Offset"] == str(len(photo.ciphertext))


def test_uploads_that_fill_the_quota_leave_the_reports_reserve_free(server: RunningServer) -> None:
    # Given attackers on several networks sending real bytes until the uploads' share is full
    answers = []
    for network in range(2, 6):
        with client_from(f"127.0.0.{network}", server.base_url) as attacker:
            answers += [upload_whole(attacker, seal_photo(MiB - 4096)) for _ in range(3)]
    assert [a.status_code for a in answers].count(204) == 7  # 7 MiB fit in 8 MiB less the reserve
    assert_refused(answers[-1], 507, "storage_full")
    # Then families' reports still fit in the reserve
    for _ in range(5):
        assert a_family_sends_a_report(server).status_code == 201
