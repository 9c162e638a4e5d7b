"""A reviewer opens an export bundle on their own machine: `kua export open -i IDENTITY BUNDLE --out DIR`.

Bundles are built here as the console builds them (tests/export/bundles.py) and sealed with Kua's
own age code. A bundle can be sealed by anyone who knows a reviewer's (public) recipient, so hostile
ZIPs are refused whole, before a single file is written.
"""

import csv
import hashlib
import io
import json
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest

from kua.crypto.identity_file import read_identity_file
from kua.crypto.keys import generate_identity, identity_to_recipient
from kua.crypto.secret_files import write_secret_file
from kua.export.bundle import Limits, open_bundle, read_zip
from kua.export.errors import NotAnExportError, UnsafeBundleError
from kua.export.writer import write_export
from tests.export.bundles import PHOTO, VOICE, BundleContent, case_bundle, sealed, with_answers_and_drafts

pytestmark = pytest.mark.slow

KUA = str(Path(sys.executable).with_name("kua"))
PASSPHRASE = "the reviewer's long passphrase"
EXAMPLES = Path(__file__).resolve().parents[2] / "frontend" / "src" / "shared" / "report" / "examples"


def v2_example(name: str) -> dict[str, Any]:
    """A kua.report v2 the frontend's tests also check (frontend/src/shared/report/examples)."""
    loaded: dict[str, Any] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return loaded


def kua(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KUA, *map(str, args)], capture_output=True, text=True, timeout=120, check=False)


def refused(*args: object) -> str:
    """A command that must fail: its one stderr line."""
    result = kua(*args)
    assert result.returncode != 0, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kua: error: "), result.stderr
    return lines[0]


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.fixture(scope="module")
def reviewer(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | str]:
    """A reviewer's X25519 identity, as a plain file and as a passphrase-sealed backup (the console's form)."""
    directory = tmp_path_factory.mktemp("reviewer")
    identity = generate_identity("x25519")
    (directory / "identity.txt").write_text(f"# a reviewer\n{identity}\n", encoding="utf-8")
    write_secret_file(directory / "backup.age", [identity], comments=["backup"], passphrase=PASSPHRASE, work_factor=12)
    (directory / "passphrase.txt").write_text(PASSPHRASE + "\n", encoding="utf-8")
    return {"dir": directory, "recipient": identity_to_recipient(identity)}


def bundle_file(tmp_path: Path, reviewer: dict[str, Path | str], plaintext: bytes) -> Path:
    path = tmp_path / "kua-export-case-2026-12-02.age"
    path.write_bytes(sealed(plaintext, str(reviewer["recipient"])))
    return path


def backup_options(reviewer: dict[str, Path | str]) -> list[object]:
    directory = Path(reviewer["dir"])
    return ["-i", directory / "backup.age", "--passphrase-file", directory / "passphrase.txt"]


def test_a_case_bundle_opens_into_json_csv_and_photos(tmp_path: Path, reviewer: dict[str, Path | str]) -> None:
    # Given a case of two reports, one with a photo of an injury, exported and sealed to the reviewer
    content = case_bundle()
    first, second = content.report_ids
    bundle = bundle_file(tmp_path, reviewer, content.zipped())

    # When the reviewer opens it with the console's backup of their key
    result = kua("export", "open", *backup_options(reviewer), bundle, "--out", tmp_path / "out")

    # Then the folder holds the manifest, each report as exported, the tables, the case and the photo
    assert result.returncode == 0, result.stderr
    assert "2 reports (0 unreadable), 1 attachments, 0 problems" in result.stdout
    out = tmp_path / "out"
    attachment = content.manifest["attachments"][0]["attachment_id"]
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == sorted(
        [
            "manifest.json",
            "reports.csv",
            "injuries.csv",
            "documents.csv",
            "cases.json",
            "notes.json",
            f"reports/{first}.json",
            f"reports/{second}.json",
            f"attachments/{attachment}.png",
        ]
    )
    assert (out / f"reports/{first}.json").read_bytes() == content.files[f"reports/{first}.json"]
    photo = (out / f"attachments/{attachment}.png").read_bytes()
    assert hashlib.sha256(photo).hexdigest() == hashlib.sha256(PHOTO).hexdigest()
    rows = {row["report_id"]: row for row in read_csv(out / "reports.csv")}
    assert rows[first]["kinds"] == "detention; torture" and rows[first]["village"] == "sortobe"
    assert rows[first]["case_title"] == "Задержание в Сортобе" and rows[first]["attachments"] == "1"
    assert (rows[second]["happening_now"], rows[second]["victims"], rows[second]["consent_record"]) == (
        "yes",
        "0",
        "yes",
    )
    [row] = read_csv(out / "injuries.csv")
    assert (row["report_id"], row["region"], row["type"], row["size_cm"]) == (first, "upper_back", "bruise", "4")
    assert (row["victim_name"], row["photo_ids"], row["photo_sha256"]) == (
        "Хасан",
        attachment,
        hashlib.sha256(PHOTO).hexdigest(),
    )
    # And only the reviewer may read what was written
    assert out.stat().st_mode & 0o777 == 0o700
    assert (out / "reports.csv").stat().st_mode & 0o777 == 0o600


def test_a_bundle_of_v2_reports_names_each_injured_person(tmp_path: Path, reviewer: dict[str, Path | str]) -> None:
    # Given a case exported by a console that reads kua.report v2: the seed letter's report, its
    # injury photographed, and a "happening now" search with nobody hurt (docs/report-format.md)
    content = case_bundle()
    first, second = content.report_ids
    attachment = content.manifest["attachments"][0]["attachment_id"]
    seed = v2_example("seed-letter.v2.json") | {"reportId": first}
    seed["injuries"][0]["photos"] = json.loads(content.files[f"reports/{first}.json"])["injuries"][0]["photos"]
    content.files[f"reports/{first}.json"] = json.dumps(seed, ensure_ascii=False).encode()
    now = v2_example("happening-now.v2.json") | {"reportId": second}
    content.files[f"reports/{second}.json"] = json.dumps(now, ensure_ascii=False).encode()
    bundle = bundle_file(tmp_path, reviewer, content.zipped())

    # When the reviewer opens it
    result = kua("export", "open", *backup_options(reviewer), bundle, "--out", tmp_path / "out")

    # Then the tables count the victims among the people and name the injured person
    assert result.returncode == 0, result.stderr
    rows = {row["report_id"]: row for row in read_csv(tmp_path / "out" / "reports.csv")}
    assert (rows[first]["victims"], rows[first]["village"], rows[first]["attachments"]) == ("1", "sortobe", "1")
    assert (rows[second]["victims"], rows[second]["happening_now"], rows[second]["kinds"]) == ("0", "yes", "search")
    [row] = read_csv(tmp_path / "out" / "injuries.csv")
    assert (row["victim_id"], row["victim_name"], row["region"], row["photo_ids"]) == (
        "aydir",
        "Масанов Айдыр",
        "back_upper",
        attachment,
    )


def test_a_bundle_holds_each_document_page_by_page_and_its_pdf(tmp_path: Path, reviewer: dict[str, Path | str]) -> None:
    # Given a case whose first report holds a detention record: the injury photo reused as its page, and a PDF
    content = case_bundle()
    first, _ = content.report_ids
    page = content.manifest["attachments"][0]
    pdf, pdf_id = b"%PDF-1.4\n% a detention record\n%%EOF\n", str(uuid.uuid4())
    pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    content.manifest["attachments"].append(
        page
        | {"attachment_id": pdf_id, "sha256": pdf_sha256, "sealed_sha256": pdf_sha256, "file": f"attachments/{pdf_id}"}
    )
    content.files[f"attachments/{pdf_id}"] = pdf
    seed = v2_example("seed-letter.v2.json") | {"reportId": first}
    seed["injuries"][0]["photos"] = []
    page_ref = json.loads(content.files[f"reports/{first}.json"])["injuries"][0]["photos"][0]
    pdf_ref = {"attachmentId": pdf_id, "mime": "application/pdf", "name": "p.pdf", "sha256": pdf_sha256}
    seed["documents"] = [
        {"id": "d1", "type": "detention_protocol", "caption": "=HYPERLINK()", "pages": [page_ref], "pdf": pdf_ref}
    ]
    content.files[f"reports/{first}.json"] = json.dumps(seed, ensure_ascii=False).encode()
    bundle = bundle_file(tmp_path, reviewer, content.zipped())

    # When the reviewer opens it
    result = kua("export", "open", *backup_options(reviewer), bundle, "--out", tmp_path / "out")

    # Then the page and the PDF are written as files, counted, and listed in documents.csv in order
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert (out / f"attachments/{pdf_id}.pdf").read_bytes() == pdf
    assert (out / f"attachments/{page['attachment_id']}.png").is_file()
    rows = {row["report_id"]: row for row in read_csv(out / "reports.csv")}
    assert rows[first]["attachments"] == "2"
    [row] = read_csv(out / "documents.csv")
    assert row == {
        "report_id": first,
        "document_id": "d1",
        "type": "detention_protocol",
        "caption": "'=HYPERLINK()",
        "pages": "1",
        "page_ids": page["attachment_id"],
        "page_sha256": page["sha256"],
        "pdf_id": pdf_id,
        "pdf_sha256": pdf_sha256,
    }


def test_a_plain_identity_file_opens_it_too(tmp_path: Path, reviewer: dict[str, Path | str]) -> None:
    bundle = bundle_file(tmp_path, reviewer, case_bundle().zipped())
    result = kua("export", "open", "-i", Path(reviewer["dir"]) / "identity.txt", bundle, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr


def test_another_reviewers_key_opens_nothing(tmp_path: Path, reviewer: dict[str, Path | str]) -> None:
    bundle = bundle_file(tmp_path, reviewer, case_bundle().zipped())
    (tmp_path / "other.txt").write_text(generate_identity("x25519") + "\n", encoding="utf-8")
    line = refused("export", "open", "-i", tmp_path / "other.txt", bundle, "--out", tmp_path / "out")
    assert "None of the given identities" in line
    assert not (tmp_path / "out").exists()


def test_a_wrong_passphrase_for_the_backup_opens_nothing(tmp_path: Path, reviewer: dict[str, Path | str]) -> None:
    bundle = bundle_file(tmp_path, reviewer, case_bundle().zipped())
    (tmp_path / "wrong.txt").write_text("not it\n", encoding="utf-8")
    backup = Path(reviewer["dir"]) / "backup.age"
    line = refused(
        "export", "open", "-i", backup, "--passphrase-file", tmp_path / "wrong.txt", bundle, "--out", tmp_path / "o"
    )
    assert "passphrase" in line and not (tmp_path / "o").exists()


def test_a_damaged_or_truncated_bundle_writes_nothing(tmp_path: Path, reviewer: dict[str, Path | str]) -> None:
    bundle = bundle_file(tmp_path, reviewer, case_bundle().zipped())
    ciphertext = bundle.read_bytes()
    bundle.write_bytes(ciphertext[:-300] + bytes([ciphertext[-300] ^ 1]) + ciphertext[-299:])
    refused("export", "open", *backup_options(reviewer), bundle, "--out", tmp_path / "out")
    bundle.write_bytes(ciphertext[: len(ciphertext) // 2])
    refused("export", "open", *backup_options(reviewer), bundle, "--out", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_bundle_found_damaged_halfway_leaves_no_file_behind(tmp_path: Path, reviewer: dict[str, Path | str]) -> None:
    # Given a bundle sealed whole, whose ZIP holds a photo damaged before sealing (its CRC no longer matches)
    plaintext = case_bundle().zipped()
    at = plaintext.index(PHOTO) + len(PHOTO) // 2
    bundle = bundle_file(tmp_path, reviewer, plaintext[:at] + bytes([plaintext[at] ^ 1]) + plaintext[at + 1 :])
    # When it is opened, Then the reports already written are removed with the folder made for them
    assert "is damaged" in refused("export", "open", *backup_options(reviewer), bundle, "--out", tmp_path / "out")
    assert not (tmp_path / "out").exists()
    # And a folder that was there keeps only what it held before
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "mine.txt").write_text("not Kua's")
    refused("export", "open", *backup_options(reviewer), bundle, "--out", tmp_path / "kept", "--force")
    assert [path.name for path in (tmp_path / "kept").rglob("*")] == ["mine.txt"]


def test_a_zip_that_is_not_a_kua_export_is_refused(tmp_path: Path, reviewer: dict[str, Path | str]) -> None:
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("holiday.jpg", PHOTO)
    bundle = bundle_file(tmp_path, reviewer, other.getvalue())
    assert "not a Kua export" in refused("export", "open", *backup_options(reviewer), bundle, "--out", tmp_path / "out")
    bundle = bundle_file(tmp_path, reviewer, b"just some text, sealed to the reviewer")
    assert "not a ZIP" in refused("export", "open", *backup_options(reviewer), bundle, "--out", tmp_path / "out")
    content = case_bundle()
    content.manifest["version"] = 2
    bundle = bundle_file(tmp_path, reviewer, content.zipped())
    assert "version" in refused("export", "open", *backup_options(reviewer), bundle, "--out", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_an_armored_bundle_opens_as_well(tmp_path: Path, reviewer: dict[str, Path | str]) -> None:
    bundle = bundle_file(tmp_path, reviewer, case_bundle().zipped())
    armored = subprocess.run(
        [KUA, "seal", "--armor", "-r", str(reviewer["recipient"])],
        input=case_bundle().zipped(),
        capture_output=True,
        check=True,
    ).stdout
    bundle.write_bytes(armored)
    result = kua("export", "open", *backup_options(reviewer), bundle, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr


def test_a_folder_that_holds_files_is_written_into_only_with_force(
    tmp_path: Path, reviewer: dict[str, Path | str]
) -> None:
    bundle = bundle_file(tmp_path, reviewer, case_bundle().zipped())
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    assert "--force" in refused("export", "open", *backup_options(reviewer), bundle, "--out", out)
    assert [p.name for p in out.iterdir()] == ["mine.txt"]
    result = kua("export", "open", *backup_options(reviewer), bundle, "--out", out, "--force")
    assert result.returncode == 0, result.stderr
    assert (out / "mine.txt").read_text(encoding="utf-8") == "keep me" and (out / "manifest.json").is_file()


def test_what_the_console_flagged_is_counted_as_a_problem(tmp_path: Path, reviewer: dict[str, Path | str]) -> None:
    # Given a bundle with a report the console could not open and a photo whose hash the report does not vouch for
    content = case_bundle()
    second = content.report_ids[1]
    content.manifest["reports"][1].update(problem="not_for_this_key", file=None)
    del content.files[f"reports/{second}.json"]
    content.manifest["attachments"][0].update(problem="hash_mismatch", sealed_sha256="00" * 32)
    bundle = bundle_file(tmp_path, reviewer, content.zipped())

    result = kua("export", "open", *backup_options(reviewer), bundle, "--out", tmp_path / "out")

    # Then both are written as they are, listed, and counted
    assert result.returncode == 0, result.stderr
    assert "2 reports (1 unreadable), 1 attachments, 2 problems" in result.stdout
    assert "not_for_this_key" in result.stderr and "hash_mismatch" in result.stderr
    rows = {row["report_id"]: row for row in read_csv(tmp_path / "out" / "reports.csv")}
    assert (rows[second]["readable"], rows[second]["problem"], rows[second]["kinds"]) == ("no", "not_for_this_key", "")


def test_the_familys_answers_and_the_saved_drafts_are_written_and_counted(
    tmp_path: Path, reviewer: dict[str, Path | str]
) -> None:
    # Given a case whose family answered a question with a recording, and whose prosecutor draft was saved twice
    content = with_answers_and_drafts(case_bundle())
    bundle = bundle_file(tmp_path, reviewer, content.zipped())

    # When the reviewer opens it
    result = kua("export", "open", *backup_options(reviewer), bundle, "--out", tmp_path / "out")

    # Then followups.json and drafts.json are written as the console made them, the recording beside the photo
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert (out / "followups.json").read_bytes() == content.files["followups.json"]
    assert (out / "drafts.json").read_bytes() == content.files["drafts.json"]
    [answered, unopened] = [
        answer for entry in json.loads(content.files["followups.json"]) for answer in entry["answers"]
    ]
    recording = answered["media"][0]["attachment_id"]
    assert (out / f"attachments/{recording}.ogg").read_bytes() == VOICE
    # And the summary counts the questions, answers and drafts; what the console could not open is a problem
    assert "2 reports (0 unreadable), 2 attachments, 2 problems; 1 questions, 2 answers, 2 drafts" in result.stdout
    problems = result.stderr.splitlines()
    assert (
        f"problem: answer {unopened['answer_id']} of report {content.report_ids[0]}: not opened (not_for_this_key)."
        in problems
    )
    case_id = content.manifest["case"]["case_id"]
    assert f"problem: draft version 2 of case {case_id}: not opened (not_for_this_key)." in problems
    assert (out / "followups.json").stat().st_mode & 0o777 == 0o600


def test_a_bundle_made_before_answers_and_drafts_were_exported_still_opens(
    tmp_path: Path, reviewer: dict[str, Path | str]
) -> None:
    bundle = bundle_file(tmp_path, reviewer, case_bundle().zipped())
    result = kua("export", "open", *backup_options(reviewer), bundle, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "0 problems; 0 questions, 0 answers, 0 drafts" in result.stdout
    assert not (tmp_path / "out" / "followups.json").exists() and not (tmp_path / "out" / "drafts.json").exists()


def test_an_oversized_followups_json_is_refused_and_nothing_written(
    tmp_path: Path, reviewer: dict[str, Path | str]
) -> None:
    # Given a bundle whose followups.json is one byte over the JSON cap, stored so that no ratio check catches it
    content = with_answers_and_drafts(case_bundle())
    del content.files["followups.json"]
    oversized = b"[" + b" " * (Limits().max_json_bytes - 1) + b"]"
    plaintext = io.BytesIO(content.zipped())
    with zipfile.ZipFile(plaintext, "a") as archive:
        archive.writestr("followups.json", oversized, zipfile.ZIP_STORED)
    bundle = bundle_file(tmp_path, reviewer, plaintext.getvalue())

    line = refused("export", "open", *backup_options(reviewer), bundle, "--out", tmp_path / "out")

    assert '"followups.json" is larger than 16777216 bytes' in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("name", "plaintext", "expected"),
    [
        ("followups.json", b'{"report_id": "x"}', "not a list of questions"),
        ("followups.json", b"[1, 2]", "not a list of questions"),
        ("followups.json", b'[{"answers": {"answer_id": "x"}}]', "answers that are not a list"),
        ("followups.json", b"[" * 100_000 + b"]" * 100_000, "not UTF-8 JSON"),
        ("followups.json", b'["\xff"]', "not UTF-8 JSON"),
        ("drafts.json", b"null", "not a list of drafts"),
        ("drafts.json", b'[{"text": "\xd0"}]', "not UTF-8 JSON"),
    ],
)
def test_a_followups_or_drafts_entry_no_console_writes_refuses_the_bundle(
    tmp_path: Path, name: str, plaintext: bytes, expected: str
) -> None:
    content = with_answers_and_drafts(case_bundle())
    del content.files[name]
    out = tmp_path / "out"
    stored = io.BytesIO(content.zipped([(name, plaintext)]))  # stored: no ratio check refuses it first
    with read_zip(stored, Limits()) as bundle, pytest.raises(NotAnExportError, match=expected):
        write_export(bundle, out)
    assert not out.exists()


def test_a_cell_a_spreadsheet_would_run_is_written_as_text(tmp_path: Path, reviewer: dict[str, Path | str]) -> None:
    content = case_bundle()
    first = content.report_ids[0]
    report = json.loads(content.files[f"reports/{first}.json"])
    report["where"] = {"village": "other", "other": '=HYPERLINK("http://evil.example","x")', "placeType": None}
    content.files[f"reports/{first}.json"] = json.dumps(report).encode()
    bundle = bundle_file(tmp_path, reviewer, content.zipped())
    assert kua("export", "open", *backup_options(reviewer), bundle, "--out", tmp_path / "out").returncode == 0
    rows = {row["report_id"]: row for row in read_csv(tmp_path / "out" / "reports.csv")}
    assert rows[first]["village"] == '\'=HYPERLINK("http://evil.example","x")'


# Hostile ZIPs, read by the opener itself (the age layer has nothing to say about them).


def check_zip(plaintext: io.BytesIO, limits: Limits) -> None:
    """Open a bundle's ZIP (as `kua export open` does after decrypting it), reading nothing more."""
    with read_zip(plaintext, limits):
        pass


def hostile(extra: list[tuple[str, bytes]]) -> io.BytesIO:
    return io.BytesIO(case_bundle().zipped(extra))


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../.bashrc", "climbs out"),
        ("reports/../../evil.json", "climbs out"),
        ("/etc/cron.d/kua", "absolute path"),
        ("C:/Windows/evil.exe", "absolute path"),
        ("attachments/not-in-the-manifest", "does not list"),
        ("manifest.json", "two entries"),
    ],
)
def test_a_name_no_console_writes_refuses_the_whole_bundle(name: str, expected: str) -> None:
    with pytest.raises(UnsafeBundleError, match=expected):
        check_zip(hostile([(name, b"x")]), Limits())


def test_a_zip_bomb_is_refused_before_it_is_inflated() -> None:
    bomb = io.BytesIO()
    content = case_bundle()
    with zipfile.ZipFile(bomb, "w") as archive:
        archive.writestr("manifest.json", json.dumps(content.manifest).encode())
        for name, data in content.files.items():
            if name != "notes.json":
                archive.writestr(name, data)
        archive.writestr("notes.json", b"[" + b" " * (50 * 2**20) + b"]", zipfile.ZIP_DEFLATED)
    with pytest.raises(UnsafeBundleError, match="inflates more than"):
        check_zip(bomb, Limits())
    with pytest.raises(UnsafeBundleError, match="bytes once inflated"):
        check_zip(io.BytesIO(case_bundle().zipped()), Limits(max_total_bytes=1000))
    with pytest.raises(UnsafeBundleError, match="larger than"):
        check_zip(io.BytesIO(case_bundle().zipped()), Limits(max_entry_bytes=1000))


def test_a_manifest_naming_a_path_of_its_own_is_refused() -> None:
    content = case_bundle()
    content.manifest["attachments"][0]["file"] = "../../photo"
    with pytest.raises(UnsafeBundleError, match="where"):
        check_zip(io.BytesIO(content.zipped()), Limits())


def test_a_file_the_manifest_lists_but_the_zip_lacks_is_refused() -> None:
    content = case_bundle()
    del content.files[f"reports/{content.report_ids[0]}.json"]
    with pytest.raises(NotAnExportError, match="lacks the file"):
        check_zip(io.BytesIO(content.zipped()), Limits())


def test_the_bundle_is_opened_with_the_keys_kua_open_reads(reviewer: dict[str, Path | str]) -> None:
    content: BundleContent = case_bundle()
    identities = read_identity_file((Path(reviewer["dir"]) / "identity.txt").read_bytes(), None)
    with open_bundle(io.BytesIO(sealed(content.zipped(), str(reviewer["recipient"]))), identities) as opened:
        assert opened.manifest.scope == "case" and len(opened.manifest.reports) == 2
