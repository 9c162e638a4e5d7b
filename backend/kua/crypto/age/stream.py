"""The age payload: STREAM (Hoang, Reyhanitabar, Rogaway, Vizár) over ChaCha20-Poly1305.

Plaintext is cut into 64 KiB chunks, each sealed with a nonce made of an 11-byte counter and a
"last chunk" flag, so reordering, dropping or truncating chunks is detected. Memory stays bounded
to one chunk whatever the file size.
"""

from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kua.crypto.errors import AuthenticationError

CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
NONCE_SIZE = 16


def payload_key(file_key: bytes, nonce: bytes) -> ChaCha20Poly1305:
    key = HKDF(algorithm=SHA256(), length=32, salt=nonce, info=b"payload").derive(file_key)
    return ChaCha20Poly1305(key)


def _chunk_nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _read_exactly(source: BinaryIO, size: int) -> bytes:
    parts, wanted = [], size
    while wanted:
        part = source.read(wanted)
        if not part:
            break
        parts.append(part)
        wanted -= len(part)
    return b"".join(parts)


def encrypt_chunks(aead: ChaCha20Poly1305, source: BinaryIO) -> Iterator[bytes]:
    """Yield the sealed chunks of everything `source` holds."""
    counter = 0
    chunk = _read_exactly(source, CHUNK_SIZE)
    while True:
        following = _read_exactly(source, CHUNK_SIZE) if len(chunk) == CHUNK_SIZE else b""
        last = not following
        yield aead.encrypt(_chunk_nonce(counter, last), chunk, None)
        if last:
            return
        chunk, counter = following, counter + 1


def _open(aead: ChaCha20Poly1305, counter: int, sealed: bytes) -> tuple[bytes, bool]:
    """Open one chunk, returning (plaintext, is_last). A full chunk may be either."""
    if len(sealed) == CHUNK_SIZE + TAG_SIZE:
        try:
            return aead.decrypt(_chunk_nonce(counter, False), sealed, None), False
        except InvalidTag:
            pass
    try:
        return aead.decrypt(_chunk_nonce(counter, True), sealed, None), True
    except InvalidTag:
        raise AuthenticationError("The payload was tampered with or truncated.") from None


def decrypt_chunks(aead: ChaCha20Poly1305, source: BinaryIO) -> Iterator[bytes]:
    """Yield authenticated plaintext chunks; raise AuthenticationError on tampering or truncation.

    Each yielded chunk is authentic, but the file is only whole once the generator finishes.
    """
    counter = 0
    while True:
        sealed = _read_exactly(source, CHUNK_SIZE + TAG_SIZE)
        chunk, last = _open(aead, counter, sealed)
        if last and counter and not chunk:
            raise AuthenticationError("The payload ends with an empty chunk after data.")
        yield chunk
        if last:
            if source.read(1):
                raise AuthenticationError("The payload has data after its last chunk.")
            return
        if len(sealed) < CHUNK_SIZE + TAG_SIZE:
            raise AuthenticationError("The payload is truncated (its last chunk is missing).")
        counter += 1
