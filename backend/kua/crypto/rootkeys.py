"""Coalition root keys: Ed25519 keys that sign the recipient list, kept offline.

Public key text: `kuaroot1...` (Bech32). Secret text: `KUA-ROOT-SECRET-KEY-1...` (the 32-byte seed).

Development root keys (`kua dev-setup`) are not random: each is derived from a public label, so
everyone knows their secret keys and anything can recognise them by the public key alone. A
production server refuses them wherever they were made (docs/threat-model.md, "Development keys").
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kua.crypto import bech32
from kua.crypto.errors import MalformedError
from kua.crypto.secret_files import read_secret_lines, write_secret_file

PUBLIC_HRP = "kuaroot"
_SECRET_HRP = "kua-root-secret-key-"  # noqa: S105 (a Bech32 prefix, not a secret)  # nosec B105
DEVELOPMENT_ROOT_KEY_COUNT = 2
_DEVELOPMENT_LABEL = "kua development root key {number}, known to everyone: never for real reports"


@dataclass(frozen=True, repr=False)
class RootKey:
    """A root signing key (secret)."""

    _private: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> "RootKey":
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_secret_text(cls, text: str) -> "RootKey":
        hrp, seed = _decode(text)
        if hrp != _SECRET_HRP or len(seed) != 32:
            raise MalformedError("Not a Kua root secret key (expected KUA-ROOT-SECRET-KEY-1...).")
        return cls(Ed25519PrivateKey.from_private_bytes(seed))

    def __repr__(self) -> str:
        return f"RootKey(public={self.public_text[:20]}...)"

    @property
    def secret_text(self) -> str:
        return bech32.encode(_SECRET_HRP, self._private.private_bytes_raw()).upper()

    @property
    def public_text(self) -> str:
        return bech32.encode(PUBLIC_HRP, self._private.public_key().public_bytes_raw())

    def sign(self, message: bytes) -> bytes:
        return self._private.sign(message)


def development_root_key(number: int) -> RootKey:
    """Development root key `number` (1 or 2): its seed is the SHA-256 of a label printed in this file."""
    if not 1 <= number <= DEVELOPMENT_ROOT_KEY_COUNT:
        raise ValueError(f"There are {DEVELOPMENT_ROOT_KEY_COUNT} development root keys.")
    seed = hashlib.sha256(_DEVELOPMENT_LABEL.format(number=number).encode("ascii")).digest()
    return RootKey(Ed25519PrivateKey.from_private_bytes(seed))


def is_development_root_key(public_text: str) -> bool:
    """Whether a root public key is one of the development keys, whichever machine made it."""
    development = {development_root_key(n).public_text for n in range(1, DEVELOPMENT_ROOT_KEY_COUNT + 1)}
    return public_text.strip().lower() in development


def parse_root_public_key(text: str) -> Ed25519PublicKey:
    """Parse `kuaroot1...`; raise MalformedError otherwise."""
    hrp, raw = _decode(text.strip())
    if hrp != PUBLIC_HRP or len(raw) != 32 or text.strip() != text.strip().lower():
        raise MalformedError("Not a Kua root public key (expected kuaroot1...).")
    return Ed25519PublicKey.from_public_bytes(raw)


def verify_signature(public_key: Ed25519PublicKey, signature: bytes, message: bytes) -> bool:
    try:
        public_key.verify(signature, message)
    except InvalidSignature:
        return False
    return True


def write_root_key_file(path: Path, key: RootKey, passphrase: str | None, comment: str) -> None:
    """Write a root key file (mode 0600, never overwriting), sealed under `passphrase` if given."""
    write_secret_file(
        path, [key.secret_text], comments=[comment, f"public key: {key.public_text}"], passphrase=passphrase
    )


def read_root_key_file(path: Path, passphrase: Callable[[], str] | None) -> RootKey:
    """Read a root key file; `passphrase` is asked only if the file is sealed."""
    lines = read_secret_lines(path.read_bytes(), passphrase)
    if len(lines) != 1:
        raise MalformedError("A root key file must hold exactly one key.")
    return RootKey.from_secret_text(lines[0])


def _decode(text: str) -> tuple[str, bytes]:
    try:
        return bech32.decode(text)
    except MalformedError:
        raise MalformedError("Not a valid Kua root key (bad Bech32 encoding).") from None
