"""What the server holds once a phone has sent: database rows, blob files, and what the reviewer opens them to."""

import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.support.server import KUA, REPO, RunningServer

DEV_KEYS = REPO / "var" / "dev-keys"
REVIEWER_IDENTITY = DEV_KEYS / "DEVELOPMENT-KEY-reviewer-identity.txt"


@dataclass(frozen=True)
class StoredUpload:
    attachment_id: uuid.UUID
    length: int
    offset: int
    sha256: str
    complete: bool
    blob: Path | None


class IntakeStore:
    """Reads the server's SQLite database and blob folder directly, as an auditor of the disk would."""

    def __init__(self, server: RunningServer) -> None:
        self.data_dir = server.data_dir
        self.server_log = server.log_path

    def _rows(self, sql: str) -> list[tuple[object, ...]]:
        connection = sqlite3.connect(f"file:{self.data_dir / 'kua.sqlite3'}?mode=ro", uri=True)
        try:
            return connection.execute(sql).fetchall()
        finally:
            connection.close()

    def report_ciphertext(self, report_id: str) -> bytes | None:
        """The age file stored for `report_id` (in its row, or in blob storage), or None."""
        for row_id, blob_key, ciphertext in self._rows("SELECT id, blob_key, ciphertext FROM report"):
            if uuid.UUID(str(row_id)) == uuid.UUID(report_id):
                if isinstance(ciphertext, bytes):
                    return ciphertext
                return (self.data_dir / "blobs" / str(blob_key)).read_bytes()
        return None

    def declared_attachments(self, report_id: str) -> set[uuid.UUID]:
        rows = self._rows("SELECT report_id, attachment_id FROM report_attachment")
        return {
            uuid.UUID(str(attachment)) for report, attachment in rows if uuid.UUID(str(report)) == uuid.UUID(report_id)
        }

    def withdrawn_attachments(self, report_id: str) -> set[uuid.UUID]:
        """The attachments of `report_id` its reporter withdrew (kua.uploads.withdrawals)."""
        rows = self._rows("SELECT report_id, attachment_id FROM report_attachment WHERE withdrawn_at IS NOT NULL")
        return {uuid.UUID(str(a)) for report, a in rows if uuid.UUID(str(report)) == uuid.UUID(report_id)}

    def upload(self, attachment_id: str) -> StoredUpload | None:
        sql = 'SELECT id, length, "offset", sha256, completed_at, blob_key FROM upload'
        for row_id, length, offset, sha256, completed_at, blob_key in self._rows(sql):
            if uuid.UUID(str(row_id)) == uuid.UUID(attachment_id):
                blob = self.data_dir / "blobs" / str(blob_key) if blob_key is not None else None
                return StoredUpload(
                    uuid.UUID(str(row_id)),
                    int(str(length)),
                    int(str(offset)),
                    str(sha256),
                    completed_at is not None,
                    blob,
                )
        return None

    def files(self) -> Iterator[Path]:
        """Every file the server wrote: database (and its journal), blobs, staging, and its log."""
        yield from (path for path in sorted(self.data_dir.rglob("*")) if path.is_file())
        yield self.server_log

    def where_found(self, needles: dict[str, bytes]) -> list[str]:
        """ "name in path" for each needle found in any file the server wrote (plaintext that leaked)."""
        found = []
        for path in self.files():
            content = path.read_bytes()
            found += [f"{name} in {path}" for name, needle in needles.items() if needle in content]
        return found


def open_as_reviewer(
    ciphertext: bytes,
    identity: Path = REVIEWER_IDENTITY,
    passphrase_file: Path | None = None,
    *,
    report: bytes | None = None,
) -> bytes:
    """`kua open -i IDENTITY --unpad` (the development reviewer's by default): what a reviewer reads.

    An attachment gives its `report` (the report's age file): `kua open --report` tries the attachment
    identity the report carries too (docs/crypto.md, "One recipient per report").
    """
    passphrase = ["--passphrase-file", str(passphrase_file)] if passphrase_file else []
    with tempfile.NamedTemporaryFile(suffix=".age") as report_file:
        report_file.write(report or b"")
        report_file.flush()
        with_report = ["--report", report_file.name] if report is not None else []
        opened = subprocess.run(
            [KUA, "open", "-i", str(identity), *passphrase, *with_report, "--unpad"],
            input=ciphertext,
            capture_output=True,
            timeout=120,
            check=False,
        )
    assert opened.returncode == 0, opened.stderr.decode(errors="replace")
    return opened.stdout
