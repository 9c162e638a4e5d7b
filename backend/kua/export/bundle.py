"""Opening a bundle: decrypt the age file to a temporary file, then read the ZIP in it against its manifest.

Anyone may seal a file to a reviewer's (public) recipient, so the ZIP is read as hostile input:
every name must be one the manifest lists (or a fixed one), none twice, none absolute or climbing
out with `..`; only stored or deflated entries, none encrypted; sizes are capped from the central
directory before anything is inflated: each entry, the total, and the ratio of inflated to
compressed size of every entry and of the whole (a few KiB of slack for tiny entries, where
deflate's own overhead dominates). Entries are never all held in memory: JSON entries are read one
at a time under a cap of their own, attachments are copied to disk in chunks (`Bundle.copy`), so a
bundle of any size opens in tens of MiB (tests/export/test_export_memory.py).
"""

import hashlib
import io
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from kua.crypto import age
from kua.crypto.age import Identity, armor
from kua.export.errors import NotAnExportError, UnsafeBundleError, shown
from kua.export.manifest import FIXED_ENTRIES, MANIFEST, Manifest, parse_manifest

MiB = 2**20
COPY_CHUNK = MiB


@dataclass(frozen=True)
class Limits:
    """What an honest bundle stays within (attachments are at most 50 MiB sealed, reports 2 MiB)."""

    max_entries: int = 200_000
    max_entry_bytes: int = 256 * MiB
    max_total_bytes: int = 32 * 1024 * MiB
    max_ratio: int = 100
    """Inflated / compressed size, of every entry and of the whole (JSON deflates about 10x, photos not at all)."""
    ratio_slack_bytes: int = 4096
    """Inflated bytes allowed beyond the ratio: a tiny entry's deflate overhead is larger than itself."""
    max_json_bytes: int = 16 * MiB
    """The most a JSON entry (manifest, report, cases, notes, follow-ups, drafts) read in memory may hold."""
    max_armored_bytes: int = 16 * MiB
    """An armored bundle is decoded in memory; larger ones must be dearmored first (`age -d` does)."""


@dataclass(frozen=True)
class Bundle:
    """An opened bundle: its manifest, and its checked ZIP, whose entries are read on demand."""

    manifest: Manifest
    archive: zipfile.ZipFile
    names: frozenset[str]
    limits: Limits

    def read(self, name: str) -> bytes:
        """A JSON entry's bytes (at most `limits.max_json_bytes`)."""
        return _read_json(self.archive, name, self.limits)

    def copy(self, name: str, destination: BinaryIO) -> str:
        """Copy an entry to `destination` in chunks; its SHA-256 (hex)."""
        info = self.archive.getinfo(name)
        digest, copied = hashlib.sha256(), 0
        try:
            with self.archive.open(info) as entry:
                while chunk := entry.read(COPY_CHUNK):
                    copied += len(chunk)
                    if copied > info.file_size:
                        break
                    digest.update(chunk)
                    destination.write(chunk)
        except (zipfile.BadZipFile, EOFError, ValueError, OSError):
            raise NotAnExportError(f"The bundle's entry {shown(name)} is damaged.") from None
        if copied != info.file_size:
            raise NotAnExportError(f"The bundle's entry {shown(name)} is not the size its ZIP declares.")
        return digest.hexdigest()


@contextmanager
def open_bundle(source: BinaryIO, identities: list[Identity], limits: Limits | None = None) -> Iterator[Bundle]:
    """Decrypt a bundle (a seekable binary or armored age file) and open its ZIP, for the `with` block.

    The ZIP is read only once the whole age file is authenticated (decrypted into an anonymous
    temporary file first), so a damaged or truncated bundle yields nothing.
    """
    limits = limits or Limits()
    head = source.read(64)
    source.seek(0)
    if armor.is_armored(head):
        armored = source.read(limits.max_armored_bytes + 1)
        if len(armored) > limits.max_armored_bytes:
            raise NotAnExportError(
                f"The bundle is armored and larger than {limits.max_armored_bytes} bytes: dearmor it first."
            )
        source = io.BytesIO(armor.decode(armored))
        del armored
    with tempfile.TemporaryFile() as plaintext:
        age.decrypt(source, plaintext, identities)
        plaintext.seek(0)
        with read_zip(plaintext, limits) as bundle:
            yield bundle


@contextmanager
def read_zip(plaintext: BinaryIO, limits: Limits) -> Iterator[Bundle]:
    """A bundle's ZIP, checked against its manifest and the limits (its entries not yet read)."""
    try:
        archive = zipfile.ZipFile(plaintext)
    except (zipfile.BadZipFile, OSError):
        raise NotAnExportError("The bundle opens, but what it holds is not a ZIP archive.") from None
    with archive:
        infos = archive.infolist()
        _check_names_and_sizes(infos, limits)
        names = frozenset(info.filename for info in infos)
        if MANIFEST not in names:
            raise NotAnExportError("The ZIP is not a Kua export: it holds no manifest.json.")
        manifest = parse_manifest(_read_json(archive, MANIFEST, limits))
        listed = manifest.files()
        unlisted, missing = sorted(names - listed - FIXED_ENTRIES), sorted(listed - names)
        if unlisted:
            name = shown(unlisted[0])
            raise UnsafeBundleError(f"The bundle holds the entry {name}, which its manifest does not list.")
        if missing:
            raise NotAnExportError(f"The bundle lacks the file {shown(missing[0])} its manifest lists.")
        yield Bundle(manifest=manifest, archive=archive, names=names, limits=limits)


def _check_names_and_sizes(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_entries:
        raise UnsafeBundleError(f"The bundle holds more than {limits.max_entries} entries.")
    seen: set[str] = set()
    total = compressed = 0
    for info in infos:
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
            raise UnsafeBundleError(f"The bundle holds an entry with an absolute path, {shown(name)}.")
        if ".." in parts:
            raise UnsafeBundleError(f"The bundle holds an entry whose path climbs out of its folder, {shown(name)}.")
        if name in seen:
            raise UnsafeBundleError(f"The bundle holds two entries named {shown(name)}.")
        seen.add(name)
        if info.flag_bits & 0x1:
            raise UnsafeBundleError(f"The bundle's entry {shown(name)} is encrypted inside the ZIP.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnsafeBundleError(f"The bundle's entry {shown(name)} uses a compression Kua does not write.")
        if info.file_size > limits.max_entry_bytes:
            raise UnsafeBundleError(f"The bundle's entry {shown(name)} is larger than {limits.max_entry_bytes} bytes.")
        if info.file_size > info.compress_size * limits.max_ratio + limits.ratio_slack_bytes:
            raise UnsafeBundleError(f"The bundle's entry {shown(name)} inflates more than {limits.max_ratio} times.")
        total += info.file_size
        compressed += info.compress_size
        if total > limits.max_total_bytes:
            raise UnsafeBundleError(f"The bundle holds more than {limits.max_total_bytes} bytes once inflated.")
    if total > compressed * limits.max_ratio + limits.ratio_slack_bytes:
        raise UnsafeBundleError(f"The bundle's entries inflate more than {limits.max_ratio} times in all.")


def _read_json(archive: zipfile.ZipFile, name: str, limits: Limits) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > limits.max_json_bytes:
        raise UnsafeBundleError(f"The bundle's entry {shown(name)} is larger than {limits.max_json_bytes} bytes.")
    return _read(archive, info)


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """An entry's bytes; zipfile stops at the declared size and checks the CRC."""
    try:
        with archive.open(info) as entry:
            plaintext = entry.read(info.file_size + 1)
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        raise NotAnExportError(f"The bundle's entry {shown(info.filename)} is damaged.") from None
    if len(plaintext) != info.file_size:
        raise NotAnExportError(f"The bundle's entry {shown(info.filename)} is not the size its ZIP declares.")
    return plaintext
