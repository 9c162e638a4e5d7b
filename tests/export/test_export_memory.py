"""`kua export open` reads a bundle of any size in bounded memory (issue 16, finding 4).

Anyone can seal a bundle to a reviewer's public recipient. The issue's bundle (1.85 MB: 1,500 entries
of 1 MiB of zeros) took 1.59 GB of memory, and a large bundle needed its whole size. Each bundle here
is opened by a real `kua export open` in a child process whose peak resident memory (ru_maxrss, from
wait4) must stay under 100 MiB, whether the bundle is refused or opened.
"""

import hashlib
import json
import os
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest

from kua.crypto import age
from kua.crypto.keys import generate_identity, identity_to_recipient, parse_recipient
from tests.export.bundles import case_bundle
from tests.export.test_export_open import KUA

pytestmark = pytest.mark.slow

MiB = 2**20
MEMORY_BOUND = 100 * MiB


@pytest.fixture(scope="module")
def identity(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("reviewer") / "identity.txt"
    identity = generate_identity("x25519")
    path.write_text(f"{identity}\n", encoding="utf-8")
    return path, identity_to_recipient(identity)


def attachments_bundle(zip_path: Path, attachments: list[tuple[bytes, int]], compression: int) -> None:
    """A case bundle whose manifest lists, for each (block, times), an attachment of `block` repeated `times`."""
    content = case_bundle()
    report_id = content.report_ids[0]
    listed, streams = [], []
    for block, times in attachments:
        attachment_id = str(uuid.uuid4())
        digest = hashlib.sha256()
        for _ in range(times):
            digest.update(block)
        listed.append(
            {
                "attachment_id": attachment_id,
                "report_id": report_id,
                "sha256": digest.hexdigest(),
                "sealed_sha256": None,
                "problem": None,
                "file": f"attachments/{attachment_id}",
            }
        )
        streams.append((f"attachments/{attachment_id}", block, times))
    content.manifest["attachments"] += listed
    with zipfile.ZipFile(zip_path, "w") as archive:
        archive.writestr("manifest.json", json.dumps(content.manifest, ensure_ascii=False).encode())
        for name, data in content.files.items():
            archive.writestr(name, data, zipfile.ZIP_DEFLATED)
        for name, block, times in streams:
            info = zipfile.ZipInfo(name)
            info.compress_type = compression
            with archive.open(info, "w", force_zip64=True) as entry:
                for _ in range(times):
                    entry.write(block)


def sealed_file(zip_path: Path, recipient: str) -> Path:
    bundle = zip_path.with_suffix(".age")
    with zip_path.open("rb") as source, bundle.open("wb") as destination:
        age.encrypt(source, destination, [parse_recipient(recipient)])
    zip_path.unlink()
    return bundle


# A small Python that starts `kua` and reports its peak memory. Not pytest itself: a child forked from
# the test process would count the test's own memory (ru_maxrss survives exec) in its peak.
MEASURE = """
import resource, subprocess, sys
status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, status)  # Linux counts KiB
"""


def open_in_child(bundle: Path, identity: Path, out: Path) -> tuple[int, str, int]:
    """`kua export open` in a child process: its exit status, its stderr, and its peak memory in bytes."""
    command = [KUA, "export", "open", "-i", str(identity), str(bundle), "--out", str(out)]
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, timeout=300, check=True
    )
    peak, status = measured.stdout.split()
    return int(status), measured.stderr, int(peak)


def test_the_issues_bundle_of_1500_small_bombs_is_refused_in_little_memory(
    tmp_path: Path, identity: tuple[Path, str]
) -> None:
    # Given the issue's bundle: 1,500 attachments of 1 MiB of zeros each, deflated to about 1 KiB
    attachments_bundle(tmp_path / "bombs.zip", [(bytes(MiB), 1)] * 1500, zipfile.ZIP_DEFLATED)
    bundle = sealed_file(tmp_path / "bombs.zip", identity[1])
    assert bundle.stat().st_size < 4 * MiB
    # When a reviewer opens it
    status, stderr, peak = open_in_child(bundle, identity[0], tmp_path / "out")
    # Then it is refused, with a reason, nothing is written, and memory stayed small
    assert status != 0 and "inflates more than 100 times" in stderr, stderr
    assert not (tmp_path / "out").exists()
    assert peak < MEMORY_BOUND, f"{peak / MiB:.0f} MiB"


def test_one_large_bomb_is_refused_in_little_memory(tmp_path: Path, identity: tuple[Path, str]) -> None:
    attachments_bundle(tmp_path / "bomb.zip", [(bytes(MiB), 200)], zipfile.ZIP_DEFLATED)  # 200 MiB of zeros, 200 KiB
    bundle = sealed_file(tmp_path / "bomb.zip", identity[1])
    status, stderr, peak = open_in_child(bundle, identity[0], tmp_path / "out")
    assert status != 0 and "inflates more than 100 times" in stderr, stderr
    assert not (tmp_path / "out").exists()
    assert peak < MEMORY_BOUND, f"{peak / MiB:.0f} MiB"


def test_a_large_honest_bundle_opens_in_little_memory(tmp_path: Path, identity: tuple[Path, str]) -> None:
    # Given a bundle of four photos of 48 MiB each (incompressible, stored as the console stores photos)
    blocks = [(os.urandom(MiB), 48) for _ in range(4)]
    attachments_bundle(tmp_path / "large.zip", blocks, zipfile.ZIP_STORED)
    bundle = sealed_file(tmp_path / "large.zip", identity[1])
    # When a reviewer opens it, Then every photo is written whole, and memory stayed small
    status, stderr, peak = open_in_child(bundle, identity[0], tmp_path / "out")
    assert status == 0, stderr
    written = sorted((tmp_path / "out" / "attachments").iterdir())
    sizes = [path.stat().st_size for path in written]
    assert sorted(sizes)[-4:] == [48 * MiB] * 4, sizes
    assert not any(path.suffix == ".part" for path in written)
    assert peak < MEMORY_BOUND, f"{peak / MiB:.0f} MiB"
