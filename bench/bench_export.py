"""Benchmark: `kua export open` on a large bundle, its peak memory and its time against `kua open`.

    .venv/bin/python -m bench.bench_export [--photos 4] [--photo-mib 48] [--write-docs]

A bundle of incompressible photos (stored, as the console stores them) is sealed to a fresh key and
opened by a real `kua export open` in a child process; the baseline is `kua open` of the same file
(decrypting only, to /dev/null), in the same run. Peak memory is the child's ru_maxrss, measured
from a small launcher (a child forked from a large process would count that process's memory).
The goal (issue 16): peak memory under 100 MiB whatever the bundle's size.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

from bench.performance_doc import write_section
from kua.crypto import age
from kua.crypto.keys import generate_identity, identity_to_recipient, parse_recipient

MiB = 2**20
KUA = str(Path(sys.executable).with_name("kua"))
MEASURE = """
import resource, subprocess, sys
with open(sys.argv[1], "rb") as stdin:
    status = subprocess.run(sys.argv[2:], stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, status)
"""


def bundle(folder: Path, photos: int, photo_mib: int, recipient: str) -> Path:
    """A case bundle of `photos` attachments of `photo_mib` MiB each, sealed to `recipient`."""
    report_id, case_id = str(uuid.uuid4()), str(uuid.uuid4())
    report = {"format": "kua.report", "version": 1, "reportId": report_id, "injuries": [], "victims": []}
    blocks = [os.urandom(MiB) for _ in range(photos)]
    attachments = []
    for block in blocks:
        digest = hashlib.sha256()
        for _ in range(photo_mib):
            digest.update(block)
        attachment_id = str(uuid.uuid4())
        attachments.append(
            {
                "attachment_id": attachment_id,
                "report_id": report_id,
                "sha256": digest.hexdigest(),
                "sealed_sha256": None,
                "problem": None,
                "file": f"attachments/{attachment_id}",
            }
        )
    manifest = {
        "format": "kua.export",
        "version": 1,
        "created_at": "2026-12-07T06:00:00.000Z",
        "scope": "case",
        "case": {"case_id": case_id, "title": "bench"},
        "exported_by": {"reviewer_id": case_id, "name": "bench"},
        "sealed_to": [],
        "attachments": attachments,
        "reports": [
            {
                "report_id": report_id,
                "received_at": None,
                "sha256": None,
                "size": None,
                "status": "new",
                "case_id": case_id,
                "problem": None,
                "file": f"reports/{report_id}.json",
            }
        ],
    }
    zipped = folder / "bundle.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr(f"reports/{report_id}.json", json.dumps(report), zipfile.ZIP_DEFLATED)
        for block, entry in zip(blocks, attachments, strict=True):
            with archive.open(zipfile.ZipInfo(str(entry["file"])), "w", force_zip64=True) as out:
                for _ in range(photo_mib):
                    out.write(block)
    sealed = folder / "bundle.age"
    with zipped.open("rb") as source, sealed.open("wb") as destination:
        age.encrypt(source, destination, [parse_recipient(recipient)])
    zipped.unlink()
    return sealed


def run(*command: str, stdin: str = os.devnull) -> tuple[float, int]:
    """Seconds and peak resident bytes of `command` (reading `stdin`), which must succeed."""
    started = time.perf_counter()
    launcher = [sys.executable, "-c", MEASURE, stdin, *command]
    measured = subprocess.run(launcher, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    peak, status = measured.stdout.split()
    if status != "0":
        raise SystemExit(f"{command[1:3]} failed with status {status}")
    return seconds, int(peak)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=4)
    parser.add_argument("--photo-mib", type=int, default=48)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        identity = generate_identity("x25519")
        (folder / "identity.txt").write_text(identity + "\n")
        sealed = bundle(folder, args.photos, args.photo_mib, identity_to_recipient(identity))
        size = sealed.stat().st_size
        key = str(folder / "identity.txt")
        plain_seconds, _ = run(KUA, "open", "-i", key, stdin=str(sealed))
        export_seconds, export_peak = run(KUA, "export", "open", "-i", key, str(sealed), "--out", str(folder / "out"))
    table = "\n".join(
        [
            "| benchmark | ratio to baseline | absolute (this run) |",
            "|---|---|---|",
            f"| `kua export open` of {size / MiB:.0f} MiB vs `kua open` of it (time) | "
            f"{export_seconds / plain_seconds:.2f}x | "
            f"{export_seconds:.1f} s, {size / MiB / export_seconds:.0f} MiB/s |",
            f"| peak memory of `kua export open` (goal < 100 MiB) | {export_peak / size:.2f}x the bundle | "
            f"{export_peak / MiB:.0f} MiB for a {size / MiB:.0f} MiB bundle |",
        ]
    )
    print(table)
    if args.write_docs:
        write_section("bench_export", "Opening export bundles (`bench/bench_export.py`)", table)


if __name__ == "__main__":
    main()
