"""`reports.csv`, `injuries.csv` and `documents.csv`: one row per report, injury and document, for a spreadsheet.

Reports come from phones, so any text in them may be hostile: a cell that a spreadsheet would run
as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is written after a `'`.
Fields a report lacks or gives in the wrong type are left empty, never guessed.

The console exports every report as `kua.report` v2 (docs/report-format.md): victims are the
`people` whose roles hold "victim", an injury names its `personId`. Bundles exported before v2 hold
v1 reports (`victims`, an injury's `victimId`): both are read.
"""

import csv
import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

from kua.export.manifest import AttachmentEntry, ReportEntry

ReportJson = Mapping[str, Any]
CaseTitles = Mapping[str, str | None]

REPORT_COLUMNS = [
    "report_id",
    "received_at",
    "status",
    "case_id",
    "case_title",
    "readable",
    "problem",
    "kinds",
    "when",
    "when_precision",
    "village",
    "place_type",
    "victims",
    "happening_now",
    "consent_record",
    "consent_photograph",
    "consent_share_with_prosecutor",
    "consent_share_with_un",
    "attachments",
]
INJURY_COLUMNS = [
    "report_id",
    "injury_id",
    "victim_id",
    "victim_name",
    "side",
    "region",
    "type",
    "size_cm",
    "colour",
    "when",
    "when_precision",
    "photo_ids",
    "photo_sha256",
]
DOCUMENT_COLUMNS = [
    "report_id",
    "document_id",
    "type",
    "caption",
    "pages",
    "page_ids",
    "page_sha256",
    "pdf_id",
    "pdf_sha256",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def parse_report(plaintext: bytes) -> dict[str, Any] | None:
    """A report file's JSON object, or None when it is not one."""
    try:
        value = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return value if isinstance(value, dict) else None


def cell(value: object) -> str:
    """A CSV cell: text as is unless a spreadsheet would run it; booleans as yes/no; nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _dict(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _scalar(value: object) -> object:
    return value if isinstance(value, str | int | float | bool) else None


def _joined(values: Iterable[object]) -> str:
    return "; ".join(str(v) for v in values if isinstance(v, str | int | float) and not isinstance(v, bool))


def _is_v2(report: ReportJson) -> bool:
    return report.get("version") == 2


def victim_count(report: ReportJson) -> int:
    """v2's people with the role "victim", or v1's victims."""
    if _is_v2(report):
        return sum("victim" in _list(_dict(p).get("roles")) for p in _list(report.get("people")))
    return len(_list(report.get("victims")))


def names(report: ReportJson) -> dict[object, object]:
    """Person id to name: v2's people, or v1's victims."""
    if _is_v2(report):
        return {_dict(p).get("id"): _dict(p).get("fullName") for p in _list(report.get("people"))}
    return {_dict(v).get("id"): _dict(v).get("name") for v in _list(report.get("victims"))}


def attachment_ids(report: ReportJson) -> set[object]:
    """Every attachment a report names: photos (and their previews), documents' pages and PDFs, voice."""
    photos = [p for i in _list(report.get("injuries")) for p in _list(_dict(i).get("photos"))]
    photos += _list(report.get("otherPhotos"))
    documents = [_dict(d) for d in _list(report.get("documents"))]
    photos += [p for d in documents for p in _list(d.get("pages"))]
    files = [_dict(d.get("pdf")) for d in documents] + [_dict(v) for v in _list(report.get("voice"))]
    ids = {_dict(p).get(key) for p in photos for key in ("attachmentId", "previewAttachmentId")}
    ids |= {f.get("attachmentId") for f in files}
    return {i for i in ids if isinstance(i, str)}


def report_row(entry: ReportEntry, report: ReportJson | None, case_titles: CaseTitles) -> list[str]:
    body = report or {}
    when, where, consent = _dict(body.get("when")), _dict(body.get("where")), _dict(body.get("consent"))
    village = _scalar(where.get("village"))
    if village == "other" or village is None:
        village = _scalar(where.get("other")) or village
    values: list[object] = [
        entry.report_id,
        entry.received_at,
        entry.status,
        entry.case_id,
        case_titles.get(entry.case_id or ""),
        report is not None,
        None if report is not None else (entry.problem or "malformed"),
        _joined(_list(body.get("kinds"))) if report else None,
        _scalar(when.get("value")),
        _scalar(when.get("precision")),
        village,
        _scalar(where.get("placeType")),
        victim_count(body) if report else None,
        _scalar(body.get("happeningNow")),
        _scalar(consent.get("record")),
        _scalar(consent.get("photograph")),
        _scalar(consent.get("shareWithProsecutor")),
        _scalar(consent.get("shareWithUn")),
        len(attachment_ids(body)) if report else None,
    ]
    return [cell(v) for v in values]


def injury_rows(report_id: str, report: ReportJson, attachments: Mapping[str, AttachmentEntry]) -> list[list[str]]:
    people = names(report)
    rows = []
    for item in _list(report.get("injuries")):
        injury = _dict(item)
        happened = _dict(injury.get("happened"))
        photo_ids = [_dict(p).get("attachmentId") for p in _list(injury.get("photos"))]
        hashes = [attachments[i].sha256 if isinstance(i, str) and i in attachments else None for i in photo_ids]
        victim_id = _scalar(injury.get("personId" if _is_v2(report) else "victimId"))
        values: list[object] = [
            report_id,
            _scalar(injury.get("id")),
            victim_id,
            _scalar(people.get(victim_id)) if isinstance(victim_id, str) else None,
            _scalar(injury.get("side")),
            _scalar(injury.get("region")),
            _scalar(injury.get("type")),
            _scalar(injury.get("sizeCm")),
            _scalar(injury.get("colour")),
            _scalar(happened.get("value")),
            _scalar(happened.get("precision")),
            _joined(photo_ids),
            "; ".join(h or "" for h in hashes) if hashes else None,
        ]
        rows.append([cell(v) for v in values])
    return rows


def document_rows(report_id: str, report: ReportJson, attachments: Mapping[str, AttachmentEntry]) -> list[list[str]]:
    """One row per document: its type, caption, pages in order and PDF, each with the SHA-256 of what was decrypted."""

    def sha256(attachment_id: object) -> str:
        entry = attachments.get(attachment_id) if isinstance(attachment_id, str) else None
        return (entry.sha256 if entry else None) or ""

    rows = []
    for item in _list(report.get("documents")):
        document = _dict(item)
        page_ids = [_dict(p).get("attachmentId") for p in _list(document.get("pages"))]
        pdf_id = _dict(document.get("pdf")).get("attachmentId")
        values: list[object] = [
            report_id,
            _scalar(document.get("id")),
            _scalar(document.get("type")),
            _scalar(document.get("caption")),
            len(page_ids),
            _joined(page_ids),
            "; ".join(sha256(i) for i in page_ids) if page_ids else None,
            _scalar(pdf_id),
            sha256(pdf_id) if isinstance(pdf_id, str) else None,
        ]
        rows.append([cell(v) for v in values])
    return rows


class CsvTable:
    """A CSV table written row by row into an open text file (UTF-8 with a BOM, CRLF lines)."""

    def __init__(self, handle: TextIO, header: list[str]) -> None:
        # A BOM, so that spreadsheets take the Cyrillic text for UTF-8.
        handle.write("\ufeff")
        self._writer = csv.writer(handle, lineterminator="\r\n")
        self._writer.writerow(header)

    def add(self, rows: Iterable[list[str]]) -> None:
        self._writer.writerows(rows)
