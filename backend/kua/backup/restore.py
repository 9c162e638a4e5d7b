"""`kua backup restore`: open the age file, check every SHA-256 of the manifest, and only then write.

The archive is never extracted by its own paths: each file is read by the name the manifest gives it
and written to the database or to the blob store under a checked key, so a crafted archive cannot
write anywhere else.
"""

import hashlib
import shutil
import tarfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kua.backup import database, objects
from kua.backup.create import PROGRESS_EVERY, private_folder
from kua.backup.manifest import MANIFEST_NAME, BackupError, Entry, Manifest, blob_key_of, parse_manifest
from kua.config import Settings
from kua.crypto import age
from kua.crypto.errors import CryptoError, NoIdentityMatchError
from kua.storage.blobs import BlobStore


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    objects_left_in_place: int


def restore_backup(
    *,
    settings: Settings,
    store: BlobStore,
    source: Path,
    identities: Sequence[age.Identity],
    force: bool,
    progress: Callable[[str], None],
) -> Restored:
    """Restore the backup at `source` into the configured database and blob store."""
    present = objects.object_keys(store)
    if not force:
        if not database.is_empty(settings.database_url):
            raise BackupError("The target database is not empty; restore into an empty one, or use --force.")
        if present:
            held = f"{len(present)} object{'s' if len(present) != 1 else ''}"
            raise BackupError(f"The blob store is not empty ({held}); restore into an empty one, or use --force.")
    with private_folder(settings.data_dir) as folder:
        archive_path = folder / "backup.tar"
        _open(source, archive_path, identities)
        with tarfile.open(archive_path, "r:") as archive:
            manifest, members = _verified(archive)
            progress(f"verified: the database and {len(manifest.blobs)} objects match the manifest")
            snapshot = folder / "database"
            _copy_member(archive, members[manifest.database.name], snapshot)
            database.restore(settings.database_url, snapshot, replace=force)
            progress(f"database: {manifest.database_kind} restored, at revision {manifest.schema_revision}")
            if manifest.vapid_key is not None:
                _restore_vapid_key(archive, members[manifest.vapid_key.name], settings.push_dir, force=force)
            objects.run_async(_put_objects, archive, members, manifest.blobs, store, force, progress)
    restored_keys = {blob_key_of(entry) for entry in manifest.blobs}
    return Restored(manifest, len(set(present) - restored_keys))


def _open(source: Path, destination: Path, identities: Sequence[age.Identity]) -> None:
    try:
        with open(source, "rb") as sealed, open(destination, "xb") as plaintext:
            age.decrypt(sealed, plaintext, identities)
    except NoIdentityMatchError:
        raise BackupError("This identity does not open the backup: it was sealed to other recipients.") from None
    except CryptoError as error:
        reason = str(error).rstrip(".")
        raise BackupError(f"The backup is damaged or was altered, so nothing was restored ({reason}).") from None


def _verified(archive: tarfile.TarFile) -> tuple[Manifest, dict[str, tarfile.TarInfo]]:
    """The manifest and the archive's members, once every file matches its SHA-256 and nothing is extra."""
    members: dict[str, tarfile.TarInfo] = {}
    for member in archive.getmembers():
        if not member.isfile() or member.name in members:
            raise BackupError(f"The backup holds an unexpected entry ({member.name[:60]!r}); nothing was restored.")
        members[member.name] = member
    if MANIFEST_NAME not in members:
        raise BackupError("The backup has no manifest; nothing was restored.")
    manifest = parse_manifest(_read(archive, members[MANIFEST_NAME]).read())
    expected = {entry.name for entry in manifest.entries} | {MANIFEST_NAME}
    if set(members) != expected:
        unlisted = sorted(set(members) ^ expected)[0]
        raise BackupError(f"The backup and its manifest disagree about {unlisted[:60]!r}; nothing was restored.")
    for entry in manifest.entries:
        _check(archive, members[entry.name], entry)
    return manifest, members


def _check(archive: tarfile.TarFile, member: tarfile.TarInfo, entry: Entry) -> None:
    digest, size = hashlib.sha256(), 0
    handle = _read(archive, member)
    while chunk := handle.read(1024 * 1024):
        digest.update(chunk)
        size += len(chunk)
    if size != entry.size or digest.hexdigest() != entry.sha256:
        raise BackupError(f"{entry.name[:60]} does not match its SHA-256 in the manifest; nothing was restored.")


def _read(archive: tarfile.TarFile, member: tarfile.TarInfo) -> IO[bytes]:
    handle = archive.extractfile(member)
    if handle is None:
        raise BackupError(f"{member.name[:60]} cannot be read from the backup.")
    return handle


def _copy_member(archive: tarfile.TarFile, member: tarfile.TarInfo, destination: Path) -> None:
    with open(destination, "xb") as target:
        shutil.copyfileobj(_read(archive, member), target)


def _restore_vapid_key(archive: tarfile.TarFile, member: tarfile.TarInfo, push_dir: Path, *, force: bool) -> None:
    """The key push subscriptions are bound to; an existing key is kept unless --force."""
    path = push_dir / Path(member.name).name
    if path.exists() and not force:
        return
    push_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    staged = path.with_name(f".{path.name}.restoring")
    staged.unlink(missing_ok=True)
    _copy_member(archive, member, staged)
    staged.chmod(0o600)
    staged.replace(path)


async def _put_objects(
    archive: tarfile.TarFile,
    members: dict[str, tarfile.TarInfo],
    entries: list[Entry],
    store: BlobStore,
    force: bool,
    progress: Callable[[str], None],
) -> None:
    for number, entry in enumerate(entries, start=1):
        await objects.put_from(store, blob_key_of(entry), _read(archive, members[entry.name]), replace=force)
        if number % PROGRESS_EVERY == 0 or number == len(entries):
            progress(f"objects: {number} of {len(entries)} restored")
