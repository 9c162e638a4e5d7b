"""Test-only: export bundles built in Python the way the review console builds them (docs/review.md,
"Export bundle"), and hostile ones no console would write."""

import hashlib
import json
import uuid
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from kua.crypto import age
from kua.crypto.keys import parse_recipient

PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def sample_report(report_id: str, **changes: Any) -> dict[str, Any]:
    """A `kua.report` v1 (frontend/src/shared/report/model.ts): a detention in Sortobe with one injury."""
    report: dict[str, Any] = {
        "format": "kua.report",
        "version": 1,
        "formVersion": 1,
        "reportId": report_id,
        "deviceTime": "2026-11-25T06:10:00+05:00",
        "language": "ru",
        "happeningNow": False,
        "reporter": {"role": "relative", "relationToVictim": "сестра", "safeContact": None, "reprisalRisk": "yes"},
        "consent": {"record": True, "photograph": True, "shareWithProsecutor": True, "shareWithUn": False},
        "kinds": ["detention", "torture"],
        "when": {"precision": "exact", "value": "2026-11-25T06:00"},
        "where": {"village": "sortobe", "other": None, "placeType": "home", "gps": None},
        "account": "Забрали брата из дома в 6 утра, документов не показали.",
        "victims": [{"id": "v1", "name": "Хасан", "age": 34, "sex": "male", "relationToReporter": "брат"}],
        "perpetrators": {"agency": "Полиция", "unit": "Кордайский РОВД", "count": 6, "clothing": "both"},
        "detention": None,
        "search": None,
        "interrogation": None,
        "torture": {"methods": ["beating"], "object": None, "details": None},
        "injuries": [],
        "medical": None,
        "harmToRelatives": [],
        "otherPhotos": [],
    }
    report.update(changes)
    return report


def injury(photo_ids: list[str], photo_hashes: list[str]) -> dict[str, Any]:
    return {
        "id": "i1",
        "victimId": "v1",
        "side": "back",
        "region": "upper_back",
        "x": 0.5,
        "y": 0.3,
        "type": "bruise",
        "sizeCm": 4,
        "shape": None,
        "colour": "фиолетовый",
        "happened": {"precision": "approximate", "value": "2026-11-25"},
        "firstSeen": None,
        "observedBy": None,
        "photos": [
            {
                "attachmentId": attachment_id,
                "originalSha256": sha256,
                "sealedSha256": sha256,
                "capturedAt": None,
                "downscaled": False,
                "width": None,
                "height": None,
            }
            for attachment_id, sha256 in zip(photo_ids, photo_hashes, strict=True)
        ],
    }


@dataclass
class BundleContent:
    """A manifest and the files beside it, changed at will before `zipped`."""

    manifest: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)

    def zipped(self, extra: list[tuple[str, bytes]] | None = None) -> bytes:
        out = BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("manifest.json", json.dumps(self.manifest, ensure_ascii=False).encode())
            for name, data in self.files.items():
                stored = name.startswith("attachments/")
                archive.writestr(name, data, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
            for name, data in extra or []:
                archive.writestr(zipfile.ZipInfo(name), data)
        return out.getvalue()

    @property
    def report_ids(self) -> list[str]:
        return [item["report_id"] for item in self.manifest["reports"]]


def case_bundle(*, photo: bytes = PHOTO, case_title: str = "Задержание в Сортобе") -> BundleContent:
    """A case of two reports, the first with one photo of an injury; what the console would export."""
    first, second, attachment, case_id = (str(uuid.uuid4()) for _ in range(4))
    sha256 = hashlib.sha256(photo).hexdigest()
    reports = {
        first: sample_report(first, injuries=[injury([attachment], [sha256])]),
        second: sample_report(second, kinds=["search"], happeningNow=True, victims=[]),
    }
    meta = [
        {
            "report_id": report_id,
            "received_at": f"2026-11-25T0{index}:00:00.000000Z",
            "sha256": "ab" * 32,
            "size": 4096,
            "status": "in_review",
            "case_id": case_id,
            "problem": None,
            "file": f"reports/{report_id}.json",
        }
        for index, report_id in enumerate(reports, start=7)
    ]
    manifest = {
        "format": "kua.export",
        "version": 1,
        "created_at": "2026-12-02T09:00:00.000Z",
        "scope": "case",
        "case": {"case_id": case_id, "title": case_title},
        "exported_by": {"reviewer_id": str(uuid.uuid4()), "name": "Айгуль"},
        "sealed_to": [],
        "reports": meta,
        "attachments": [
            {
                "attachment_id": attachment,
                "report_id": first,
                "sha256": sha256,
                "sealed_sha256": sha256,
                "problem": None,
                "file": f"attachments/{attachment}",
            }
        ],
    }
    files = {f"reports/{rid}.json": json.dumps(r, ensure_ascii=False).encode() for rid, r in reports.items()}
    files[f"attachments/{attachment}"] = photo
    files["cases.json"] = json.dumps(
        [{"case_id": case_id, "title": case_title, "created_at": "", "created_by": "", "report_ids": [first, second]}],
        ensure_ascii=False,
    ).encode()
    files["notes.json"] = b"[]"
    return BundleContent(manifest, files)


def sealed(plaintext: bytes, recipient: str) -> bytes:
    """The bundle age-encrypted to the reviewer, as the console seals it (no padding)."""
    return age.encrypt_bytes(plaintext, [parse_recipient(recipient)])


VOICE = b"OggS" + bytes(range(200)) * 4


def with_answers_and_drafts(content: BundleContent) -> BundleContent:
    """`content` with what the console adds since issue 19: the family's answers to one question about
    the first report (one with a recording, one the console could not open), the recording itself, and
    the case's saved drafts (two versions, the second not for this key)."""
    first = content.report_ids[0]
    case_id = content.manifest["case"]["case_id"]
    question, answered, unopened, recording = (str(uuid.uuid4()) for _ in range(4))
    sha256 = hashlib.sha256(VOICE).hexdigest()
    reviewer = {"id": content.manifest["exported_by"]["reviewer_id"], "name": "Айгуль"}
    followups = [
        {
            "report_id": first,
            "question_id": question,
            "asked_at": "2026-11-26T09:00:00Z",
            "asked_by": reviewer,
            "text": "Приходил ли врач?",
            "answers": [
                {
                    "answer_id": answered,
                    "received_at": "2026-11-27T10:00:00Z",
                    "written_at": "2026-11-27T14:55:00+05:00",
                    "text": "Да, врач приходил 26-го, снял побои.",
                    "media": [{"attachment_id": recording, "kind": "voice", "sha256": sha256}],
                    "problem": None,
                }
            ],
            "problem": None,
        },
        {
            "report_id": first,
            "question_id": None,
            "asked_at": None,
            "asked_by": None,
            "text": None,
            "answers": [
                {
                    "answer_id": unopened,
                    "received_at": "2026-11-27T11:00:00Z",
                    "written_at": None,
                    "text": None,
                    "media": [],
                    "problem": "not_for_this_key",
                }
            ],
            "problem": None,
        },
    ]
    drafts = [
        {
            "case_id": case_id,
            "draft_id": str(uuid.uuid4()),
            "version": version,
            "author": reviewer,
            "created_at": f"2026-11-28T0{version}:00:00Z",
            "addressee": "prosecutor" if text else None,
            "language": "ru" if text else None,
            "variant": None,
            "text": text,
            "problem": None if text else "not_for_this_key",
        }
        for version, text in ((1, "Прошу зарегистрировать сообщение в ЕРДР."), (2, None))
    ]
    content.manifest["attachments"].append(
        {
            "attachment_id": recording,
            "report_id": first,
            "answer_id": answered,
            "sha256": sha256,
            "sealed_sha256": sha256,
            "problem": None,
            "file": f"attachments/{recording}",
        }
    )
    content.files[f"attachments/{recording}"] = VOICE
    content.files["followups.json"] = json.dumps(followups, ensure_ascii=False).encode()
    content.files["drafts.json"] = json.dumps(drafts, ensure_ascii=False).encode()
    return content
