"""What the server holds after the run, read straight from its database and blob folder (not through the API),
held against what the phones sent and what they were told.

- lost: acknowledged to a phone (a checked receipt, a completed upload) but absent, incomplete or
  with other bytes;
- duplicated: stored more than once, or stored without having been sent: a row of an id no phone
  chose, a second blob file of a report, an attachment blob that no completed upload names, a staging
  file left for a completed upload;
- hash mismatches: a stored object whose SHA-256 (of the bytes on disk, computed here) is not the
  phone's, or whose row records another;
- unacknowledged: sent but never acknowledged when the run ended (a run ends when every phone's outbox
  is empty, so this counts what the deadline cut off).
"""

import hashlib
import uuid
from dataclasses import dataclass, field

import sqlalchemy as sa

from tests.chaos.client import Report
from tests.intake.storage import database, report, report_attachment, upload
from tests.support.server import RunningServer


@dataclass
class Verdict:
    """What was found; each list names the items concerned."""

    reports_stored: int = 0
    photos_stored: int = 0
    bytes_stored: int = 0
    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    hash_mismatches: list[str] = field(default_factory=list)
    unacknowledged: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.lost or self.duplicated or self.hash_mismatches or self.unacknowledged)

    def problems(self) -> str:
        lines = [
            f"{name}: {item}"
            for name in ("lost", "duplicated", "hash_mismatches", "unacknowledged")
            for item in getattr(self, name)
        ]
        return "\n".join(lines[:50]) + (f"\n... and {len(lines) - 50} more" if len(lines) > 50 else "")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def judge(server: RunningServer, outboxes: list[list[Report]]) -> Verdict:
    """Hold the server's database and blob folder against every phone's outbox."""
    verdict = Verdict()
    reports = {item.report_id: item for outbox in outboxes for item in outbox}
    photos = {photo.attachment_id: photo for item in reports.values() for photo in item.photos}
    blobs = server.data_dir / "blobs"
    with database(server) as connection:
        report_rows = connection.execute(sa.select(report)).all()
        attachment_rows = connection.execute(sa.select(report_attachment)).all()
        upload_rows = connection.execute(sa.select(upload)).all()

    # Reports: one row per id sent, holding the bytes sent (in the row, or in the one blob file it names)
    seen: set[uuid.UUID] = set()
    for row in report_rows:
        sent = reports.get(row.id)
        if sent is None or row.id in seen:
            verdict.duplicated.append(f"report row {row.id} (never sent, or twice)")
            continue
        seen.add(row.id)
        stored = row.ciphertext if row.ciphertext is not None else (blobs / row.blob_key).read_bytes()
        verdict.reports_stored += 1
        verdict.bytes_stored += len(stored)
        if not (_sha256(stored) == row.sha256 == sent.sha256 and len(stored) == row.size):
            verdict.hash_mismatches.append(f"report {row.id}")
        if sent.receipt is not None and sent.receipt["sha256"] != row.sha256:
            verdict.hash_mismatches.append(f"report {row.id}: its receipt promised {sent.receipt['sha256']}")
    named = {row.blob_key for row in report_rows if row.blob_key is not None}
    for path in sorted((blobs / "reports").glob("*")):
        if f"reports/{path.name}" not in named:
            verdict.duplicated.append(f"report blob {path.name} that no row names")
    for report_id, sent in reports.items():
        if sent.receipt is not None and report_id not in seen:
            verdict.lost.append(f"report {report_id}")
        if sent.receipt is None:
            verdict.unacknowledged.append(f"report {report_id}")

    # Declared attachments: exactly the photos each report listed, in its order
    declared: dict[uuid.UUID, list[uuid.UUID]] = {}
    for row in sorted(attachment_rows, key=lambda row: row.position):
        declared.setdefault(row.report_id, []).append(row.attachment_id)
    for report_id in seen:
        if declared.get(report_id, []) != [photo.attachment_id for photo in reports[report_id].photos]:
            verdict.hash_mismatches.append(f"report {report_id}: declared attachments differ")

    # Photos: one completed upload per photo, its blob the exact bytes sent; nothing else under attachments/
    completed: set[uuid.UUID] = set()
    for row in upload_rows:
        sent_photo = photos.get(row.id)
        if sent_photo is None:
            verdict.duplicated.append(f"upload row {row.id} that no phone created")
            continue
        if row.completed_at is None:
            continue  # unfinished: counted below if the phone was told it was complete
        path = blobs / row.blob_key
        if not path.is_file():
            continue
        stored = path.read_bytes()
        completed.add(row.id)
        verdict.photos_stored += 1
        verdict.bytes_stored += len(stored)
        if not (_sha256(stored) == row.sha256 == sent_photo.sha256 and len(stored) == row.length):
            verdict.hash_mismatches.append(f"photo {row.id}")
        if (server.data_dir / "uploads" / f"{row.id}.part").exists():
            verdict.duplicated.append(f"photo {row.id}: a staging file is left beside its blob")
    named = {row.blob_key for row in upload_rows if row.blob_key is not None}
    for path in sorted((blobs / "attachments").glob("*")):
        if f"attachments/{path.name}" not in named:
            verdict.duplicated.append(f"attachment blob {path.name} that no upload names")
    for attachment_id, sent_photo in photos.items():
        if sent_photo.complete and attachment_id not in completed:
            verdict.lost.append(f"photo {attachment_id}")
        if not sent_photo.complete:
            verdict.unacknowledged.append(f"photo {attachment_id}")
    return verdict
