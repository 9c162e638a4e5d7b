"""Padmé padding, so the size of a ciphertext says little about the size of its plaintext.

    padded = content || 0x80 || 0x00 ... 0x00,  len(padded) = padme(max(len(content) + 1, MINIMUM))

Padmé (Nikitin et al., PURBs, 2019) rounds a length up so that only its top
floor(log2(floor(log2 L))) + 1 bits may be non-zero: at most about 12 % overhead, and only
O(log log L) bits of the length leak. See docs/crypto.md.
"""

from kua.crypto.errors import MalformedError

MINIMUM = 1024  # every short report looks the same
_MARKER = 0x80


def padme(length: int) -> int:
    """The padded length Padmé assigns to `length`."""
    if length < 2:
        return length
    exponent = length.bit_length() - 1
    significant = exponent.bit_length()
    mask = (1 << (exponent - significant)) - 1
    return (length + mask) & ~mask


def padded_length(content_length: int) -> int:
    return padme(max(content_length + 1, MINIMUM))


def pad(content: bytes) -> bytes:
    """Append the marker and zeros up to the Padmé length."""
    return content + bytes([_MARKER]) + bytes(padded_length(len(content)) - len(content) - 1)


def unpad(padded: bytes) -> bytes:
    """Remove the padding; raise MalformedError if there is none."""
    content = padded.rstrip(b"\x00")
    if not content or content[-1] != _MARKER:
        raise MalformedError("The plaintext is not padded as Kua pads it.")
    return content[:-1]
