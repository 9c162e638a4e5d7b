"""The coalition publishes its signed recipient list; phones fetch it byte for byte."""

import hashlib
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from kua.crypto.keys import generate_identity, identity_to_recipient
from kua.crypto.recipient_list import sign_recipient_list
from kua.crypto.rootkeys import RootKey
from tests.support.refusals import assert_refused
from tests.support.server import RunningServer, run_kua

pytestmark = pytest.mark.slow

ROOTS = [RootKey.generate() for _ in range(3)]
REVIEWERS = [("Reviewer 1", identity_to_recipient(generate_identity("pq")))]


def signed_list(seq: int, signers: list[RootKey] = ROOTS[:2], days: int = 30) -> bytes:
    now = datetime.now(UTC)
    return sign_recipient_list(
        REVIEWERS, seq=seq, not_before=now - timedelta(hours=1), not_after=now + timedelta(days=days), root_keys=signers
    )


def publish(server: RunningServer, document: bytes, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    path = tmp_path / f"list-{hashlib.sha256(document).hexdigest()[:8]}.json"
    path.write_bytes(document)
    return run_kua("recipients", "publish", str(path), env=server.env)


def test_the_coalition_publishes_lists_and_phones_get_the_newest(tmp_path: Path) -> None:
    pins = {"KUA_ROOT_PUBLIC_KEYS": ",".join(k.public_text for k in ROOTS), "KUA_ROOT_THRESHOLD": "2"}
    with RunningServer(tmp_path / "data", **pins) as server:
        # Given nothing published, phones are told so (and keep the list shipped in their build)
        none_yet = httpx.get(server.url("/api/v1/recipients"))
        assert_refused(none_yet, 404, "no_recipient_list")

        # When the coalition publishes seq 1, then seq 2
        first, second = signed_list(1), signed_list(2)
        assert publish(server, first, tmp_path).returncode == 0
        published = publish(server, second, tmp_path)
        assert published.returncode == 0 and "Published" in published.stdout

        # Then phones get seq 2 byte for byte
        response = httpx.get(server.url("/api/v1/recipients"))
        assert response.status_code == 200 and response.content == second
        assert response.headers["content-type"] == "application/json"
        assert response.headers["kua-recipient-list-seq"] == "2"

        # Publishing the same list again changes nothing
        again = publish(server, second, tmp_path)
        assert again.returncode == 0 and "Already published" in again.stdout

        # And every list phones would refuse is refused before it is served
        refusals = {
            "rollback": signed_list(1),
            "too_few_signatures": signed_list(3, ROOTS[:1]),
            "unknown_signer": signed_list(3, [ROOTS[0], RootKey.generate()]),
        }
        for code, document in refusals.items():
            refused = publish(server, document, tmp_path)
            assert refused.returncode == 1 and code in refused.stderr, (code, refused.stderr)
        assert httpx.get(server.url("/api/v1/recipients")).content == second
