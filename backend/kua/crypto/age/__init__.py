"""Reading and writing age v1 files (https://c2sp.org/age), streaming in 64 KiB chunks."""

import io
import os
from collections.abc import Iterator, Sequence
from typing import BinaryIO, Protocol

from kua.crypto.age import stream
from kua.crypto.age.header import Stanza, encode_header, read_header
from kua.crypto.errors import MalformedError, NoIdentityMatchError

FILE_KEY_SIZE = 16


class Recipient(Protocol):
    """Something a file key can be wrapped to (a public key or a passphrase)."""

    kind: str

    def wrap(self, file_key: bytes) -> list[Stanza]: ...


class Identity(Protocol):
    """Something that may unwrap a file key: returns None when no stanza is for it."""

    kind: str

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None: ...


def encrypt(source: BinaryIO, destination: BinaryIO, recipients: Sequence[Recipient]) -> None:
    """Encrypt everything `source` holds to every recipient, writing an age file to `destination`."""
    kinds = {r.kind for r in recipients}
    if not recipients:
        raise ValueError("At least one recipient is needed.")
    if "scrypt" in kinds and len(recipients) > 1:
        raise ValueError("A passphrase cannot be combined with other recipients.")
    if kinds == {"x25519", "pq"}:
        raise ValueError("Mixing classic and post-quantum recipients would lose the post-quantum protection.")
    file_key = os.urandom(FILE_KEY_SIZE)
    stanzas = [stanza for r in recipients for stanza in r.wrap(file_key)]
    destination.write(encode_header(stanzas, file_key))
    nonce = os.urandom(stream.NONCE_SIZE)
    destination.write(nonce)
    for sealed in stream.encrypt_chunks(stream.payload_key(file_key, nonce), source):
        destination.write(sealed)


def decrypt_chunks(source: BinaryIO, identities: Sequence[Identity]) -> Iterator[bytes]:
    """Yield authenticated plaintext chunks; the file is whole only if the iterator completes.

    The header (and its MAC) is checked before the first chunk is yielded.
    """
    header = read_header(source)
    file_key = _unwrap(header.stanzas, identities)
    if len(file_key) != FILE_KEY_SIZE:
        raise MalformedError("The file key has the wrong length.")
    header.verify_mac(file_key)
    nonce = source.read(stream.NONCE_SIZE)
    if len(nonce) != stream.NONCE_SIZE:
        raise MalformedError("The age file ends before its payload nonce.")
    yield from stream.decrypt_chunks(stream.payload_key(file_key, nonce), source)


def _unwrap(stanzas: Sequence[Stanza], identities: Sequence[Identity]) -> bytes:
    for identity in identities:
        file_key = identity.unwrap(stanzas)
        if file_key is not None:
            return file_key
    raise NoIdentityMatchError("None of the given identities or passphrases opens this file.")


def decrypt(source: BinaryIO, destination: BinaryIO, identities: Sequence[Identity]) -> None:
    """Decrypt an age file into `destination` (which holds partial plaintext if this raises)."""
    for chunk in decrypt_chunks(source, identities):
        destination.write(chunk)


def encrypt_bytes(plaintext: bytes, recipients: Sequence[Recipient]) -> bytes:
    """Encrypt a small plaintext held in memory."""
    out = io.BytesIO()
    encrypt(io.BytesIO(plaintext), out, recipients)
    return out.getvalue()


def decrypt_bytes(ciphertext: bytes, identities: Sequence[Identity]) -> bytes:
    """Decrypt a small age file held in memory; all or nothing."""
    return b"".join(decrypt_chunks(io.BytesIO(ciphertext), identities))
