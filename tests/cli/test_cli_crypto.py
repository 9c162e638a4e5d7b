"""The `kua` command as an administrator and a reviewer use it: keys, recipient lists, seal, open.

Every bad input exits non-zero with one line on stderr and writes no plaintext at all.
"""

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from kua.crypto.keys import generate_identity, identity_to_recipient
from kua.crypto.recipient_list import verify_recipient_list
from tests.review.grants import grant_header

pytestmark = pytest.mark.slow

KUA = str(Path(sys.executable).with_name("kua"))
REPORT = "Задержан рано утром, документы не показали, адвоката не допустили.\n".encode() * 3000


def kua(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([KUA, *map(str, args)], input=stdin, capture_output=True, cwd=cwd, timeout=60, check=False)


def ok(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> bytes:
    result = kua(*args, stdin=stdin, cwd=cwd)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


def refused(*args: str, stdin: bytes = b"") -> str:
    """Run a command that must fail: returns its single stderr line; asserts nothing went to stdout."""
    result = kua(*args, stdin=stdin)
    assert result.returncode != 0
    assert result.stdout == b"", "no plaintext may be written on failure"
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kua: error: "), result.stderr.decode()
    return lines[0]


@pytest.fixture(scope="module")
def coalition(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | str]:
    """Given two root key holders and one reviewer with passphrase-protected keys."""
    tmp_path = tmp_path_factory.mktemp("coalition")
    (tmp_path / "root-pass").write_text("long root passphrase\n")
    (tmp_path / "reviewer-pass").write_text("reviewer passphrase\n")
    roots = [
        ok("keys", "root-new", "--out", tmp_path / f"root{i}.key", "--passphrase-file", tmp_path / "root-pass")
        .decode()
        .strip()
        for i in (1, 2)
    ]
    recipient = (
        ok("keys", "reviewer-new", "--out", tmp_path / "reviewer.key", "--passphrase-file", tmp_path / "reviewer-pass")
        .decode()
        .strip()
    )
    ok(
        "recipients",
        "sign",
        "--root-key",
        tmp_path / "root1.key",
        "--root-key",
        tmp_path / "root2.key",
        "--passphrase-file",
        tmp_path / "root-pass",
        "--recipient",
        f"Reviewer A={recipient}",
        "--seq",
        "4",
        "--out",
        tmp_path / "list.json",
    )
    return {"dir": tmp_path, "root1": roots[0], "root2": roots[1], "recipient": recipient}


def test_new_keys_print_their_public_half_and_are_sealed_by_a_passphrase(coalition: dict[str, Path | str]) -> None:
    directory = Path(coalition["dir"])
    assert str(coalition["root1"]).startswith("kuaroot1")
    assert str(coalition["recipient"]).startswith("age1pq1")
    for name in ("root1.key", "reviewer.key"):
        assert (directory / name).read_bytes().startswith(b"age-encryption.org/v1\n")
        assert (directory / name).stat().st_mode & 0o777 == 0o600


def test_a_list_signed_without_a_validity_is_valid_for_30_days_so_an_old_one_cannot_be_replayed_for_long(
    coalition: dict[str, Path | str],
) -> None:
    # The build's list sets the rollback floor after a wipe; what is below it is replayable until it expires.
    signed = (Path(coalition["dir"]) / "list.json").read_bytes()
    verified = verify_recipient_list(
        signed, root_public_keys=[str(coalition["root1"]), str(coalition["root2"])], threshold=2
    )
    assert verified.not_after - verified.not_before == timedelta(days=30)
    assert "re-signed" in ok("recipients", "sign", "--help").decode()


def test_an_x25519_reviewer_key_without_passphrase_can_be_asked_for(tmp_path: Path) -> None:
    recipient = ok("keys", "reviewer-new", "--type", "x25519", "--no-passphrase", "--out", tmp_path / "k").decode()
    assert recipient.startswith("age1") and not recipient.startswith("age1pq1")
    assert b"AGE-SECRET-KEY-1" in (tmp_path / "k").read_bytes()


def test_a_key_file_is_never_overwritten(coalition: dict[str, Path | str]) -> None:
    directory = Path(coalition["dir"])
    before = (directory / "reviewer.key").read_bytes()
    assert "exists" in refused("keys", "reviewer-new", "--no-passphrase", "--out", directory / "reviewer.key")
    assert (directory / "reviewer.key").read_bytes() == before


def test_the_signed_list_verifies_and_the_report_round_trips(coalition: dict[str, Path | str]) -> None:
    directory = Path(coalition["dir"])
    pins = ["--root-pub", str(coalition["root1"]), "--root-pub", str(coalition["root2"])]
    summary = ok("recipients", "verify", directory / "list.json", *pins, "--threshold", "2").decode()
    assert "seq 4" in summary and "Reviewer A" in summary
    sealed = ok("seal", "-R", directory / "list.json", *pins, "--pad", stdin=REPORT)
    assert sealed.startswith(b"age-encryption.org/v1\n") and REPORT[:40] not in sealed
    opened = ok(
        "open",
        "-i",
        directory / "reviewer.key",
        "--passphrase-file",
        directory / "reviewer-pass",
        "--unpad",
        stdin=sealed,
    )
    assert opened == REPORT


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--threshold", "2", "--min-seq", "5"], "rollback"),
        (["--threshold", "3"], "threshold"),
    ],
)
def test_a_list_that_must_not_be_used_is_refused(
    coalition: dict[str, Path | str], extra: list[str], expected: str
) -> None:
    directory = Path(coalition["dir"])
    line = refused(
        "recipients",
        "verify",
        directory / "list.json",
        "--root-pub",
        str(coalition["root1"]),
        "--root-pub",
        str(coalition["root2"]),
        *extra,
    )
    assert expected in line


def test_seal_refuses_a_list_signed_by_unknown_keys(coalition: dict[str, Path | str], tmp_path: Path) -> None:
    stranger = ok("keys", "root-new", "--no-passphrase", "--out", tmp_path / "stranger.key").decode().strip()
    line = refused("seal", "-R", Path(coalition["dir"]) / "list.json", "--root-pub", stranger, stdin=REPORT)
    assert "unknown_signer" in line


def _sealed(coalition: dict[str, Path | str]) -> bytes:
    return ok("seal", "-r", str(coalition["recipient"]), stdin=REPORT)


@pytest.mark.parametrize("damage", ["truncated", "tampered", "not age", "empty"])
def test_open_writes_no_plaintext_for_a_damaged_file(coalition: dict[str, Path | str], damage: str) -> None:
    directory = Path(coalition["dir"])
    sealed = bytearray(_sealed(coalition))
    if damage == "truncated":
        sealed = sealed[: len(sealed) - 100]
    elif damage == "tampered":
        sealed[-70_000] ^= 0x20
    elif damage == "not age":
        sealed = bytearray(REPORT)
    else:
        sealed = bytearray()
    refused(
        "open", "-i", directory / "reviewer.key", "--passphrase-file", directory / "reviewer-pass", stdin=bytes(sealed)
    )


def test_open_refuses_a_wrong_passphrase_and_a_wrong_identity(coalition: dict[str, Path | str], tmp_path: Path) -> None:
    directory = Path(coalition["dir"])
    (tmp_path / "wrong").write_text("not the passphrase\n")
    assert "passphrase" in refused(
        "open", "-i", directory / "reviewer.key", "--passphrase-file", tmp_path / "wrong", stdin=_sealed(coalition)
    )
    ok("keys", "reviewer-new", "--no-passphrase", "--out", tmp_path / "other.key")
    assert "identities" in refused("open", "-i", tmp_path / "other.key", stdin=_sealed(coalition))


def test_a_malformed_recipient_is_refused() -> None:
    assert "recipient" in refused("seal", "-r", "age1notakey", stdin=b"x")


def test_an_armored_file_opens_like_a_binary_one(coalition: dict[str, Path | str]) -> None:
    directory = Path(coalition["dir"])
    armored = ok("seal", "-r", str(coalition["recipient"]), "--armor", stdin=REPORT)
    assert armored.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----\n")
    assert (
        ok("open", "-i", directory / "reviewer.key", "--passphrase-file", directory / "reviewer-pass", stdin=armored)
        == REPORT
    )


def test_a_later_reviewer_opens_a_report_with_its_grant_header(tmp_path: Path) -> None:
    # Given a report sealed to reviewer A, and reviewer B who joined later
    recipient_a = ok("keys", "reviewer-new", "--no-passphrase", "--out", tmp_path / "a.key").decode().strip()
    recipient_b = ok("keys", "reviewer-new", "--no-passphrase", "--out", tmp_path / "b.key").decode().strip()
    recipient_c = ok("keys", "reviewer-new", "--no-passphrase", "--out", tmp_path / "c.key").decode().strip()
    sealed = ok("seal", "-r", recipient_a, "--pad", stdin=REPORT)
    assert "identities" in refused("open", "-i", tmp_path / "b.key", stdin=sealed)

    # When A's browser grants it to C, then to B (the headers the server keeps)
    identity_a = (tmp_path / "a.key").read_text().splitlines()[-1]
    (tmp_path / "to-c.header").write_bytes(grant_header(sealed, identity_a, [recipient_c]))
    (tmp_path / "to-b.header").write_bytes(grant_header(sealed, identity_a, [recipient_b]))

    # Then B opens the untouched file with the grant headers; A still opens it with its own
    grants = ["-g", tmp_path / "to-c.header", "-g", tmp_path / "to-b.header"]
    assert ok("open", "-i", tmp_path / "b.key", *grants, "--unpad", stdin=sealed) == REPORT
    assert ok("open", "-i", tmp_path / "a.key", *grants, "--unpad", stdin=sealed) == REPORT
    # And without B's grant, or with a damaged one, nothing is written
    assert "identities" in refused("open", "-i", tmp_path / "b.key", "-g", tmp_path / "to-c.header", stdin=sealed)
    damaged = bytearray((tmp_path / "to-b.header").read_bytes())
    damaged[-10] ^= 1
    (tmp_path / "damaged.header").write_bytes(bytes(damaged))
    refused("open", "-i", tmp_path / "b.key", "-g", tmp_path / "damaged.header", stdin=sealed)


def test_a_reviewer_opens_an_attachment_sealed_to_its_reports_own_identity(tmp_path: Path) -> None:
    # Given a report sealed to the reviewer that carries the phone's attachment identity (docs/crypto.md,
    # "One recipient per report"), a photo sealed to that identity alone, and an older one sealed to the list
    recipient = ok("keys", "reviewer-new", "--no-passphrase", "--out", tmp_path / "me.key").decode().strip()
    ok("keys", "reviewer-new", "--no-passphrase", "--out", tmp_path / "stranger.key")
    attachment_identity = generate_identity("pq")
    report = json.dumps({"format": "kua.report", "version": 2, "attachmentIdentity": attachment_identity}).encode()
    (tmp_path / "report.age").write_bytes(ok("seal", "-r", recipient, "--pad", stdin=report))
    (tmp_path / "report.json").write_bytes(report)
    new_photo = ok("seal", "-r", identity_to_recipient(attachment_identity), "--pad", stdin=b"new photo")
    old_photo = ok("seal", "-r", recipient, "--pad", stdin=b"old photo")
    me = ["open", "-i", tmp_path / "me.key", "--unpad"]

    # Then the reviewer's key alone does not open the new one; with its report (sealed or as JSON) both open
    assert "identities" in refused(*me, stdin=new_photo)
    for given in ("report.age", "report.json"):
        assert ok(*me, "--report", tmp_path / given, stdin=new_photo) == b"new photo"
        assert ok(*me, "--report", tmp_path / given, stdin=old_photo) == b"old photo"
    # And a reviewer whom the report is not sealed to gets one line and no plaintext
    stranger = ["open", "-i", tmp_path / "stranger.key", "--unpad", "--report", tmp_path / "report.age"]
    assert "--report" in refused(*stranger, stdin=new_photo)
    (tmp_path / "noise").write_bytes(b"\x00not a report")
    assert "--report" in refused(*me, "--report", tmp_path / "noise", stdin=new_photo)
