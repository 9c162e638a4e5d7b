"""The chaos verdict can fail: it sees a lost report, a photo with other bytes and a stored extra."""

import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.chaos.client import Phone, Photo, Progress, Report
from tests.chaos.verdict import judge, report
from tests.intake.reporter import seal_report
from tests.intake.storage import database
from tests.support.server import RunningServer
from tests.uploads.phone import seal_photo

pytestmark = pytest.mark.slow


def test_the_verdict_sees_what_went_wrong(tmp_path: Path) -> None:
    # Given a phone that sent two reports and a photo, all acknowledged, with nothing in the way
    photo = Photo(uuid.uuid4(), seal_photo(300_000).ciphertext, checksum=True)
    outbox = [Report(uuid.uuid4(), seal_report("first"), [photo]), Report(uuid.uuid4(), seal_report("second"))]
    with RunningServer(tmp_path / "data") as server:
        phone = Phone("phone", server.base_url, outbox, Progress(2, photo.length), seed=1)
        phone.drain(deadline=time.monotonic() + 60)
        assert phone.error is None and judge(server, [outbox]).clean
        # When the server loses a report, a photo's bytes change and a stray attachment appears
        with database(server) as connection:
            connection.execute(sa.delete(report).where(report.c.id == outbox[1].report_id))
            connection.commit()
        blob = server.data_dir / "blobs" / "attachments" / str(photo.attachment_id)
        blob.write_bytes(blob.read_bytes()[:-1] + b"!")
        (blob.parent / str(uuid.uuid4())).write_bytes(b"age-encryption.org/v1\n")
        verdict = judge(server, [outbox])
    # Then the verdict names each
    assert verdict.lost == [f"report {outbox[1].report_id}"]
    assert verdict.hash_mismatches == [f"photo {photo.attachment_id}"]
    assert len(verdict.duplicated) == 1 and verdict.duplicated[0].startswith("attachment blob")
