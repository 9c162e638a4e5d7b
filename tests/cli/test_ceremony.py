"""The key ceremony: the server writes a signing request, three root-key holders (threshold 2) sign it
one after another on offline laptops, and the operator publishes it; then `kua recipients status`.

Holders run `kua` with no settings at all (no database, no network); the request travels between
their folders as a copied file, as armoured text typed back, or as QR codes.
"""

import base64
import json
import logging
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import segno

from kua.crypto.armour import qr_chunks
from kua.crypto.keys import generate_identity, identity_to_recipient
from kua.crypto.recipient_list import verify_recipient_list
from kua.crypto.signing_request import parse_request
from kua.intake import recipient_lists
from tests.review.console import Console, Reviewer, a_reviewer, running_console
from tests.support.server import KUA

pytestmark = pytest.mark.slow


@dataclass
class Coalition:
    console: Console
    root_keys: list[Path]  # one per holder
    root_publics: list[str]
    reviewers: dict[str, str]  # name -> recipient
    aigerim: Reviewer

    @property
    def pins(self) -> dict[str, str]:
        return {"KUA_ROOT_PUBLIC_KEYS": ",".join(self.root_publics), "KUA_ROOT_THRESHOLD": "2"}

    def server(self, *args: object, **settings: str) -> subprocess.CompletedProcess[str]:
        """A `kua` command on the server, with the root keys pinned at threshold 2."""
        return self.console.kua(*map(str, args), **(self.pins | settings))  # type: ignore[no-any-return]


def holder(*args: object, answer: str = "") -> subprocess.CompletedProcess[str]:
    """A `kua` command on an offline laptop: no KUA_ setting at all, so no database and no server."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("KUA_")}
    return subprocess.run(
        [KUA, *map(str, args)], env=env, input=answer, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.fixture
def coalition(database_url: str, tmp_path: Path) -> Iterator[Coalition]:
    """Given three root-key holders and two reviewers who set their keys in the console."""
    with running_console(tmp_path, database_url) as console:
        root_keys = [tmp_path / f"holder{n}" / "root.key" for n in (1, 2, 3)]
        publics = []
        for path in root_keys:
            path.parent.mkdir()
            made = holder("keys", "root-new", "--out", path, "--no-passphrase")
            assert made.returncode == 0, made.stderr
            publics.append(made.stdout.strip())
        aigerim, bolat = a_reviewer(console, "Aigerim Sultanova"), a_reviewer(console, "Bolat")
        keys = {r.name: identity_to_recipient(generate_identity()) for r in (aigerim, bolat)}
        for reviewer in (aigerim, bolat):
            assert reviewer.send("PUT", "/me/recipient", json={"recipient": keys[reviewer.name]}).status_code == 200
        yield Coalition(console, root_keys, publics, keys, aigerim)


def carry(file: Path, to_holder: int, coalition: Coalition) -> Path:
    """Copy the file to a holder's laptop, as on a USB stick."""
    copy = coalition.root_keys[to_holder - 1].parent / file.name
    shutil.copyfile(file, copy)
    return copy


def sign(coalition: Coalition, request: Path, number: int, *extra: object) -> subprocess.CompletedProcess[str]:
    return holder("recipients", "sign", request, "--key", coalition.root_keys[number - 1], *extra, answer="y\n")


def test_three_holders_at_threshold_two_sign_the_request_and_it_is_published(
    coalition: Coalition, tmp_path: Path
) -> None:
    # When the operator writes the request of the next list
    request = tmp_path / "request-1.json"
    pending = coalition.server("recipients", "pending", request)
    assert pending.returncode == 0, pending.stderr
    assert "joining: Aigerim Sultanova" in pending.stderr and "threshold 2 of 3" in pending.stderr
    fingerprint = next(line for line in pending.stderr.splitlines() if line.startswith("fingerprint: "))

    # And holder 1 signs it on her laptop, after comparing the fingerprints aloud
    first = sign(coalition, carry(request, 1, coalition), 1)
    assert first.returncode == 0, first.stderr
    assert fingerprint in first.stdout and "Aigerim Sultanova" in first.stdout
    assert "1 of 2 required" in first.stderr

    # Then one signature is not enough to publish, and nothing is published
    alone = coalition.server("recipients", "publish", coalition.root_keys[0].parent / request.name)
    assert alone.returncode == 1
    assert alone.stderr.strip().splitlines()[-1] == (
        "kua: error: The request has 1 of the 2 root signatures required: "
        "another holder must run `kua recipients sign` on it first."
    )
    assert coalition.server("recipients", "status").returncode == 2

    # And holder 1 cannot sign twice
    twice = sign(coalition, coalition.root_keys[0].parent / request.name, 1)
    assert twice.returncode == 1 and "has signed this request already" in twice.stderr

    # When the file is carried to holder 2, who signs the same file
    second_copy = carry(coalition.root_keys[0].parent / request.name, 2, coalition)
    second = sign(coalition, second_copy, 2)
    assert second.returncode == 0, second.stderr
    assert "2 of 2 required" in second.stderr and "publish it" in second.stderr

    # Then the operator publishes it, and the published list verifies at threshold 2
    published = coalition.server("recipients", "publish", second_copy)
    assert published.returncode == 0, published.stderr
    assert coalition.aigerim.get("/me").json()["recipient_state"] == "listed"
    with coalition.console.db() as connection:
        stored = connection.exec_driver_sql("SELECT document FROM recipient_list").scalar_one()
    verified = verify_recipient_list(bytes(stored), root_public_keys=coalition.root_publics, threshold=2)
    assert {r.name: r.recipient for r in verified.reviewers} == coalition.reviewers and verified.seq == 1

    # And a third signature is harmless: the list still verifies, even at threshold 3
    third_copy = carry(second_copy, 3, coalition)
    assert sign(coalition, third_copy, 3).returncode == 0
    assert len(parse_request(third_copy.read_bytes()).signatures) == 3
    for threshold in ("2", "3"):
        args = [arg for public in coalition.root_publics for arg in ("--root-pub", public)]
        checked = holder("recipients", "verify", third_copy, *args, "--threshold", threshold)
        assert checked.returncode == 0, checked.stderr

    # And status shows the published list
    status = coalition.server("recipients", "status")
    assert status.returncode == 0, status.stderr
    assert "valid: seq 1" in status.stdout and "expires in 29 day(s)" in status.stdout


def test_a_request_changed_after_the_first_signature_is_refused(coalition: Coalition, tmp_path: Path) -> None:
    # Given a request signed by holder 1
    request = tmp_path / "request.json"
    assert coalition.server("recipients", "pending", request).returncode == 0
    assert sign(coalition, request, 1).returncode == 0

    # When someone on the way swaps Bolat's name for another in the list
    document = json.loads(request.read_text())
    payload = base64.b64decode(document["payload"]).replace(b'"Bolat"', b'"Mallory"')
    document["payload"] = base64.b64encode(payload).decode()
    request.write_text(json.dumps(document))
    before = request.read_bytes()

    # Then holder 2 refuses to sign it and the file is left as it was; and the operator cannot publish it
    refused = sign(coalition, request, 2)
    assert refused.returncode == 1
    assert "the file changed since it was signed" in refused.stderr
    assert request.read_bytes() == before
    assert "the file changed since it was signed" in coalition.server("recipients", "publish", request).stderr


def test_a_holder_who_answers_no_signs_nothing(coalition: Coalition, tmp_path: Path) -> None:
    request = tmp_path / "request.json"
    assert coalition.server("recipients", "pending", request).returncode == 0
    before = request.read_bytes()
    declined = holder("recipients", "sign", request, "--key", coalition.root_keys[0], answer="n\n")
    assert declined.returncode == 1 and "Not signed" in declined.stderr
    assert request.read_bytes() == before


def test_the_request_travels_as_typed_text_and_as_qr_codes(coalition: Coalition, tmp_path: Path) -> None:
    # When the operator prints the request as armoured text, and writes QR codes of it
    request = tmp_path / "request.json"
    pending = coalition.server("recipients", "pending", request, "--text", "--qr", tmp_path / "qr")
    assert pending.returncode == 0, pending.stderr
    text = pending.stdout
    assert text.startswith("-----BEGIN KUA RECIPIENT LIST REQUEST-----\n")

    # Then each QR code holds a piece of that text, in order
    chunks = qr_chunks(text)
    codes = sorted((tmp_path / "qr").glob("*.svg"))
    assert len(codes) == len(chunks) >= 1
    for code, chunk in zip(codes, chunks, strict=True):
        expected = tmp_path / "expected.svg"
        segno.make(chunk, error="m", micro=False).save(str(expected), scale=4, border=4)
        assert code.read_bytes() == expected.read_bytes()

    # When holder 1 types the text into a file on her laptop, with a typo on line 2
    typed = coalition.root_keys[0].parent / "typed.txt"
    lines = text.splitlines()
    number, chunk, checksum = lines[2].split()
    lines[2] = f"{number} {chunk[:-1]}{'A' if chunk[-1] != 'A' else 'B'} {checksum}"
    typed.write_text("\n".join(lines) + "\n")
    typo = sign(coalition, typed, 1)
    assert typo.returncode == 1 and "Line 2's checksum does not match" in typo.stderr

    # Then once corrected, she signs it and reads the result back out as text
    typed.write_text(text)
    first = sign(coalition, typed, 1, "--text")
    assert first.returncode == 0, first.stderr
    assert typed.read_text().startswith("-----BEGIN KUA RECIPIENT LIST REQUEST-----")
    signed_text = first.stdout[first.stdout.index("-----BEGIN") :]

    # And holder 2 types that in, signs, and the operator publishes the typed text as it is
    retyped = coalition.root_keys[1].parent / "retyped.txt"
    retyped.write_text(signed_text)
    second = sign(coalition, retyped, 2, "--qr", tmp_path / "signed-qr")
    assert second.returncode == 0, second.stderr
    assert len(list((tmp_path / "signed-qr").glob("request-seq-1-signed-2-*.svg"))) >= 1
    published = coalition.server("recipients", "publish", carry(retyped, 3, coalition))
    assert published.returncode == 0, published.stderr

    # And the signed list itself travels as text too: verified, printed, typed back and verified again
    pins = [arg for public in coalition.root_publics for arg in ("--root-pub", public)]
    as_text = holder("recipients", "verify", retyped, *pins, "--threshold", "2", "--text")
    assert as_text.returncode == 0, as_text.stderr
    assert as_text.stdout.startswith("-----BEGIN KUA RECIPIENT LIST-----\n")
    (tmp_path / "list.txt").write_text(as_text.stdout)
    again = holder(
        "recipients", "verify", tmp_path / "list.txt", *pins, "--threshold", "2", "--out", tmp_path / "list.json"
    )
    assert again.returncode == 0, again.stderr
    assert verify_recipient_list(
        (tmp_path / "list.json").read_bytes(), root_public_keys=coalition.root_publics, threshold=2
    ).reviewers


def test_status_and_the_server_log_warn_two_weeks_before_the_list_expires(
    coalition: Coalition, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Given a list signed for 10 days only
    request = tmp_path / "request.json"
    assert coalition.server("recipients", "pending", request, "--valid-days", "10").returncode == 0
    for number in (1, 2):
        assert sign(coalition, request, number).returncode == 0
    assert coalition.server("recipients", "publish", request).returncode == 0

    # Then status says so, warns on stderr and exits 1
    status = coalition.server("recipients", "status")
    assert status.returncode == 1
    assert "expires in 9 day(s)" in status.stdout
    assert "kua: warning: the recipient list expires in 9 day(s)" in status.stderr

    # And the server logged at its start that no list was published yet
    started = [r.getMessage() for r in caplog.get_records("setup") if r.name == "kua.intake.recipient_lists"]
    assert started == ["No recipient list is published: phones cannot seal reports until one is."]

    # And the server's daily check logs a WARNING line, which it does not 5 days earlier
    now = datetime.now(UTC)
    with caplog.at_level(logging.WARNING, logger="kua.intake.recipient_lists"):
        assert recipient_lists.warn_when_expiring(coalition.console.engine, now) == 9
        assert recipient_lists.warn_when_expiring(coalition.console.engine, now - timedelta(days=5)) == 14
    assert [r.getMessage() for r in caplog.records] == [
        "The recipient list (seq 1) expires in 9 day(s); phones stop sealing reports then. "
        "Run the key ceremony and publish the next list (docs/operations.md)."
    ]
