"""Bech32 (BIP 173) without the 90-character limit, as age uses it for keys.

Post-quantum recipients are about 1,950 characters long, so the length limit of BIP 173 is not
applied; mixed case is still refused.
"""

from kua.crypto.errors import MalformedError

_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def _polymod(values: list[int]) -> int:
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ value
        for i, generator in enumerate(_GENERATOR):
            if (top >> i) & 1:
                checksum ^= generator
    return checksum


def _expand_hrp(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convert_bits(data: bytes | list[int], from_bits: int, to_bits: int, pad: bool) -> list[int]:
    accumulator, bits, out = 0, 0, []
    max_value = (1 << to_bits) - 1
    for value in data:
        accumulator = (accumulator << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((accumulator >> bits) & max_value)
    if pad:
        if bits:
            out.append((accumulator << (to_bits - bits)) & max_value)
    elif bits >= from_bits or (accumulator << (to_bits - bits)) & max_value:
        raise MalformedError("Bech32 data has invalid padding.")
    return out


def encode(hrp: str, data: bytes) -> str:
    """Encode bytes under a lower-case human-readable prefix."""
    words = _convert_bits(data, 8, 5, pad=True)
    checksum = _polymod([*_expand_hrp(hrp), *words, 0, 0, 0, 0, 0, 0]) ^ 1
    words += [(checksum >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[w] for w in words)


def decode(text: str) -> tuple[str, bytes]:
    """Decode a Bech32 string into (lower-case prefix, bytes); raise MalformedError if invalid."""
    if text.lower() != text and text.upper() != text:
        raise MalformedError("Bech32 string mixes upper and lower case.")
    text = text.lower()
    separator = text.rfind("1")
    if separator < 1 or separator + 7 > len(text) or any(not 33 <= ord(c) <= 126 for c in text):
        raise MalformedError("Not a Bech32 string.")
    hrp, rest = text[:separator], text[separator + 1 :]
    try:
        words = [_CHARSET.index(c) for c in rest]
    except ValueError:
        raise MalformedError("Bech32 string has a character outside its alphabet.") from None
    if _polymod(_expand_hrp(hrp) + words) != 1:
        raise MalformedError("Bech32 checksum does not match.")
    return hrp, bytes(_convert_bits(words[:-6], 5, 8, pad=False))
