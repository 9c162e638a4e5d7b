"""`manifest.json`, the table of contents of a backup: every file it holds, with its size and SHA-256.

Versioned (`format`, `version`) so that a later Kua can add fields without breaking older backups.
"""

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from kua.storage.blobs import checked_key

FORMAT = "kua-backup"
VERSION = 1
MANIFEST_NAME = "manifest.json"
BLOBS_FOLDER = "blobs/"

DatabaseKind = Literal["sqlite", "postgresql"]
DATABASE_FILES: dict[DatabaseKind, str] = {"sqlite": "database/kua.sqlite3", "postgresql": "database/kua.pgdump"}
VAPID_KEY_FILE = "push/vapid-private-key.pem"


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why in one sentence."""


@dataclass(frozen=True)
class Entry:
    """One file of the archive: its name there, size and SHA-256 (hex)."""

    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    created_at: str
    database_kind: DatabaseKind
    schema_revision: str | None
    database: Entry
    vapid_key: Entry | None = None
    blobs: list[Entry] = field(default_factory=list)

    @property
    def entries(self) -> list[Entry]:
        """Every file the archive must hold besides the manifest."""
        return [self.database, *([self.vapid_key] if self.vapid_key else []), *self.blobs]

    def encode(self) -> bytes:
        document = {"format": FORMAT, "version": VERSION, **asdict(self)}
        return (json.dumps(document, indent=1) + "\n").encode("utf-8")


def blob_entry_name(key: str) -> str:
    return BLOBS_FOLDER + key


def blob_key_of(entry: Entry) -> str:
    """The blob key an entry restores to (checked: a lower-case relative key, no `..`)."""
    return checked_key(entry.name.removeprefix(BLOBS_FOLDER))


def parse_manifest(raw: bytes) -> Manifest:
    """The manifest of a backup; BackupError if it is not one this Kua can restore."""
    try:
        document = json.loads(raw)
        if document.get("format") != FORMAT or document.get("version") != VERSION:
            raise BackupError("This is not a Kua backup of a version this Kua can restore.")
        kind = document["database_kind"]
        if kind not in DATABASE_FILES:
            raise BackupError(f"The backup holds an unknown kind of database ({kind!r}).")
        database = _entry(document["database"])
        if database.name != DATABASE_FILES[kind]:
            raise BackupError("The backup's manifest names its database file wrongly.")
        vapid_key = _entry(document["vapid_key"]) if document.get("vapid_key") else None
        if vapid_key is not None and vapid_key.name != VAPID_KEY_FILE:
            raise BackupError("The backup's manifest names its VAPID key file wrongly.")
        blobs = [_entry(item) for item in document["blobs"]]
        for entry in blobs:
            if not entry.name.startswith(BLOBS_FOLDER):
                raise BackupError(f"The backup's manifest lists {entry.name[:60]!r} among the objects.")
            blob_key_of(entry)
        schema_revision = document.get("schema_revision")
        manifest = Manifest(str(document["created_at"]), kind, schema_revision, database, vapid_key, blobs)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise BackupError(f"The backup's manifest is malformed ({error}).") from None
    names = [entry.name for entry in manifest.entries]
    if len(set(names)) != len(names):
        raise BackupError("The backup's manifest lists a file twice.")
    return manifest


def _entry(item: Any) -> Entry:
    name, size, sha256 = item["name"], item["size"], item["sha256"]
    if not isinstance(name, str) or not isinstance(size, int) or size < 0:
        raise ValueError("an entry needs a name and a size")
    if not isinstance(sha256, str) or len(sha256) != 64 or sha256.strip("0123456789abcdef"):
        raise ValueError(f"{name[:60]!r} has no valid SHA-256")
    return Entry(name, size, sha256)
