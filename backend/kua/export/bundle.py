"""Opening a bundle: decrypt the age file whole, then read the ZIP inside against its manifest.

Anyone may seal a file to a reviewer's (public) recipient, so the ZIP is read as hostile input:
every name must be one the manifest lists (or a fixed one), none twice, none absolute or climbing
out with `..`; only stored or deflated entries, none encrypted; sizes are capped (each entry, the
total, and the ratio of a large entry's size to its compressed size) from the central directory,
before anything is inflated.
"""

import io
import tempfile
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from kua.crypto import age
from kua.crypto.age import Identity, armor
from kua.export.errors import NotAnExportError, UnsafeBundleError, shown
from kua.export.manifest import FIXED_ENTRIES, MANIFEST, Manifest, parse_manifest

MiB = 2**20


@dataclass(frozen=True)
class Limits:
    """What an honest bundle stays within (attachments are at most 50 MiB sealed, reports 2 MiB)."""

    max_entries: int = 200_000
    max_entry_bytes: int = 256 * MiB
    max_total_bytes: int = 32 * 1024 * MiB
    max_ratio: int = 100
    """Uncompressed / compressed, for entries over `ratio_from_bytes` (JSON deflates about 10x)."""
    ratio_from_bytes: int = 1 * MiB


@dataclass(frozen=True)
class Bundle:
    manifest: Manifest
    entries: dict[str, bytes]
    """Every entry by name, the manifest included, exactly as the ZIP holds it."""


def open_bundle(source: BinaryIO, identities: list[Identity], limits: Limits | None = None) -> Bundle:
    """Decrypt a bundle (a seekable binary or armored age file) and read its ZIP.

    The ZIP is read only once the whole age file is authenticated (decrypted into an anonymous
    temporary file first), so a damaged or truncated bundle yields nothing.
    """
    head = source.read(64)
    source.seek(0)
    if armor.is_armored(head):
        source = io.BytesIO(armor.decode(source.read()))
    with tempfile.TemporaryFile() as plaintext:
        age.decrypt(source, plaintext, identities)
        plaintext.seek(0)
        return read_zip(plaintext, limits or Limits())


def read_zip(plaintext: BinaryIO, limits: Limits) -> Bundle:
    """The entries of a bundle's ZIP, checked against its manifest and the limits."""
    try:
        archive = zipfile.ZipFile(plaintext)
    except (zipfile.BadZipFile, OSError):
        raise NotAnExportError("The bundle opens, but what it holds is not a ZIP archive.") from None
    with archive:
        infos = archive.infolist()
        _check_names_and_sizes(infos, limits)
        names = {info.filename for info in infos}
        if MANIFEST not in names:
            raise NotAnExportError("The ZIP is not a Kua export: it holds no manifest.json.")
        manifest = parse_manifest(_read(archive, archive.getinfo(MANIFEST)))
        listed = manifest.files()
        unlisted, missing = sorted(names - listed - FIXED_ENTRIES), sorted(listed - names)
        if unlisted:
            name = shown(unlisted[0])
            raise UnsafeBundleError(f"The bundle holds the entry {name}, which its manifest does not list.")
        if missing:
            raise NotAnExportError(f"The bundle lacks the file {shown(missing[0])} its manifest lists.")
        entries = {info.filename: _read(archive, info) for info in infos}
    return Bundle(manifest=manifest, entries=entries)


def _check_names_and_sizes(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_entries:
        raise UnsafeBundleError(f"The bundle holds more than {limits.max_entries} entries.")
    seen: set[str] = set()
    total = 0
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
        ratio_at = max(info.compress_size, 1) * limits.max_ratio
        if info.file_size > limits.ratio_from_bytes and info.file_size > ratio_at:
            raise UnsafeBundleError(f"The bundle's entry {shown(name)} inflates more than {limits.max_ratio} times.")
        total += info.file_size
        if total > limits.max_total_bytes:
            raise UnsafeBundleError(f"The bundle holds more than {limits.max_total_bytes} bytes once inflated.")


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
