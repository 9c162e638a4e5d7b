"""The recipient list: the reviewers' age recipients, signed by k of n coalition root keys.

Phones seal reports only to a list that verifies against root keys pinned in the app build, so a
compromised server cannot slip its own key in. Format and rules: docs/crypto.md.
"""

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from kua.crypto.errors import CryptoError, MalformedError
from kua.crypto.keys import parse_recipient, recipient_kind
from kua.crypto.rootkeys import RootKey, parse_root_public_key, verify_signature

ENVELOPE_FORMAT = "kua.recipient-list.signed"
LIST_FORMAT = "kua.recipient-list"
VERSION = 1
SIGNING_CONTEXT = b"kua.recipient-list.v1\n"
EXPIRY_WARNING_DAYS = 14  # warn this long before expiry: time to gather the holders for a ceremony

ErrorCode = Literal[
    "malformed", "unknown_signer", "bad_signature", "too_few_signatures", "rollback", "not_yet_valid", "expired"
]


class RecipientListError(CryptoError):
    """The recipient list must not be used; `code` says why (see docs/crypto.md)."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Reviewer:
    """One entry of the list: a reviewer's recipient and the label the coalition gave it."""

    key_id: str
    name: str
    recipient: str


@dataclass(frozen=True)
class RecipientList:
    """A verified recipient list."""

    seq: int
    issued_at: datetime
    not_before: datetime
    not_after: datetime
    reviewers: tuple[Reviewer, ...]

    @property
    def recipients(self) -> list[str]:
        return [r.recipient for r in self.reviewers]


def days_left(recipient_list: RecipientList, now: datetime) -> int:
    """Whole days until the list expires (0 on its last day, negative once expired)."""
    return (recipient_list.not_after - now).days


def key_id(recipient: str) -> str:
    """The short id of a recipient: the first 16 hex digits of SHA-256 of its text."""
    return hashlib.sha256(recipient.encode("ascii")).hexdigest()[:16]


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sign_recipient_list(
    entries: list[tuple[str, str]],
    *,
    seq: int,
    not_before: datetime,
    not_after: datetime,
    root_keys: list[RootKey],
    issued_at: datetime | None = None,
) -> bytes:
    """Build and sign a list of (name, recipient) entries; returns the signed envelope (JSON bytes)."""
    payload = list_payload(entries, seq=seq, not_before=not_before, not_after=not_after, issued_at=issued_at)
    return envelope_for_payload(payload, root_keys)


def list_payload(
    entries: list[tuple[str, str]],
    *,
    seq: int,
    not_before: datetime,
    not_after: datetime,
    issued_at: datetime | None = None,
) -> bytes:
    """The list's bytes, the ones root keys sign; refuses anything a phone would refuse to use."""
    document = {
        "format": LIST_FORMAT,
        "version": VERSION,
        "seq": seq,
        "issued_at": _timestamp(issued_at or datetime.now(UTC)),
        "not_before": _timestamp(not_before),
        "not_after": _timestamp(not_after),
        "recipients": [{"key_id": key_id(r), "name": n, "recipient": r} for n, r in entries],
    }
    payload = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    _parse_list(payload)
    return payload


def envelope_for_payload(payload: bytes, root_keys: list[RootKey]) -> bytes:
    """Sign exact payload bytes, unchecked: for adding signatures and for building test vectors."""
    if not root_keys:
        raise ValueError("At least one root key must sign.")
    envelope = {
        "format": ENVELOPE_FORMAT,
        "version": VERSION,
        "payload": base64.b64encode(payload).decode("ascii"),
        "signatures": [
            {"root_key": k.public_text, "signature": base64.b64encode(k.sign(SIGNING_CONTEXT + payload)).decode()}
            for k in root_keys
        ],
    }
    return (json.dumps(envelope, indent=1) + "\n").encode("utf-8")


def verify_recipient_list(
    signed: bytes,
    *,
    root_public_keys: list[str],
    threshold: int,
    min_seq: int = 0,
    now: datetime | None = None,
) -> RecipientList:
    """Verify a signed list; raise RecipientListError with a specific code if it must not be used."""
    if not 1 <= threshold <= len(set(root_public_keys)):
        raise ValueError("The threshold must be between 1 and the number of root keys.")
    payload, signatures = _parse_envelope(signed)
    recipient_list = _parse_list(payload)
    pinned = {text: parse_root_public_key(text) for text in root_public_keys}
    valid_signers = set()
    for root_key, signature in signatures:
        if root_key not in pinned:
            raise RecipientListError("unknown_signer", "The recipient list is signed by a key that is not a root key.")
        if not verify_signature(pinned[root_key], signature, SIGNING_CONTEXT + payload):
            raise RecipientListError("bad_signature", "A signature on the recipient list does not verify.")
        valid_signers.add(root_key)
    if len(valid_signers) < threshold:
        raise RecipientListError(
            "too_few_signatures",
            f"The recipient list has {len(valid_signers)} valid root signatures; {threshold} are required.",
        )
    if recipient_list.seq < min_seq:
        raise RecipientListError(
            "rollback", f"The recipient list has sequence number {recipient_list.seq}, older than {min_seq}."
        )
    now = now or datetime.now(UTC)
    if now < recipient_list.not_before:
        raise RecipientListError("not_yet_valid", "The recipient list is not valid yet.")
    if now >= recipient_list.not_after:
        raise RecipientListError("expired", "The recipient list has expired.")
    return recipient_list


def read_verified_before(signed: bytes) -> RecipientList:
    """The list inside a signed envelope, its signatures and validity left unchecked.

    Only for a list verified earlier (the server verifies each before publishing it), to read which
    recipients it holds: anything that decides whom to encrypt to calls `verify_recipient_list`.
    """
    payload, _signatures = _parse_envelope(signed)
    return _parse_list(payload)


def _malformed(reason: str) -> RecipientListError:
    return RecipientListError("malformed", f"The recipient list is malformed: {reason}.")


def _parse_json(raw: bytes, what: str) -> dict[str, Any]:
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _malformed(f"its {what} is not JSON") from None
    if not isinstance(value, dict):
        raise _malformed(f"its {what} is not a JSON object")
    return value


def _b64(value: object, what: str) -> bytes:
    if not isinstance(value, str):
        raise _malformed(f"{what} is not a string")
    try:
        return base64.b64decode(value, validate=True)
    except binascii.Error:
        raise _malformed(f"{what} is not base64") from None


def _parse_envelope(signed: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    envelope = _parse_json(signed, "envelope")
    if envelope.get("format") != ENVELOPE_FORMAT or envelope.get("version") != VERSION:
        raise _malformed("unknown envelope format or version")
    signatures = envelope.get("signatures")
    if not isinstance(signatures, list) or not all(isinstance(s, dict) for s in signatures):
        raise _malformed("signatures is not a list of objects")
    parsed = []
    for entry in signatures:
        root_key, signature = entry.get("root_key"), _b64(entry.get("signature"), "a signature")
        if not isinstance(root_key, str) or len(signature) != 64:
            raise _malformed("a signature entry is invalid")
        parsed.append((root_key, signature))
    return _b64(envelope.get("payload"), "payload"), parsed


def _parse_time(value: object, field: str) -> datetime:
    if not isinstance(value, str) or not value.endswith("Z"):
        raise _malformed(f"{field} is not an RFC 3339 UTC time")
    try:
        return datetime.fromisoformat(value[:-1] + "+00:00")
    except ValueError:
        raise _malformed(f"{field} is not an RFC 3339 UTC time") from None


def _parse_list(payload: bytes) -> RecipientList:
    document = _parse_json(payload, "payload")
    if document.get("format") != LIST_FORMAT or document.get("version") != VERSION:
        raise _malformed("unknown list format or version")
    seq = document.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or not 1 <= seq < 2**53:
        raise _malformed("seq is not a positive integer")
    times = {f: _parse_time(document.get(f), f) for f in ("issued_at", "not_before", "not_after")}
    if times["not_before"] >= times["not_after"]:
        raise _malformed("not_before is not before not_after")
    entries = document.get("recipients")
    if not isinstance(entries, list) or not entries:
        raise _malformed("recipients is not a non-empty list")
    reviewers = tuple(_parse_entry(e) for e in entries)
    recipients = [r.recipient for r in reviewers]
    if len(set(recipients)) != len(recipients):
        raise _malformed("a recipient appears twice")
    if len({recipient_kind(r) for r in recipients}) != 1:
        raise _malformed("it mixes classic and post-quantum recipients")
    return RecipientList(seq, times["issued_at"], times["not_before"], times["not_after"], reviewers)


def _parse_entry(entry: object) -> Reviewer:
    if not isinstance(entry, dict):
        raise _malformed("a recipient entry is not an object")
    name, recipient, entry_key_id = entry.get("name"), entry.get("recipient"), entry.get("key_id")
    if not isinstance(name, str) or not name.strip() or not isinstance(recipient, str):
        raise _malformed("a recipient entry lacks a name or a recipient")
    try:
        parse_recipient(recipient)
    except (MalformedError, UnicodeEncodeError):
        raise _malformed(f"{name!r} has an invalid age recipient") from None
    if entry_key_id != key_id(recipient):
        raise _malformed(f"the key_id of {name!r} does not match its recipient")
    return Reviewer(entry_key_id, name, recipient)
