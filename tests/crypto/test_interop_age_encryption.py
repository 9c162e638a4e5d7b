"""Interoperability with the npm package age-encryption (typage), which the phones use.

Both directions, both recipient types: files typage writes open in Kua, files Kua writes open in
typage, identities made by either side work on the other.
"""

import pytest

from kua.crypto import age
from kua.crypto.keys import generate_identity, identity_to_recipient, parse_identity, parse_recipient
from tests.support.figures import Figures
from tests.support.frontend import run_node

pytestmark = pytest.mark.slow

SCRIPT = "scripts/age-interop.mjs"
PLAINTEXT = "Обыск с 12 часов, документы не показали. ".encode() * 4000  # several 64 KiB chunks


def _typage(*args: str, stdin: bytes = b"") -> bytes:
    result = run_node(SCRIPT, *args, stdin=stdin)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


@pytest.mark.parametrize("kind", ["pq", "x25519"])
def test_kua_opens_what_typage_sealed(kind: str, figures: Figures) -> None:
    identity = generate_identity(kind)  # type: ignore[arg-type]
    sealed = _typage("encrypt", "--recipient", identity_to_recipient(identity), stdin=PLAINTEXT)
    assert age.decrypt_bytes(sealed, [parse_identity(identity)]) == PLAINTEXT
    figures.record(f"interop {kind}: age-encryption (npm) sealed, Kua opened ({len(sealed)} bytes)")


@pytest.mark.parametrize("kind", ["pq", "x25519"])
def test_typage_opens_what_kua_sealed(kind: str, figures: Figures) -> None:
    identity = generate_identity(kind)  # type: ignore[arg-type]
    sealed = age.encrypt_bytes(PLAINTEXT, [parse_recipient(identity_to_recipient(identity))])
    assert _typage("decrypt", "--identity", identity, stdin=sealed) == PLAINTEXT
    figures.record(f"interop {kind}: Kua sealed, age-encryption (npm) opened ({len(sealed)} bytes)")


@pytest.mark.parametrize("kind", ["pq", "x25519"])
def test_keys_made_by_typage_derive_the_same_recipient_in_kua(kind: str) -> None:
    identity, recipient = _typage("keygen", "--type", kind).decode().split()
    assert identity_to_recipient(identity) == recipient


def test_typage_refuses_a_file_kua_sealed_to_someone_else() -> None:
    sealed = age.encrypt_bytes(b"report", [parse_recipient(identity_to_recipient(generate_identity("pq")))])
    result = run_node(SCRIPT, "decrypt", "--identity", generate_identity("pq"), stdin=sealed)
    assert result.returncode != 0 and result.stdout == b""
