"""Writing an opened bundle into a folder on the reviewer's machine.

The folder holds plaintext: it is made private (0700, files 0600), and files are never written
through a symbolic link. A folder that already holds anything is refused unless `force`, which
overwrites the files an export writes and leaves every other file alone.

Nothing is held whole: reports are read, written and turned into CSV rows one at a time, and
attachments are copied to disk in chunks. If the bundle turns out damaged halfway (or anything
else fails), every file written so far is removed, and the folders this export made.
"""

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TextIO

from kua.export.bundle import Bundle
from kua.export.entries import Counted, count_drafts, count_followups
from kua.export.errors import OutputNotEmptyError
from kua.export.manifest import CASES, DRAFTS, FOLLOWUPS, MANIFEST, NOTES
from kua.export.tables import (
    DOCUMENT_COLUMNS,
    INJURY_COLUMNS,
    REPORT_COLUMNS,
    CsvTable,
    document_rows,
    injury_rows,
    parse_report,
    report_row,
)

PRIVATE_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
# The JSON entries beside the reports that the summary counts, each with what counts it.
COUNTED_ENTRIES = ((FOLLOWUPS, count_followups), (DRAFTS, count_drafts))


@dataclass
class Summary:
    reports: int = 0
    unreadable: int = 0
    attachments: int = 0
    questions: int = 0
    answers: int = 0
    drafts: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, counted: Counted) -> None:
        self.questions += counted.questions
        self.answers += counted.answers
        self.drafts += counted.drafts
        self.problems.extend(counted.problems)


def attachment_extension(plaintext: bytes) -> str:
    """The file extension an attachment's first bytes call for (a photo, a PDF, a recording); bin for anything else."""
    if plaintext.startswith(b"%PDF-"):
        return "pdf"
    if plaintext.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if plaintext.startswith(b"OggS"):
        return "ogg"
    if plaintext[4:8] == b"ftyp" and plaintext[8:11] == b"M4A":
        return "m4a"
    if plaintext.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if plaintext.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if plaintext[:4] == b"RIFF" and plaintext[8:12] == b"WEBP":
        return "webp"
    return "bin"


def _case_titles(bundle: Bundle, cases_json: bytes) -> dict[str, str | None]:
    titles: dict[str, str | None] = {}
    try:
        cases = json.loads(cases_json.decode("utf-8"))
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
    """Write manifest, reports, CSV tables, cases, notes, follow-ups, drafts and attachments into `out`.

    What went wrong is in the summary.
    """
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OutputNotEmptyError(f"The output {out} is not a folder.")
    if out.exists() and any(out.iterdir()) and not force:
        raise OutputNotEmptyError(f"The folder {out} is not empty: choose another, or give --force to write over it.")
    output = _Output(out)
    try:
        return _write(bundle, output)
    except BaseException:
        output.remove()
        raise


def _write(bundle: Bundle, output: "_Output") -> Summary:
    manifest = bundle.manifest
    # Checked before anything is written, then read again to be written (bundles made before issue 19 hold neither).
    extras = [(name, count) for name, count in COUNTED_ENTRIES if name in bundle.names]
    counted = [count(bundle.read(name)) for name, count in extras]
    output.make_folders()
    cases_json = bundle.read(CASES) if CASES in bundle.names else b"[]\n"
    output.write(MANIFEST, bundle.read(MANIFEST))
    output.write(CASES, cases_json)
    if NOTES in bundle.names:
        output.write(NOTES, bundle.read(NOTES))
    for name, _ in extras:
        output.write(name, bundle.read(name))
    titles = _case_titles(bundle, cases_json)
    attachments_by_id = {a.attachment_id: a for a in manifest.attachments}
    summary = Summary()
    with (
        output.text("reports.csv") as reports_file,
        output.text("injuries.csv") as injuries_file,
        output.text("documents.csv") as documents_file,
    ):
        reports_table, injuries_table = CsvTable(reports_file, REPORT_COLUMNS), CsvTable(injuries_file, INJURY_COLUMNS)
        documents_table = CsvTable(documents_file, DOCUMENT_COLUMNS)
        for entry in manifest.reports:
            summary.reports += 1
            report = None
            if entry.file is None:
                summary.unreadable += 1
                summary.problems.append(f"report {entry.report_id}: the console could not open it ({entry.problem}).")
            else:
                plaintext = bundle.read(entry.file)
                output.write(entry.file, plaintext)
                report = parse_report(plaintext)
                if report is None:
                    summary.problems.append(f"report {entry.report_id}: its file is not a JSON object.")
            reports_table.add([report_row(entry, report, titles)])
            if report is not None:
                injuries_table.add(injury_rows(entry.report_id, report, attachments_by_id))
                documents_table.add(document_rows(entry.report_id, report, attachments_by_id))
    for attachment in manifest.attachments:
        named_by = "" if attachment.answer_id is None else f"answer {attachment.answer_id} to "
        label = f"attachment {attachment.attachment_id} of {named_by}report {attachment.report_id}"
        if attachment.file is None:
            summary.problems.append(f"{label}: not in the bundle ({attachment.problem}).")
            continue
        summary.attachments += 1
        partial = f"attachments/{attachment.attachment_id}.part"
        with output.binary(partial) as handle:
            sha256 = bundle.copy(attachment.file, handle)
        with output.open_read(partial) as written:
            extension = attachment_extension(written.read(12))
        output.rename(partial, f"attachments/{attachment.attachment_id}.{extension}")
        if sha256 != attachment.sha256:
            summary.problems.append(f"{label}: its bytes do not match the manifest's SHA-256.")
        elif attachment.problem is not None:
            summary.problems.append(f"{label}: flagged by the console ({attachment.problem}).")
    for each in counted:
        summary.add(each)
    return summary


class _Output:
    """The export folder: private files written without following links, remembered so a failure can undo them."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self._files: list[Path] = []
        self._folders: list[Path] = []

    def make_folders(self) -> None:
        for path in (self.out, self.out / "reports", self.out / "attachments"):
            if path.is_symlink() or (path.exists() and not path.is_dir()):
                raise OutputNotEmptyError(f"{path} is not a folder.")
            if not path.exists():
                path.mkdir(mode=0o700, parents=True)
                self._folders.append(path)

    def _created(self, name: str) -> int:
        path = self.out / name
        descriptor = os.open(path, PRIVATE_FILE, 0o600)
        self._files.append(path)
        return descriptor

    def write(self, name: str, content: bytes) -> None:
        with os.fdopen(self._created(name), "wb") as handle:
            handle.write(content)

    @contextmanager
    def binary(self, name: str) -> Iterator[BinaryIO]:
        with os.fdopen(self._created(name), "wb") as handle:
            yield handle

    @contextmanager
    def text(self, name: str) -> Iterator[TextIO]:
        with os.fdopen(self._created(name), "w", encoding="utf-8", newline="") as handle:
            yield handle

    @contextmanager
    def open_read(self, name: str) -> Iterator[BinaryIO]:
        with (self.out / name).open("rb") as handle:
            yield handle

    def rename(self, name: str, new_name: str) -> None:
        target = self.out / new_name
        if target.is_symlink():
            target.unlink()
        os.replace(self.out / name, target)
        self._files.append(target)

    def remove(self) -> None:
        """Remove what this export wrote (files it overwrote under --force are gone too: they were Kua's)."""
        for path in reversed(self._files):
            path.unlink(missing_ok=True)
        for folder in reversed(self._folders):
            with suppress(OSError):  # not empty: it holds files that were there before
                folder.rmdir()
