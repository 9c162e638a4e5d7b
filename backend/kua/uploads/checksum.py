"""The checksum extension: `Upload-Checksum: <algorithm> <base64 digest>` over one PATCH's bytes."""

import base64
import binascii
import hashlib
import hmac
from dataclasses import dataclass

from kua.uploads.errors import InvalidUploadChecksumError, UnsupportedChecksumAlgorithmError

# sha1 only because tuspy sends it; sha256 is what Kua's own reporter app uses.
ALGORITHMS = {"sha256": 32, "sha1": 20}


@dataclass(frozen=True)
class Checksum:
    """A PATCH's declared digest."""

    algorithm: str
    digest: bytes

    def hasher(self) -> "hashlib._Hash":
        return hashlib.new(self.algorithm)

    def matches(self, computed: bytes) -> bool:
        return hmac.compare_digest(self.digest, computed)


def parse_checksum(header: str | None) -> Checksum | None:
    """The Upload-Checksum header, or None when the PATCH has none."""
    if header is None:
        return None
    algorithm, _, encoded = header.strip().partition(" ")
    algorithm = algorithm.lower()
    if algorithm not in ALGORITHMS:
        supported = ", ".join(ALGORITHMS)
        raise UnsupportedChecksumAlgorithmError(f"Upload-Checksum algorithm must be one of: {supported}.")
    try:
        digest = base64.b64decode(encoded.strip(), validate=True)
    except binascii.Error:
        raise InvalidUploadChecksumError() from None
    if len(digest) != ALGORITHMS[algorithm]:
        raise InvalidUploadChecksumError()
    return Checksum(algorithm, digest)
