"""The post-quantum hybrid `mlkem768x25519` stanza (age1pq1... / AGE-SECRET-KEY-PQ-1...).

HPKE (RFC 9180) base mode with the ML-KEM-768 + X25519 KEM, HKDF-SHA256 and ChaCha20-Poly1305,
as in the C2SP age specification. Reports must stay confidential for decades, so reviewer keys
use this by default ("harvest now, decrypt later").
"""

from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from cryptography.hazmat.primitives.hpke import (
    AEAD,
    KDF,
    KEM,
    MLKEM768X25519PrivateKey,
    MLKEM768X25519PublicKey,
    Suite,
)

from kua.crypto.age.header import Stanza, b64decode, b64encode
from kua.crypto.errors import MalformedError

_INFO = b"age-encryption.org/mlkem768x25519"
_SUITE = Suite(KEM.MLKEM768_X25519, KDF.HKDF_SHA256, AEAD.CHACHA20_POLY1305)
ENC_SIZE = 1120  # ML-KEM-768 ciphertext (1088) || X25519 share (32)
_MLKEM_CIPHERTEXT_SIZE = 1088
PUBLIC_KEY_SIZE = 1216  # ML-KEM-768 encapsulation key (1184) || X25519 public key (32)


def _expand(seed: bytes) -> tuple[mlkem.MLKEM768PrivateKey, x25519.X25519PrivateKey]:
    """Expand a 32-byte identity seed into its two component keys (draft-ietf-hpke-pq)."""
    if len(seed) != 32:
        raise MalformedError("A hybrid identity seed must be 32 bytes.")
    digest = hashes.Hash(hashes.SHAKE256(96))
    digest.update(seed)
    expanded = digest.finalize()
    return (
        mlkem.MLKEM768PrivateKey.from_seed_bytes(expanded[:64]),
        x25519.X25519PrivateKey.from_private_bytes(expanded[64:]),
    )


def seed_to_public_key(seed: bytes) -> bytes:
    """The 1216-byte hybrid public key of an identity seed."""
    mlkem_key, x_key = _expand(seed)
    return mlkem_key.public_key().public_bytes_raw() + x_key.public_key().public_bytes_raw()


class HybridRecipient:
    """Wraps file keys to one ML-KEM-768 + X25519 public key."""

    kind = "pq"

    def __init__(self, public_key: bytes) -> None:
        if len(public_key) != PUBLIC_KEY_SIZE:
            raise MalformedError("A hybrid recipient must be 1216 bytes.")
        try:
            self._key = MLKEM768X25519PublicKey(
                mlkem.MLKEM768PublicKey.from_public_bytes(public_key[:1184]),
                x25519.X25519PublicKey.from_public_bytes(public_key[1184:]),
            )
        except ValueError:
            raise MalformedError("Invalid hybrid recipient.") from None

    def wrap(self, file_key: bytes) -> list[Stanza]:
        sealed = _SUITE.encrypt(file_key, self._key, info=_INFO)
        enc, body = sealed[:ENC_SIZE], sealed[ENC_SIZE:]
        return [Stanza("mlkem768x25519", (b64encode(enc).decode(),), body)]


class HybridIdentity:
    """Unwraps file keys sealed to its hybrid public key."""

    kind = "pq"

    def __init__(self, seed: bytes) -> None:
        mlkem_key, self._x25519_key = _expand(seed)
        self._key = MLKEM768X25519PrivateKey(mlkem_key, self._x25519_key)

    def __repr__(self) -> str:
        return "HybridIdentity(<secret>)"

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        for stanza in stanzas:
            if stanza.type != "mlkem768x25519":
                continue
            if len(stanza.args) != 1:
                raise MalformedError("An mlkem768x25519 stanza must have exactly one argument.")
            enc = b64decode(stanza.args[0])
            if len(enc) != ENC_SIZE or len(stanza.body) != 32:
                raise MalformedError("An mlkem768x25519 stanza has the wrong length.")
            self._refuse_low_order(enc[_MLKEM_CIPHERTEXT_SIZE:])
            try:
                return _SUITE.decrypt(enc + stanza.body, self._key, info=_INFO)
            except InvalidTag:
                continue  # sealed to someone else
        return None

    def _refuse_low_order(self, x25519_share: bytes) -> None:
        # HPKE reports an all-zero X25519 secret as a failed tag, which would read as "not for
        # me"; the specification makes it a malformed header instead.
        try:
            self._x25519_key.exchange(x25519.X25519PublicKey.from_public_bytes(x25519_share))
        except ValueError:
            raise MalformedError("An mlkem768x25519 stanza uses a low-order X25519 point.") from None
