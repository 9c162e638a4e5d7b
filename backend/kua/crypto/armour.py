"""Armoured text: a file as numbered, checksummed base64 lines a person can print and type back.

Used to carry a signing request or a signed recipient list to and from an offline laptop without a
USB stick. Each line carries its number and a checksum over number and text, so a typo is found on
the line where it was made and a missing or swapped line is named. Format: docs/crypto.md, "Armour".
"""

import base64
import hashlib
import re
import zlib

LINE_CHARS = 48
_BEGIN = "-----BEGIN KUA {kind}-----"
_END = "-----END KUA {kind} ({count} LINES)-----"
_LINE = re.compile(r"^(\d+)\s+([A-Za-z0-9+/=]+)\s+([0-9a-f]{4})$")
_END_LINE = re.compile(r"^-----END KUA ([A-Z ]+) \((\d+) LINES\)-----$")


class ArmourError(ValueError):
    """The armoured text cannot be read back; the message names the line to check."""


def line_checksum(number: int, text: str) -> str:
    """The first 4 hex digits of SHA-256 over the line's number and text."""
    return hashlib.sha256(f"{number}:{text}".encode("ascii")).hexdigest()[:4]


def armour(data: bytes, kind: str) -> str:
    """`data` compressed, base64-encoded and cut into numbered lines between a header and a footer."""
    text = base64.b64encode(zlib.compress(data, 9)).decode("ascii")
    chunks = [text[i : i + LINE_CHARS] for i in range(0, len(text), LINE_CHARS)]
    width = len(str(len(chunks)))
    lines = [f"{n:0{width}d} {chunk} {line_checksum(n, chunk)}" for n, chunk in enumerate(chunks, 1)]
    return "\n".join([_BEGIN.format(kind=kind), *lines, _END.format(kind=kind, count=len(chunks))]) + "\n"


def is_armoured(raw: bytes) -> bool:
    return raw.lstrip().startswith(b"-----BEGIN KUA ")


def dearmour(text: str) -> bytes:
    """Read armoured text back (blank lines and extra spaces are ignored); raise ArmourError otherwise."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    if not lines or not lines[0].startswith("-----BEGIN KUA "):
        raise ArmourError("The text has no -----BEGIN KUA ...----- line.")
    end = _END_LINE.match(lines[-1])
    if end is None:
        raise ArmourError("The text has no -----END KUA ... (N LINES)----- line: is its end missing?")
    body, expected = lines[1:-1], int(end.group(2))
    chunks = []
    for position, line in enumerate(body, 1):
        match = _LINE.match(line)
        if match is None:
            raise ArmourError(f"Line {position} is not 'NUMBER BASE64 CHECKSUM': {line[:20]!r}.")
        number, chunk, checksum = int(match.group(1)), match.group(2), match.group(3)
        if number != position:
            raise ArmourError(f"Line {position} is numbered {number}: a line is missing or out of order.")
        if line_checksum(number, chunk) != checksum:
            raise ArmourError(f"Line {number}'s checksum does not match: check what was typed on that line.")
        chunks.append(chunk)
    if len(chunks) != expected:
        raise ArmourError(f"The text has {len(chunks)} lines; its last line says {expected}.")
    try:
        return zlib.decompress(base64.b64decode("".join(chunks), validate=True))
    except (ValueError, zlib.error):
        raise ArmourError("The lines check out one by one but do not decode together.") from None


def qr_chunks(text: str, lines_per_code: int = 12) -> list[str]:
    """Armoured text cut into pieces of whole lines, one per QR code, header in the first, footer in the last."""
    lines = text.splitlines()
    return ["\n".join(lines[i : i + lines_per_code]) + "\n" for i in range(0, len(lines), lines_per_code)]
