"""The classic `X25519` recipient stanza (age1... / AGE-SECRET-KEY-1...)."""

import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kua.crypto.age.header import Stanza, b64decode, b64encode
from kua.crypto.errors import MalformedError

_LABEL = b"age-encryption.org/v1/X25519"
_ZERO_NONCE = bytes(12)


def _wrapping_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> ChaCha20Poly1305:
    if shared == bytes(32):
        raise MalformedError("An X25519 stanza uses a low-order point.")
    key = HKDF(algorithm=SHA256(), length=32, salt=ephemeral + recipient, info=_LABEL).derive(shared)
    return ChaCha20Poly1305(key)


class X25519Recipient:
    """Wraps file keys to one X25519 public key."""

    kind = "x25519"

    def __init__(self, public_key: bytes) -> None:
        if len(public_key) != 32:
            raise MalformedError("An X25519 recipient must be 32 bytes.")
        self.public_key = public_key

    def wrap(self, file_key: bytes) -> list[Stanza]:
        ephemeral = X25519PrivateKey.from_private_bytes(os.urandom(32))
        share = ephemeral.public_key().public_bytes_raw()
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(self.public_key))
        body = _wrapping_key(shared, share, self.public_key).encrypt(_ZERO_NONCE, file_key, None)
        return [Stanza("X25519", (b64encode(share).decode(),), body)]


class X25519Identity:
    """Unwraps file keys sealed to its X25519 public key."""

    kind = "x25519"

    def __init__(self, secret: bytes) -> None:
        if len(secret) != 32:
            raise MalformedError("An X25519 identity must be 32 bytes.")
        self._key = X25519PrivateKey.from_private_bytes(secret)
        self.public_key = self._key.public_key().public_bytes_raw()

    def __repr__(self) -> str:
        return "X25519Identity(<secret>)"

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        for stanza in stanzas:
            if stanza.type != "X25519":
                continue
            if len(stanza.args) != 1:
                raise MalformedError("An X25519 stanza must have exactly one argument.")
            share = b64decode(stanza.args[0])
            if len(share) != 32 or len(stanza.body) != 32:
                raise MalformedError("An X25519 stanza has the wrong length.")
            try:
                shared = self._key.exchange(X25519PublicKey.from_public_bytes(share))
            except ValueError:  # cryptography refuses an all-zero shared secret
                raise MalformedError("An X25519 stanza uses a low-order point.") from None
            try:
                return _wrapping_key(shared, share, self.public_key).decrypt(_ZERO_NONCE, stanza.body, None)
            except InvalidTag:
                continue  # sealed to someone else
        return None
