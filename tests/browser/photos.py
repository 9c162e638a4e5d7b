"""Photos a phone's camera could take, made up for the tests: random pixels, so any leak is found by its bytes."""

import random
import struct
import zlib


def png(width: int, height: int, seed: int, text: dict[str, str] | None = None) -> bytes:
    """A real PNG of random pixels, stored without compression (its bytes are as random as its pixels).

    `text` becomes tEXt chunks: metadata a phone's camera would add (a place, a time).
    """
    rng = random.Random(seed)
    raw = b"".join(b"\x00" + rng.randbytes(width * 3) for _ in range(height))
    chunks = [(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))]
    chunks += [
        (b"tEXt", key.encode("latin-1") + b"\x00" + value.encode("latin-1")) for key, value in (text or {}).items()
    ]
    chunks += [(b"IDAT", zlib.compress(raw, 0)), (b"IEND", b"")]
    body = b"".join(
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data)) for kind, data in chunks
    )
    return b"\x89PNG\r\n\x1a\n" + body


def fingerprint(data: bytes) -> bytes:
    """48 bytes from the middle of a random-pixel photo: found anywhere, the photo leaked."""
    middle = len(data) // 2
    return data[middle : middle + 48]
