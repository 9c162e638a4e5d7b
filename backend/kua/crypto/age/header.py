"""The age v1 header: recipient stanzas and the header MAC, parsed strictly.

Strictness matters: a lenient parser that re-encodes what it read would verify a MAC over bytes
the sender never wrote. Every rule here mirrors the C2SP age specification.
"""

import base64
import binascii
import hmac
import io
from dataclasses import dataclass
from hashlib import sha256
from typing import BinaryIO

from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kua.crypto.errors import AuthenticationError, MalformedError

VERSION_LINE = b"age-encryption.org/v1"
# What every age v1 file starts with: the version line. Kua checks it in every body it keeps.
AGE_MAGIC = VERSION_LINE + b"\n"
MAX_HEADER_BYTES = 1 << 20  # a list of hundreds of post-quantum recipients fits; a flood does not
_COLUMNS = 64


@dataclass(frozen=True)
class Stanza:
    """One recipient stanza: a type, its arguments and a binary body."""

    type: str
    args: tuple[str, ...]
    body: bytes

    def encode(self) -> bytes:
        line = " ".join(("->", self.type, *self.args)).encode("ascii")
        text = b64encode(self.body)
        lines = [text[i : i + _COLUMNS] for i in range(0, len(text), _COLUMNS)]
        if not lines or len(lines[-1]) == _COLUMNS:
            lines.append(b"")  # the body always ends with a line shorter than 64 columns
        return line + b"\n" + b"\n".join(lines) + b"\n"


@dataclass(frozen=True)
class Header:
    """A parsed header: its stanzas, its MAC and the exact bytes the MAC covers."""

    stanzas: tuple[Stanza, ...]
    mac: bytes
    mac_input: bytes

    def verify_mac(self, file_key: bytes) -> None:
        if not hmac.compare_digest(header_mac(file_key, self.mac_input), self.mac):
            raise AuthenticationError("The file header was tampered with (its MAC does not match).")


def b64encode(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def b64decode(text: bytes | str) -> bytes:
    """Decode canonical unpadded standard base64, as age requires."""
    raw = text.encode("ascii") if isinstance(text, str) else text
    if b"=" in raw or b"\r" in raw or b"\n" in raw or len(raw) % 4 == 1:
        raise MalformedError("Invalid base64 in the age header.")
    try:
        data = base64.b64decode(raw + b"=" * (-len(raw) % 4), validate=True)
    except binascii.Error:
        raise MalformedError("Invalid base64 in the age header.") from None
    if b64encode(data) != raw:
        raise MalformedError("Non-canonical base64 in the age header.")
    return data


def header_mac(file_key: bytes, mac_input: bytes) -> bytes:
    key = HKDF(algorithm=SHA256(), length=32, salt=None, info=b"header").derive(file_key)
    return hmac.new(key, mac_input, sha256).digest()


def encode_header(stanzas: list[Stanza], file_key: bytes) -> bytes:
    """Serialise a header and append its MAC."""
    mac_input = AGE_MAGIC + b"".join(s.encode() for s in stanzas) + b"---"
    return mac_input + b" " + b64encode(header_mac(file_key, mac_input)) + b"\n"


def _is_arg(word: bytes) -> bool:
    return bool(word) and all(33 <= c <= 126 for c in word)


class _LineReader:
    def __init__(self, source: BinaryIO) -> None:
        self.source = source
        self.consumed = 0

    def line(self) -> bytes:
        line = self.source.readline(MAX_HEADER_BYTES - self.consumed + 1)
        self.consumed += len(line)
        if self.consumed > MAX_HEADER_BYTES:
            raise MalformedError("The age header is too large.")
        if not line.endswith(b"\n"):
            raise MalformedError("The age header ends early.")
        return line[:-1]


def read_header(source: BinaryIO) -> Header:
    """Read and parse the header, leaving `source` at the first payload byte."""
    reader = _LineReader(source)
    first = source.readline(len(VERSION_LINE) + 1)
    reader.consumed = len(first)
    if first != AGE_MAGIC:
        raise MalformedError(f"Not an age v1 file (the first line is not {VERSION_LINE.decode()}).")
    mac_input = bytearray(first)
    stanzas: list[Stanza] = []
    line = reader.line()
    while line.startswith(b"->"):
        mac_input += line + b"\n"
        words = line.split(b" ")
        if words[0] != b"->" or len(words) < 2 or not all(_is_arg(w) for w in words[1:]):
            raise MalformedError("Malformed stanza line in the age header.")
        body = bytearray()
        while True:
            chunk = reader.line()
            mac_input += chunk + b"\n"
            if len(chunk) > _COLUMNS:
                raise MalformedError("A stanza body line is longer than 64 columns.")
            body += b64decode(chunk)
            if len(chunk) < _COLUMNS:
                break
        type_, *args = (w.decode("ascii") for w in words[1:])
        stanzas.append(Stanza(type_, tuple(args), bytes(body)))
        line = reader.line()
    if not line.startswith(b"--- "):
        raise MalformedError("Malformed age header (missing the MAC line).")
    mac_input += b"---"
    mac = b64decode(line[4:])
    if len(mac) != 32:
        raise MalformedError("The age header MAC has the wrong length.")
    if not stanzas:
        raise MalformedError("The age header has no recipient stanza.")
    return Header(tuple(stanzas), mac, bytes(mac_input))


def header_length(data: bytes) -> int:
    """The length of the age header at the start of `data` (where its payload starts); checks the syntax."""
    source = io.BytesIO(data)
    read_header(source)
    return source.tell()


def with_header(header: bytes, file: bytes) -> bytes:
    """The age file made of `header` (a grant: the same file key, other stanzas) and the payload of `file`.

    The payload is kept byte for byte: its STREAM key derives from the file key and the payload's own
    nonce, so any header carrying the same file key, with a MAC under it, opens it (docs/crypto.md).
    """
    return header[: header_length(header)] + file[header_length(file) :]
