"""The export manifest, format `kua.export` version 1 (docs/review.md, "Export bundle").

Only what the opener relies on is checked strictly: the format and version, the scope, and each
listed file's name, which must be the one the console derives from a UUID (`reports/<id>.json`,
`attachments/<id>`), so no name in a bundle ever chooses a path on the reviewer's disk.

Keys added since the first bundles are optional (an attachment's `answer_id`), so a bundle made
before them reads the same and the version stays 1.
"""

import json
import re
from dataclasses import dataclass
from typing import Any, Literal

from kua.export.errors import NotAnExportError, UnsafeBundleError, shown

FORMAT = "kua.export"
VERSION = 1
MANIFEST = "manifest.json"
CASES = "cases.json"
NOTES = "notes.json"
FOLLOWUPS = "followups.json"
DRAFTS = "drafts.json"
# Entries a bundle may hold besides the files its manifest lists (bundles made before issue 19 lack the last two).
FIXED_ENTRIES = frozenset({MANIFEST, CASES, NOTES, FOLLOWUPS, DRAFTS})

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
Scope = Literal["case", "archive"]


@dataclass(frozen=True)
class ReportEntry:
    report_id: str
    received_at: str | None
    status: str | None
    case_id: str | None
    sha256: str | None
    size: int | None
    problem: str | None
    """Why the console could not open it ("not_for_this_key"...); None when `file` holds it."""
    file: str | None


@dataclass(frozen=True)
class AttachmentEntry:
    attachment_id: str
    report_id: str
    answer_id: str | None
    """The family's answer that named it (followups.json); None for the report's own."""
    sha256: str | None
    """SHA-256 (hex) of the decrypted bytes in `file`."""
    sealed_sha256: str | None
    """What the report says the phone sealed."""
    problem: str | None
    """"hash_mismatch" (the bytes are kept, flagged), "not_received", "cannot_open"...; None when all is well."""
    file: str | None


@dataclass(frozen=True)
class Manifest:
    scope: Scope
    created_at: str
    case_id: str | None
    case_title: str | None
    reports: tuple[ReportEntry, ...]
    attachments: tuple[AttachmentEntry, ...]

    def files(self) -> set[str]:
        """Every entry name the manifest lists."""
        listed = [r.file for r in self.reports] + [a.file for a in self.attachments]
        return {name for name in listed if name is not None}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _uuid(value: object, what: str) -> str:
    if not isinstance(value, str) or not _UUID.match(value):
        raise NotAnExportError(f"The manifest names a {what} whose id is not a UUID.")
    return value


def _file(value: object, expected: str) -> str | None:
    if value is None:
        return None
    if value != expected:
        raise UnsafeBundleError(f"The manifest lists the file {shown(str(value))} where {shown(expected)} belongs.")
    return expected


def _report(item: Any) -> ReportEntry:
    if not isinstance(item, dict):
        raise NotAnExportError("The manifest's reports are not objects.")
    report_id = _uuid(item.get("report_id"), "report")
    size = item.get("size")
    return ReportEntry(
        report_id=report_id,
        received_at=_text(item.get("received_at")),
        status=_text(item.get("status")),
        case_id=_text(item.get("case_id")),
        sha256=_text(item.get("sha256")),
        size=size if isinstance(size, int) and not isinstance(size, bool) else None,
        problem=_text(item.get("problem")),
        file=_file(item.get("file"), f"reports/{report_id}.json"),
    )


def _attachment(item: Any) -> AttachmentEntry:
    if not isinstance(item, dict):
        raise NotAnExportError("The manifest's attachments are not objects.")
    file = item.get("file")
    # An id only labels an attachment without a file (a report may name anything); a file needs a UUID.
    attachment_id = _uuid(item.get("attachment_id"), "attachment") if file is not None else item.get("attachment_id")
    if not isinstance(attachment_id, str):
        raise NotAnExportError("The manifest names an attachment without an id.")
    sha256 = _text(item.get("sha256"))
    if file is not None and (sha256 is None or not re.fullmatch(r"[0-9a-f]{64}", sha256)):
        raise NotAnExportError(f"The manifest gives no SHA-256 for the attachment {attachment_id}.")
    return AttachmentEntry(
        attachment_id=attachment_id,
        report_id=_uuid(item.get("report_id"), "report"),
        answer_id=None if item.get("answer_id") is None else _uuid(item.get("answer_id"), "follow-up answer"),
        sha256=sha256,
        sealed_sha256=_text(item.get("sealed_sha256")),
        problem=_text(item.get("problem")),
        file=_file(file, f"attachments/{attachment_id}"),
    )


def parse_manifest(plaintext: bytes) -> Manifest:
    """The manifest of a bundle; `NotAnExportError` when it is not a `kua.export` this opener reads."""
    try:
        value = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise NotAnExportError("The bundle's manifest is not UTF-8 JSON.") from None
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        raise NotAnExportError("The ZIP is not a Kua export: its manifest is not kua.export.")
    if value.get("version") != VERSION:
        raise NotAnExportError(f"kua.export version {shown(str(value.get('version')))} is not known to this kua.")
    scope = value.get("scope")
    if scope not in ("case", "archive"):
        raise NotAnExportError("The manifest's scope is neither case nor archive.")
    reports, attachments = value.get("reports"), value.get("attachments")
    if not isinstance(reports, list) or not isinstance(attachments, list):
        raise NotAnExportError("The manifest lacks its list of reports or attachments.")
    case = value["case"] if isinstance(value.get("case"), dict) else {}
    manifest = Manifest(
        scope=scope,
        created_at=_text(value.get("created_at")) or "",
        case_id=_uuid(case.get("case_id"), "case") if scope == "case" else None,
        case_title=_text(case.get("title")),
        reports=tuple(_report(item) for item in reports),
        attachments=tuple(_attachment(item) for item in attachments),
    )
    report_ids = [r.report_id for r in manifest.reports]
    attachment_files = [a.file for a in manifest.attachments if a.file is not None]
    if len(set(report_ids)) != len(report_ids) or len(set(attachment_files)) != len(attachment_files):
        raise NotAnExportError("The manifest lists a report or an attachment twice.")
    return manifest
