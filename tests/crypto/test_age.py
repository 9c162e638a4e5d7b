"""Sealing and opening age files in Python: round trips, tampering, truncation, bounded memory."""

import hashlib
import io
import tracemalloc
from pathlib import Path

import pytest

from kua.crypto import age
from kua.crypto.age.scrypt import ScryptIdentity, ScryptRecipient
from kua.crypto.errors import AuthenticationError, MalformedError, NoIdentityMatchError
from kua.crypto.keys import generate_identity, identity_to_recipient, parse_identity, parse_recipient
from tests.support.figures import Figures


def _pair(kind: str) -> tuple[age.Identity, age.Recipient]:
    identity = generate_identity(kind)  # type: ignore[arg-type]
    return parse_identity(identity), parse_recipient(identity_to_recipient(identity))


@pytest.mark.parametrize("kind", ["pq", "x25519"])
@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 3 * 65536 + 7])
def test_a_reviewer_opens_what_was_sealed_to_them(kind: str, size: int) -> None:
    identity, recipient = _pair(kind)
    plaintext = bytes(i % 251 for i in range(size))
    assert age.decrypt_bytes(age.encrypt_bytes(plaintext, [recipient]), [identity]) == plaintext


def test_every_reviewer_on_the_list_opens_the_same_report() -> None:
    pairs = [_pair("pq") for _ in range(3)]
    ciphertext = age.encrypt_bytes(b"report", [r for _, r in pairs])
    assert all(age.decrypt_bytes(ciphertext, [i]) == b"report" for i, _ in pairs)


def test_a_stranger_cannot_open_a_report() -> None:
    _, recipient = _pair("pq")
    stranger, _ = _pair("pq")
    with pytest.raises(NoIdentityMatchError):
        age.decrypt_bytes(age.encrypt_bytes(b"report", [recipient]), [stranger])


def test_a_passphrase_opens_only_with_the_right_passphrase() -> None:
    ciphertext = age.encrypt_bytes(b"identity", [ScryptRecipient("correct horse", work_factor=10)])
    assert age.decrypt_bytes(ciphertext, [ScryptIdentity("correct horse")]) == b"identity"
    with pytest.raises(NoIdentityMatchError):
        age.decrypt_bytes(ciphertext, [ScryptIdentity("wrong horse")])


def test_classic_and_post_quantum_recipients_are_never_mixed() -> None:
    with pytest.raises(ValueError, match="post-quantum"):
        age.encrypt_bytes(b"report", [_pair("pq")[1], _pair("x25519")[1]])


@pytest.mark.parametrize("position", ["stanza", "header MAC", "payload", "last byte"])
def test_a_tampered_file_is_refused(position: str) -> None:
    identity, recipient = _pair("pq")
    ciphertext = bytearray(age.encrypt_bytes(b"x" * 100_000, [recipient]))
    index = {
        "stanza": 40,
        "header MAC": ciphertext.index(b"\n--- ") + 8,
        "payload": len(ciphertext) // 2,
        "last byte": len(ciphertext) - 1,
    }[position]
    ciphertext[index] ^= 1
    with pytest.raises((AuthenticationError, MalformedError, NoIdentityMatchError)):
        age.decrypt_bytes(bytes(ciphertext), [identity])


@pytest.mark.parametrize("cut", [1, 16, 65536 + 16])
def test_a_truncated_file_is_refused(cut: int) -> None:
    identity, recipient = _pair("x25519")
    ciphertext = age.encrypt_bytes(b"y" * (3 * 65536), [recipient])
    with pytest.raises(AuthenticationError):
        age.decrypt_bytes(ciphertext[:-cut], [identity])


class _Zeros(io.RawIOBase):
    """A large plaintext that is never held in memory."""

    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        count = min(len(buffer), self.left)
        buffer[:count] = bytes(count)
        self.left -= count
        return count


class _Sink(io.RawIOBase):
    """Hashes what is written and forgets it."""

    def __init__(self) -> None:
        self.digest, self.buffer, self.size = hashlib.sha256(), bytearray(), 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.digest.update(data)
        self.size += len(data)
        return len(data)


def test_memory_stays_bounded_whatever_the_file_size(tmp_path: Path, figures: Figures) -> None:
    identity, recipient = _pair("pq")
    size = 64 * 2**20
    path = tmp_path / "big.age"
    tracemalloc.start()
    with open(path, "wb") as sealed:
        age.encrypt(io.BufferedReader(_Zeros(size)), sealed, [recipient])
    _, sealing_peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    sink = _Sink()
    with open(path, "rb") as sealed:
        age.decrypt(sealed, sink, [identity])
    _, opening_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert sink.size == size and sink.digest.hexdigest() == hashlib.sha256(bytes(size)).hexdigest()
    figures.record(
        f"64 MiB sealed with peak {sealing_peak / 1024:.0f} KiB, opened with peak {opening_peak / 1024:.0f} KiB"
    )
    assert sealing_peak < 1024 * 1024 and opening_peak < 1024 * 1024
