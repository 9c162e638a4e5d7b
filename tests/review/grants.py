"""What a reviewer's browser does to grant a report, in Python (frontend/src/shared/crypto/grant.ts):
unwrap the file key with an identity, wrap it for the added recipients, encode a new header."""

import io

from kua.crypto.age import FILE_KEY_SIZE
from kua.crypto.age.header import encode_header, read_header
from kua.crypto.keys import parse_identity, parse_recipient


def grant_header(file: bytes, identity: str, recipients: list[str]) -> bytes:
    """A header holding only `recipients`' stanzas, with the file key of `file` (which `identity` opens)."""
    header = read_header(io.BytesIO(file))
    file_key = parse_identity(identity).unwrap(header.stanzas)
    assert file_key is not None and len(file_key) == FILE_KEY_SIZE, "the identity does not open the file"
    header.verify_mac(file_key)
    stanzas = [stanza for recipient in recipients for stanza in parse_recipient(recipient).wrap(file_key)]
    return encode_header(stanzas, file_key)
