"""`kua backup create`: database first, then every object, packed in a tar archive and sealed with age."""

import contextlib
import hashlib
import io
import os
import shutil
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import anyio

from kua.backup import database, objects
from kua.backup.manifest import (
    BLOBS_FOLDER,
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
PRIVATE_PREFIX = ".backup-"
LEFTOVER_SECONDS = 24 * 3600
# How long to wait for an object the database names but the store does not hold yet: an attachment's
# row commits before its staging file is moved into the store (kua.uploads.receive), which for a
# 50 MiB multipart upload to S3 takes seconds.
MOVE_WAIT_SECONDS = 60.0


@dataclass(frozen=True)
class Created:
    path: Path
    manifest: Manifest
    size: int


@contextmanager
def private_folder(data_dir: Path) -> Iterator[Path]:
    """A temporary folder (0700) in the data folder for plaintext, removed with everything in it.

    A folder a killed backup left (SIGKILL, a power cut) is removed by the next backup or restore once
    a day old: younger, it may belong to one still running.
    """
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    for leftover in data_dir.glob(f"{PRIVATE_PREFIX}*"):
        if leftover.is_dir() and time.time() - leftover.stat().st_mtime > LEFTOVER_SECONDS:
            shutil.rmtree(leftover, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=PRIVATE_PREFIX, dir=data_dir))  # mkdtemp makes it 0700
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
    warn: Callable[[str], None],
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
            blobs = objects.run_async(_add_objects, archive, store, folder, progress)
            named = database.named_blob_keys(settings.database_url)
            blobs += objects.run_async(
                _add_named_objects, archive, store, folder, named - {_key(e) for e in blobs}, warn
            )
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
        # An object removed since it was listed is an orphan, named by no row the database copy holds.
        with contextlib.suppress(FileNotFoundError):
            entries.append(await _add_object(archive, store, folder, key))
        if number % PROGRESS_EVERY == 0 or number == len(keys):
            progress(f"objects: {number} of {len(keys)}")
    return entries


async def _add_named_objects(
    archive: tarfile.TarFile, store: BlobStore, folder: Path, keys: set[str], warn: Callable[[str], None]
) -> list[Entry]:
    """Objects named by rows but not listed: attachments still being moved into the store, waited for."""
    entries, missing = [], sorted(keys)
    deadline = anyio.current_time() + MOVE_WAIT_SECONDS
    while missing:
        for key in list(missing):
            if await store.exists(key):
                entries.append(await _add_object(archive, store, folder, key))
                missing.remove(key)
        if not missing or anyio.current_time() > deadline:
            break
        await anyio.sleep(0.5)
    if missing:
        warn(f"{len(missing)} objects the database names are not in the blob store (first: {missing[0]}).")
    return entries


async def _add_object(archive: tarfile.TarFile, store: BlobStore, folder: Path, key: str) -> Entry:
    staged = folder / "object"
    try:
        size, sha256 = await objects.fetch(store, key, staged)
        entry = Entry(blob_entry_name(key), size, sha256)
        archive.add(staged, arcname=entry.name, recursive=False, filter=_plain_member)
    finally:
        staged.unlink(missing_ok=True)
    return entry


def _key(entry: Entry) -> str:
    return entry.name.removeprefix(BLOBS_FOLDER)


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
