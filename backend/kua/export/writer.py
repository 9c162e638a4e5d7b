"""Writing an opened bundle into a folder on the reviewer's machine.

The folder holds plaintext: it is made private (0700, files 0600), and files are never written
through a symbolic link. A folder that already holds anything is refused unless `force`, which
overwrites the files an export writes and leaves every other file alone.
"""

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from kua.export.bundle import Bundle
from kua.export.errors import OutputNotEmptyError
from kua.export.manifest import CASES, MANIFEST, NOTES
from kua.export.tables import injuries_csv, parse_report, reports_csv


@dataclass
class Summary:
    reports: int = 0
    unreadable: int = 0
    attachments: int = 0
    problems: list[str] = field(default_factory=list)


def attachment_extension(plaintext: bytes) -> str:
    """The file extension an attachment's first bytes call for (a photo's: jpg, png or webp); bin for anything else."""
    if plaintext.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if plaintext.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if plaintext[:4] == b"RIFF" and plaintext[8:12] == b"WEBP":
        return "webp"
    return "bin"


def _case_titles(bundle: Bundle) -> dict[str, str | None]:
    titles: dict[str, str | None] = {}
    try:
        cases = json.loads(bundle.entries.get(CASES, b"[]").decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        cases = []
    for item in cases if isinstance(cases, list) else []:
        if isinstance(item, dict) and isinstance(item.get("case_id"), str):
            title = item.get("title")
            titles[item["case_id"]] = title if isinstance(title, str) else None
    if bundle.manifest.case_id is not None:
        titles.setdefault(bundle.manifest.case_id, bundle.manifest.case_title)
    return titles


def write_export(bundle: Bundle, out: Path, *, force: bool = False) -> Summary:
    """Write manifest, reports, CSV tables, cases, notes and photos into `out`; what went wrong is in the summary."""
    manifest = bundle.manifest
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OutputNotEmptyError(f"The output {out} is not a folder.")
    if out.exists() and any(out.iterdir()) and not force:
        raise OutputNotEmptyError(f"The folder {out} is not empty: choose another, or give --force to write over it.")
    summary = Summary()
    reports = {}
    for entry in manifest.reports:
        summary.reports += 1
        report = parse_report(bundle.entries[entry.file]) if entry.file else None
        reports[entry.report_id] = report
        if entry.file is None:
            summary.unreadable += 1
            summary.problems.append(f"report {entry.report_id}: the console could not open it ({entry.problem}).")
        elif report is None:
            summary.problems.append(f"report {entry.report_id}: its file is not a JSON object.")
    attachments: dict[str, bytes] = {}
    for attachment in manifest.attachments:
        label = f"attachment {attachment.attachment_id} of report {attachment.report_id}"
        if attachment.file is None:
            summary.problems.append(f"{label}: not in the bundle ({attachment.problem}).")
            continue
        plaintext = bundle.entries[attachment.file]
        summary.attachments += 1
        if hashlib.sha256(plaintext).hexdigest() != attachment.sha256:
            summary.problems.append(f"{label}: its bytes do not match the manifest's SHA-256.")
        elif attachment.problem is not None:
            summary.problems.append(f"{label}: flagged by the console ({attachment.problem}).")
        attachments[f"attachments/{attachment.attachment_id}.{attachment_extension(plaintext)}"] = plaintext

    files: dict[str, bytes] = {
        MANIFEST: bundle.entries[MANIFEST],
        "reports.csv": reports_csv(manifest, reports, _case_titles(bundle)),
        "injuries.csv": injuries_csv(manifest, reports),
        CASES: bundle.entries.get(CASES, b"[]\n"),
        **{entry.file: bundle.entries[entry.file] for entry in manifest.reports if entry.file},
        **attachments,
    }
    if NOTES in bundle.entries:
        files[NOTES] = bundle.entries[NOTES]
    _write_private(out, files)
    return summary


def _write_private(out: Path, files: dict[str, bytes]) -> None:
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    for folder in ("reports", "attachments"):
        path = out / folder
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            raise OutputNotEmptyError(f"{path} is not a folder.")
        path.mkdir(mode=0o700, exist_ok=True)
    for name, content in files.items():
        descriptor = os.open(out / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
