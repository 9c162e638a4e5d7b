"""The signing request: an unsigned recipient list that root-key holders sign one after another.

The server writes it (`kua recipients pending OUT`); each holder adds one signature on an offline
laptop (`kua recipients sign REQUEST --key ...`); once the threshold is met the file becomes the
signed list (`kua recipients publish`). The payload bytes never change after the server wrote
them, so every signature covers exactly the same bytes. Format: docs/crypto.md, "Signing request".
"""

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from kua.crypto.errors import MalformedError
from kua.crypto.recipient_list import (
    ENVELOPE_FORMAT,
    SIGNING_CONTEXT,
    VERSION,
    RecipientList,
    RecipientListError,
    read_verified_before,
)
from kua.crypto.rootkeys import RootKey, parse_root_public_key, verify_signature

REQUEST_FORMAT = "kua.recipient-list.request"


class SigningRequestError(ValueError):
    """The request must not be signed or published; the message says why in one sentence."""


@dataclass(frozen=True)
class SigningRequest:
    """The exact list bytes to sign, the root keys and threshold the server expects, and the signatures so far."""

    payload: bytes
    root_keys: tuple[str, ...]
    threshold: int
    signatures: tuple[tuple[str, bytes], ...]

    @property
    def recipient_list(self) -> RecipientList:
        return read_verified_before(self.to_envelope())

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the payload, 32 hex digits in groups of four: what the holders compare aloud."""
        digest = hashlib.sha256(self.payload).hexdigest()[:32]
        return " ".join(digest[i : i + 4] for i in range(0, 32, 4))

    @property
    def signers(self) -> list[str]:
        return [root_key for root_key, _signature in self.signatures]

    def to_json(self) -> bytes:
        document = {
            "format": REQUEST_FORMAT,
            "version": VERSION,
            "root_keys": list(self.root_keys),
            "threshold": self.threshold,
            "payload": base64.b64encode(self.payload).decode("ascii"),
            "signatures": [
                {"root_key": k, "signature": base64.b64encode(s).decode("ascii")} for k, s in self.signatures
            ],
        }
        return (json.dumps(document, indent=1) + "\n").encode("utf-8")

    def to_envelope(self) -> bytes:
        """The signed recipient list (docs/crypto.md) holding the signatures gathered so far."""
        envelope = {
            "format": ENVELOPE_FORMAT,
            "version": VERSION,
            "payload": base64.b64encode(self.payload).decode("ascii"),
            "signatures": [
                {"root_key": k, "signature": base64.b64encode(s).decode("ascii")} for k, s in self.signatures
            ],
        }
        return (json.dumps(envelope, indent=1) + "\n").encode("utf-8")


def new_request(payload: bytes, *, root_keys: list[str], threshold: int) -> SigningRequest:
    """A request with no signature yet; refuses a payload phones would refuse or an impossible threshold."""
    request = SigningRequest(payload, tuple(root_keys), threshold, ())
    _check(request)
    return request


def parse_request(raw: bytes) -> SigningRequest:
    """Parse and check a request file: its list parses and every signature on it verifies."""
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SigningRequestError("The file is not a signing request (not JSON).") from None
    if not isinstance(document, dict) or document.get("format") != REQUEST_FORMAT:
        raise SigningRequestError(f"The file is not a signing request (its format is not {REQUEST_FORMAT}).")
    if document.get("version") != VERSION:
        raise SigningRequestError(f"The signing request has version {document.get('version')!r}; this kua reads 1.")
    root_keys, threshold, signatures = document.get("root_keys"), document.get("threshold"), document.get("signatures")
    if not isinstance(root_keys, list) or not all(isinstance(k, str) for k in root_keys):
        raise SigningRequestError("The signing request's root_keys is not a list of root public keys.")
    if not isinstance(threshold, int) or isinstance(threshold, bool):
        raise SigningRequestError("The signing request's threshold is not a number.")
    if not isinstance(signatures, list) or not all(isinstance(s, dict) for s in signatures):
        raise SigningRequestError("The signing request's signatures is not a list of objects.")
    request = SigningRequest(
        _b64(document.get("payload"), "payload"),
        tuple(root_keys),
        threshold,
        tuple((_text(s.get("root_key")), _b64(s.get("signature"), "a signature")) for s in signatures),
    )
    _check(request)
    return request


def add_signature(request: SigningRequest, root_key: RootKey) -> SigningRequest:
    """The request with one more signature, by `root_key`; refuses a second signature by the same key."""
    if root_key.public_text not in request.root_keys:
        raise SigningRequestError("This root key is not one of the root keys the request names; check the key file.")
    if root_key.public_text in request.signers:
        raise SigningRequestError("This root key has signed this request already; pass it to the next holder.")
    signature = root_key.sign(SIGNING_CONTEXT + request.payload)
    return SigningRequest(
        request.payload, request.root_keys, request.threshold, (*request.signatures, (root_key.public_text, signature))
    )


def _check(request: SigningRequest) -> None:
    try:
        pinned = {k: parse_root_public_key(k) for k in request.root_keys}
    except MalformedError:
        raise SigningRequestError("The signing request names something that is not a root public key.") from None
    if not 1 <= request.threshold <= len(pinned):
        raise SigningRequestError("The signing request's threshold is not between 1 and the number of root keys.")
    try:
        request.recipient_list  # noqa: B018 (parsing is the check)
    except RecipientListError as error:
        raise SigningRequestError(str(error)) from None
    seen = set()
    for signer, signature in request.signatures:
        if signer not in pinned:
            raise SigningRequestError("The signing request holds a signature by a key it does not name as a root key.")
        if len(signature) != 64:
            raise SigningRequestError("A signature on the request is not 64 bytes long.")
        if signer in seen:
            raise SigningRequestError("The signing request holds two signatures by the same root key.")
        if not verify_signature(pinned[signer], signature, SIGNING_CONTEXT + request.payload):
            raise SigningRequestError(
                "A signature on the request does not verify: the file changed since it was signed; start again"
                " from the server's request."
            )
        seen.add(signer)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise SigningRequestError("A signature entry of the request has no root_key.")
    return value


def _b64(value: Any, what: str) -> bytes:
    if not isinstance(value, str):
        raise SigningRequestError(f"The signing request's {what} is not base64 text.")
    try:
        return base64.b64decode(value, validate=True)
    except ValueError:
        raise SigningRequestError(f"The signing request's {what} is not base64 text.") from None
