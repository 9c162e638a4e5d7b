"""Evidence photos for the browser tests: a real JPEG with the EXIF a phone's camera writes, and the
phone's provenance signature (frontend/src/shared/report/provenance.ts) made in Python.

The JPEG's pixels come from Chromium's own encoder (random noise, so it does not compress below the
preview threshold); the EXIF segment is built here by hand: IFD0 with Make, Model, Orientation, the
Exif IFD with DateTimeOriginal, and a GPS IFD with a latitude the console must not print.
"""

import base64
import struct
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from playwright.sync_api import Page

MAKE, MODEL, TAKEN = "Xiaomi", "Redmi 9A", "2026:12:07 10:15:00"
TAKEN_SHOWN = "2026-12-07 10:15:00"
LATITUDE = (43, 12, 0)


def _exif_tiff() -> bytes:
    """A little-endian TIFF: IFD0 (5 entries), the Exif IFD (1), the GPS IFD (1), then their data."""

    def ifd_size(count: int) -> int:
        return 2 + count * 12 + 4

    ifd0 = 8
    exif_ifd = ifd0 + ifd_size(5)
    gps_ifd = exif_ifd + ifd_size(1)
    data_at = gps_ifd + ifd_size(1)
    data = b""

    def put(blob: bytes) -> int:
        nonlocal data
        offset = data_at + len(data)
        data += blob
        return offset

    def entry(tag: int, kind: int, count: int, value: int) -> bytes:
        packed = struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value)
        return struct.pack("<HHI", tag, kind, count) + packed

    make, model, taken = (f"{text}\0".encode("ascii") for text in (MAKE, MODEL, TAKEN))
    latitude = b"".join(struct.pack("<II", part, 1) for part in LATITUDE)
    ifd0_entries = [
        entry(0x010F, 2, len(make), put(make)),
        entry(0x0110, 2, len(model), put(model)),
        entry(0x0112, 3, 1, 1),
        entry(0x8769, 4, 1, exif_ifd),
        entry(0x8825, 4, 1, gps_ifd),
    ]
    exif_entry = entry(0x9003, 2, len(taken), put(taken))
    gps_entry = entry(0x0002, 5, 3, put(latitude))
    return (
        b"II*\0"
        + struct.pack("<I", ifd0)
        + struct.pack("<H", 5)
        + b"".join(ifd0_entries)
        + struct.pack("<I", 0)
        + struct.pack("<H", 1)
        + exif_entry
        + struct.pack("<I", 0)
        + struct.pack("<H", 1)
        + gps_entry
        + struct.pack("<I", 0)
        + data
    )


def with_exif(jpeg: bytes) -> bytes:
    """`jpeg` with an APP1 EXIF segment after its SOI and JFIF APP0, as a camera writes it."""
    assert jpeg[:2] == b"\xff\xd8", "not a JPEG"
    at = 2
    if jpeg[2:4] == b"\xff\xe0":
        at = 4 + struct.unpack(">H", jpeg[4:6])[0]
    payload = b"Exif\0\0" + _exif_tiff()
    return jpeg[:at] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + jpeg[at:]


def camera_jpeg(page: Page, width: int, height: int) -> bytes:
    """A JPEG of random pixels from Chromium's encoder, with a camera's EXIF added."""
    data_url: str = page.evaluate(
        """([width, height]) => {
            const canvas = document.createElement("canvas");
            canvas.width = width;
            canvas.height = height;
            const context = canvas.getContext("2d");
            const pixels = context.createImageData(width, height);
            for (let i = 0; i < pixels.data.length; i += 4) {
                pixels.data[i] = Math.random() * 256;
                pixels.data[i + 1] = Math.random() * 256;
                pixels.data[i + 2] = Math.random() * 256;
                pixels.data[i + 3] = 255;
            }
            context.putImageData(pixels, 0, 0);
            return canvas.toDataURL("image/jpeg", 0.92);
        }""",
        [width, height],
    )
    return with_exif(base64.b64decode(data_url.split(",", 1)[1]))


class PhoneKey:
    """A phone's Ed25519 device key, signing provenance facts as the app does."""

    def __init__(self) -> None:
        self._key = Ed25519PrivateKey.generate()
        raw = self._key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.device = {"algorithm": "Ed25519", "publicKey": base64.b64encode(raw).decode()}

    def sign(
        self, ref: dict[str, Any], sha256: str, signed_at: str = "2026-12-07T10:16:00.000+05:00"
    ) -> dict[str, str]:
        """The signature over `ref`'s attachment, times and `sha256` (the bytes the phone sealed)."""
        lines = [
            "kua.provenance/1",
            f"attachment {ref['attachmentId'].lower()}",
            "kind photo",
            f"sha256 {sha256}",
            f"captured {ref['capturedAt'] or '-'}",
            f"file {ref['fileTime'] or '-'}",
            f"signed {signed_at}",
        ]
        message = "".join(f"{line}\n" for line in lines).encode()
        return {"signedAt": signed_at, "value": base64.b64encode(self._key.sign(message)).decode()}
