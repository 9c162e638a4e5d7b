"""The creation request's headers: `Upload-Length` and `Upload-Metadata` (the attachment's id and SHA-256).

`Upload-Metadata` is tus's comma-separated list of `key base64(value)` pairs. Kua takes exactly two
keys, `id` (the UUID the phone chose) and `sha256` (of the whole age file, lowercase hex), and refuses
any other: a file name or type would be metadata the server has no use for and should not see.
"""

import base64
import binascii
import re
import uuid
from dataclasses import dataclass

from kua.crypto.age.header import AGE_MAGIC
from kua.uploads.errors import AttachmentTooLargeError, InvalidUploadLengthError, InvalidUploadMetadataError

KEYS = ("id", "sha256")
_KEY = re.compile(r"^[A-Za-z0-9_.-]+$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_DIGITS = re.compile(r"^[0-9]{1,19}$")


@dataclass(frozen=True)
class Declared:
    """What the phone declares about an attachment before sending a byte of it."""

    upload_id: uuid.UUID
    length: int
    sha256: str


def parse_creation(*, upload_length: str | None, upload_metadata: str | None, max_bytes: int) -> Declared:
    """The declared attachment, or the first thing wrong with the creation headers."""
    length = parse_length(upload_length, max_bytes=max_bytes)
    values = parse_metadata(upload_metadata)
    try:
        upload_id = uuid.UUID(values["id"])
    except ValueError:
        raise InvalidUploadMetadataError("Upload-Metadata `id` must be a UUID.") from None
    sha256 = values["sha256"]
    if not _SHA256.match(sha256):
        raise InvalidUploadMetadataError("Upload-Metadata `sha256` must be 64 lowercase hexadecimal digits.")
    return Declared(upload_id=upload_id, length=length, sha256=sha256)


def parse_length(header: str | None, *, max_bytes: int) -> int:
    """Upload-Length as a number of bytes: long enough for an age header, at most `max_bytes`."""
    if header is None:
        raise InvalidUploadLengthError("Upload-Length is required (deferred lengths are not supported).")
    if not _DIGITS.match(header.strip()):
        raise InvalidUploadLengthError("Upload-Length must be a whole number of bytes.")
    length = int(header)
    if length < len(AGE_MAGIC):
        raise InvalidUploadLengthError(f"An attachment is an age file: at least {len(AGE_MAGIC)} bytes.")
    if length > max_bytes:
        raise AttachmentTooLargeError(f"The attachment is larger than the limit of {max_bytes} bytes.")
    return length


def parse_metadata(header: str | None) -> dict[str, str]:
    """The `id` and `sha256` values of Upload-Metadata, decoded."""
    if header is None or not header.strip():
        raise InvalidUploadMetadataError("Upload-Metadata with the keys `id` and `sha256` is required.")
    values: dict[str, str] = {}
    for pair in header.split(","):
        key, _, encoded = pair.strip().partition(" ")
        if not _KEY.match(key) or key in values:
            raise InvalidUploadMetadataError("Upload-Metadata must list distinct keys, each with a base64 value.")
        if key not in KEYS:
            raise InvalidUploadMetadataError(f"Upload-Metadata may only carry the keys `id` and `sha256`, not `{key}`.")
        try:
            values[key] = base64.b64decode(encoded.strip(), validate=True).decode("ascii")
        except (binascii.Error, UnicodeDecodeError):
            raise InvalidUploadMetadataError(f"Upload-Metadata `{key}` is not base64 of an ASCII value.") from None
    missing = [key for key in KEYS if key not in values]
    if missing:
        raise InvalidUploadMetadataError(f"Upload-Metadata lacks the key `{missing[0]}`.")
    return values


def encode_metadata(*, upload_id: uuid.UUID, sha256: str) -> str:
    """Upload-Metadata as a HEAD response repeats it."""
    return ",".join(
        f"{key} {base64.b64encode(value.encode('ascii')).decode('ascii')}"
        for key, value in (("id", str(upload_id)), ("sha256", sha256))
    )
