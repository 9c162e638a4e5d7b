"""An attachment's row commits just before its object is moved into the store: a backup whose listing
ran in between still holds the object, and one whose object never comes says so."""

import hashlib
import os
import tarfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from kua.backup import create
from kua.backup.create import create_backup
from kua.config import Settings
from kua.crypto import age
from kua.crypto.keys import generate_identity, identity_to_recipient, parse_identity, parse_recipient
from kua.db import migrate
from kua.storage.local import LocalBlobStore
from tests.intake.storage import database_at, upload
from tests.support.databases import sqlite_url

IDENTITY = generate_identity("pq")
PHOTO = b"age-encryption.org/v1 ... a photo's ciphertext"


class StoreThatMovesAfterListing(LocalBlobStore):
    """A real local store; right after its listing is taken, the server moves an attachment into it."""

    def __init__(self, root: Path, key: str | None) -> None:
        super().__init__(root)
        self.moved_key = key

    def list(self, prefix: str) -> list[tuple[str, datetime]]:
        listed = super().list(prefix)
        if self.moved_key is not None:
            self.put_bytes(self.moved_key, PHOTO)
            self.moved_key = None
        return listed


def an_instance_with_a_completed_attachment(tmp_path: Path) -> tuple[Settings, str]:
    """A migrated database whose one attachment is completed: its row names its object."""
    settings = Settings(
        _env_file=None, env="development", data_dir=tmp_path / "data", database_url=sqlite_url(tmp_path)
    )
    migrate.upgrade(settings.database_url, settings.migrations_dir)
    upload_id, now = uuid.uuid4(), datetime.now(UTC)
    key = f"attachments/{upload_id}"
    with database_at(settings.database_url) as connection:
        connection.execute(
            sa.insert(upload).values(
                id=upload_id,
                length=len(PHOTO),
                offset=len(PHOTO),
                sha256=hashlib.sha256(PHOTO).hexdigest(),
                created_at=now,
                expires_at=now + timedelta(days=2),
                completed_at=now,
                blob_key=key,
            )
        )
        connection.commit()
    return settings, key


def back_up(settings: Settings, store: LocalBlobStore, out: Path) -> list[str]:
    warnings: list[str] = []
    recipients = [parse_recipient(identity_to_recipient(IDENTITY))]
    create_backup(settings=settings, store=store, recipients=recipients, out=out, progress=print, warn=warnings.append)
    return warnings


def members(backup: Path, tmp_path: Path) -> dict[str, bytes]:
    plaintext = tmp_path / "opened.tar"
    plaintext.write_bytes(age.decrypt_bytes(backup.read_bytes(), [parse_identity(IDENTITY)]))
    with tarfile.open(plaintext) as archive:
        return {m.name: archive.extractfile(m).read() for m in archive.getmembers()}  # type: ignore[union-attr]


def test_an_attachment_moved_into_the_store_after_the_listing_is_in_the_backup(tmp_path: Path) -> None:
    settings, key = an_instance_with_a_completed_attachment(tmp_path)
    store = StoreThatMovesAfterListing(settings.blobs_dir, key)
    warnings = back_up(settings, store, tmp_path / "kua.backup")
    assert warnings == []
    assert members(tmp_path / "kua.backup", tmp_path)[f"blobs/{key}"] == PHOTO


def test_an_object_the_database_names_but_the_store_lacks_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(create, "MOVE_WAIT_SECONDS", 0.2)
    settings, key = an_instance_with_a_completed_attachment(tmp_path)
    warnings = back_up(settings, StoreThatMovesAfterListing(settings.blobs_dir, None), tmp_path / "kua.backup")
    assert warnings == [f"1 objects the database names are not in the blob store (first: {key})."]
    assert f"blobs/{key}" not in members(tmp_path / "kua.backup", tmp_path)


def test_plaintext_a_killed_backup_left_is_removed_by_the_next_once_a_day_old(tmp_path: Path) -> None:
    settings, key = an_instance_with_a_completed_attachment(tmp_path)
    store = StoreThatMovesAfterListing(settings.blobs_dir, key)
    # Given the private folders of a backup killed yesterday, and of one running now
    yesterday, running = settings.data_dir / ".backup-killed", settings.data_dir / ".backup-running"
    for folder in (yesterday, running):
        folder.mkdir(mode=0o700, parents=True)
        (folder / "backup.tar").write_bytes(b"plaintext")
    a_day_ago = time.time() - 25 * 3600
    os.utime(yesterday, (a_day_ago, a_day_ago))
    # When a backup runs, Then the old one is gone, the running one kept, and its own removed
    back_up(settings, store, tmp_path / "kua.backup")
    assert sorted(p.name for p in settings.data_dir.glob(".backup-*")) == [".backup-running"]
