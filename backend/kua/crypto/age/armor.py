"""The optional ASCII armor of age files (strict PEM), for files that travel as text.

Kua never needs it for reports, but reviewers may receive armored files from other age tools.
Decoding is strict: 64-column lines, canonical padded base64, no headers, whitespace only around.
"""

import base64
import binascii

from kua.crypto.errors import MalformedError

BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
END = b"-----END AGE ENCRYPTED FILE-----"
_COLUMNS = 64
_WHITESPACE = b" \t\r\n"


class ArmorError(MalformedError):
    """The ASCII armor is malformed."""


def is_armored(prefix: bytes) -> bool:
    """Whether data starting with `prefix` looks like an armored age file."""
    return prefix.lstrip(_WHITESPACE).startswith(b"-----BEGIN")


def encode(data: bytes) -> bytes:
    """Armor binary age data."""
    text = base64.b64encode(data)
    lines = [text[i : i + _COLUMNS] for i in range(0, len(text), _COLUMNS)]
    return b"\n".join([BEGIN, *lines, END]) + b"\n"


def decode(armored: bytes) -> bytes:
    """Remove the armor; raise ArmorError if it is not exactly as the specification allows."""
    lines = armored.strip(_WHITESPACE).split(b"\n")
    lines = [line.removesuffix(b"\r") for line in lines]
    if len(lines) < 2 or lines[0] != BEGIN or lines[-1] != END:
        raise ArmorError("The armor does not begin and end with the age armor lines.")
    body = lines[1:-1]
    for index, line in enumerate(body):
        last = index == len(body) - 1
        if not line or len(line) > _COLUMNS or (not last and len(line) != _COLUMNS):
            raise ArmorError("An armor line has the wrong length.")
        if b"=" in line and not last:
            raise ArmorError("Base64 padding appears before the last armor line.")
    text = b"".join(body)
    try:
        data = base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ArmorError("The armor holds invalid base64.") from None
    if base64.b64encode(data) != text:
        raise ArmorError("The armor holds non-canonical base64.")
    return data
