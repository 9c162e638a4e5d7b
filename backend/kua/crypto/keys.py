"""Age keys as text: parsing recipients and identities, generating identities."""

import os
from typing import Literal

from kua.crypto import bech32
from kua.crypto.age import Identity, Recipient
from kua.crypto.age.hybrid import HybridIdentity, HybridRecipient, seed_to_public_key
from kua.crypto.age.x25519 import X25519Identity, X25519Recipient
from kua.crypto.errors import MalformedError

IdentityKind = Literal["pq", "x25519"]

_X25519_SECRET_HRP = "age-secret-key-"  # noqa: S105 (a Bech32 prefix, not a secret)  # nosec B105
_HYBRID_SECRET_HRP = "age-secret-key-pq-"  # noqa: S105 (a Bech32 prefix, not a secret)  # nosec B105


def generate_identity(kind: IdentityKind = "pq") -> str:
    """A new identity (`AGE-SECRET-KEY-PQ-1...` by default, `AGE-SECRET-KEY-1...` for x25519)."""
    hrp = _HYBRID_SECRET_HRP if kind == "pq" else _X25519_SECRET_HRP
    return bech32.encode(hrp, os.urandom(32)).upper()


def parse_identity(text: str) -> Identity:
    """Parse one identity line; raise MalformedError if it is not one Kua supports."""
    hrp, secret = _decode(text.strip(), "identity")
    if hrp == _HYBRID_SECRET_HRP and len(secret) == 32:
        return HybridIdentity(secret)
    if hrp == _X25519_SECRET_HRP and len(secret) == 32:
        return X25519Identity(secret)
    raise MalformedError("Not an age identity (expected AGE-SECRET-KEY-PQ-1... or AGE-SECRET-KEY-1...).")


def identity_to_recipient(text: str) -> str:
    """The recipient (public key) string of an identity string."""
    hrp, secret = _decode(text.strip(), "identity")
    if hrp == _HYBRID_SECRET_HRP and len(secret) == 32:
        return bech32.encode("age1pq", seed_to_public_key(secret))
    if hrp == _X25519_SECRET_HRP and len(secret) == 32:
        return bech32.encode("age", X25519Identity(secret).public_key)
    raise MalformedError("Not an age identity (expected AGE-SECRET-KEY-PQ-1... or AGE-SECRET-KEY-1...).")


def parse_recipient(text: str) -> Recipient:
    """Parse one recipient string (`age1pq1...` or `age1...`)."""
    text = text.strip()
    if text != text.lower():
        raise MalformedError("An age recipient must be lower case.")
    hrp, public_key = _decode(text, "recipient")
    if hrp == "age1pq":
        return HybridRecipient(public_key)
    if hrp == "age":
        return X25519Recipient(public_key)
    raise MalformedError("Not an age recipient (expected age1pq1... or age1...).")


def recipient_kind(text: str) -> IdentityKind:
    """Whether a recipient string is post-quantum ("pq") or classic ("x25519"), without parsing it."""
    return "pq" if text.startswith("age1pq1") else "x25519"


def _decode(text: str, what: str) -> tuple[str, bytes]:
    try:
        return bech32.decode(text)
    except MalformedError:
        raise MalformedError(f"Not a valid age {what} (bad Bech32 encoding).") from None
