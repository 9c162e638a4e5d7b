"""`kua backup create`: database first, then every object, packed in a tar archive and sealed with age."""

import hashlib
import io
import os
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import anyio

from kua.backup import database, objects
from kua.backup.manifest import (
    DATABASE_FILES,
    MANIFEST_NAME,
    VAPID_KEY_FILE,
    BackupError,
    Entry,
    Manifest,
    blob_entry_name,
)
from kua.config import Settings
from kua.crypto import age
from kua.storage.blobs import BlobStore

PROGRESS_EVERY = 100  # objects between two progress lines


@dataclass(frozen=True)
class Created:
    path: Path
    manifest: Manifest
    size: int


@contextmanager
def private_folder(data_dir: Path) -> Iterator[Path]:
    """A temporary folder (0700) in the data folder for plaintext, removed with everything in it."""
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".backup-", dir=data_dir))  # mkdtemp makes it 0700
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def create_backup(
    *,
    settings: Settings,
    store: BlobStore,
    recipients: Sequence[age.Recipient],
    out: Path,
    progress: Callable[[str], None],
) -> Created:
    """Write the sealed backup of the running instance to `out` (which must not exist)."""
    if out.exists():
        raise BackupError(f"{out} exists already; choose a new file for each backup.")
    kind = database.kind_of(settings.database_url)
    with private_folder(settings.data_dir) as folder:
        archive_path = folder / "backup.tar"
        with tarfile.open(archive_path, "w", format=tarfile.PAX_FORMAT) as archive:
            revision = database.schema_revision(settings.database_url)
            snapshot = folder / "database"
            database.snapshot(settings.database_url, snapshot)
            database_entry = _add_file(archive, snapshot, DATABASE_FILES[kind])
            progress(f"database: {kind} at revision {revision or '(none)'}, {database_entry.size} bytes")
            vapid_key = settings.push_dir / Path(VAPID_KEY_FILE).name
            vapid_entry = _add_file(archive, vapid_key, VAPID_KEY_FILE) if vapid_key.is_file() else None
            blobs = anyio.run(_add_objects, archive, store, folder, progress)
            manifest = Manifest(
                created_at=datetime.now(UTC).isoformat(timespec="seconds"),
                database_kind=kind,
                schema_revision=revision,
                database=database_entry,
                vapid_key=vapid_entry,
                blobs=blobs,
            )
            _add_bytes(archive, manifest.encode(), MANIFEST_NAME)
        _seal(archive_path, out, recipients)
    return Created(out, manifest, out.stat().st_size)


async def _add_objects(
    archive: tarfile.TarFile, store: BlobStore, folder: Path, progress: Callable[[str], None]
) -> list[Entry]:
    keys = objects.object_keys(store)
    entries = []
    for number, key in enumerate(keys, start=1):
        staged = folder / "object"
        try:
            size, sha256 = await objects.fetch(store, key, staged)
        except FileNotFoundError:
            continue  # removed since it was listed: an orphan or an expired upload, named by no row copied
        entry = Entry(blob_entry_name(key), size, sha256)
        archive.add(staged, arcname=entry.name, recursive=False, filter=_plain_member)
        staged.unlink()
        entries.append(entry)
        if number % PROGRESS_EVERY == 0 or number == len(keys):
            progress(f"objects: {number} of {len(keys)}")
    return entries


def _add_file(archive: tarfile.TarFile, path: Path, name: str) -> Entry:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
            size += len(chunk)
    archive.add(path, arcname=name, recursive=False, filter=_plain_member)
    return Entry(name, size, digest.hexdigest())


def _add_bytes(archive: tarfile.TarFile, content: bytes, name: str) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(content), 0o600
    archive.addfile(info, io.BytesIO(content))


def _plain_member(info: tarfile.TarInfo) -> tarfile.TarInfo:
    """No owner names, ids or times of this host in the archive: only names, sizes and bytes."""
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    info.mtime = 0
    return info


def _seal(plaintext: Path, out: Path, recipients: Sequence[age.Recipient]) -> None:
    """Encrypt into a file beside `out`, fsync it, then rename: `out` is whole or absent."""
    staged = out.with_name(f".{out.name}.partial")
    try:
        with open(plaintext, "rb") as source, open(staged, "xb") as destination:
            try:
                age.encrypt(source, destination, recipients)
            except ValueError as error:
                raise BackupError(f"The backup cannot be sealed to these recipients: {error}") from None
            destination.flush()
            os.fsync(destination.fileno())
        os.replace(staged, out)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
