#!/usr/bin/env python3
"""Writes public/icon-192.png and public/icon-512.png: the neutral notepad of public/icon.svg.

Standard library only (zlib, struct): each shape is a rounded rectangle in the SVG's 64-unit
space, rendered with 4x4 supersampling. Run from frontend/: python3 scripts/make-icons.py
"""

import struct
import zlib
from pathlib import Path

# (x, y, width, height, radius, RGB) in drawing order, as in public/icon.svg.
SHAPES = [
    (0, 0, 64, 64, 12, (0x2F, 0x6F, 0x73)),
    (14, 11, 36, 42, 4, (0xFF, 0xFF, 0xFF)),
    (20, 21, 24, 3, 1.5, (0x7D, 0x89, 0x90)),
    (20, 29, 24, 3, 1.5, (0x7D, 0x89, 0x90)),
    (20, 37, 16, 3, 1.5, (0x7D, 0x89, 0x90)),
]
SAMPLES = 4


def inside(px: float, py: float, shape: tuple) -> bool:
    x, y, w, h, r, _ = shape
    if not (x <= px <= x + w and y <= py <= y + h):
        return False
    cx = min(max(px, x + r), x + w - r)
    cy = min(max(py, y + r), y + h - r)
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r


def render(size: int) -> bytes:
    scale = 64 / size
    rows = []
    for row in range(size):
        line = bytearray([0])  # filter type: none
        for col in range(size):
            red = green = blue = alpha = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    px = (col + (sx + 0.5) / SAMPLES) * scale
                    py = (row + (sy + 0.5) / SAMPLES) * scale
                    for shape in reversed(SHAPES):
                        if inside(px, py, shape):
                            r, g, b = shape[5]
                            red, green, blue, alpha = red + r, green + g, blue + b, alpha + 1
                            break
            n = SAMPLES * SAMPLES
            if alpha:
                line += bytes([red // alpha, green // alpha, blue // alpha, round(255 * alpha / n)])
            else:
                line += bytes(4)
        rows.append(bytes(line))
    return b"".join(rows)


def png(size: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    pixels = zlib.compress(render(size), 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


if __name__ == "__main__":
    public = Path(__file__).resolve().parent.parent / "public"
    for size in (192, 512):
        (public / f"icon-{size}.png").write_bytes(png(size))
        print(f"wrote public/icon-{size}.png")
