"""The files of the key ceremony as they travel: JSON on a USB stick, armoured text on paper, QR codes.

Every reader accepts either form (armoured text is recognised by its BEGIN line); see
docs/operations.md, "Key ceremony", and docs/crypto.md, "Signing request" and "Armour".
"""

import os
from pathlib import Path

import typer

from kua.cli.common import fail
from kua.crypto.armour import ArmourError, armour, dearmour, is_armoured, qr_chunks
from kua.crypto.signing_request import SigningRequest

REQUEST_KIND = "RECIPIENT LIST REQUEST"
SIGNED_KIND = "RECIPIENT LIST"


def read_document(path: Path) -> tuple[bytes, bool]:
    """The JSON bytes of a request or signed list, and whether the file held armoured text."""
    raw = path.read_bytes()
    if not is_armoured(raw):
        return raw, False
    try:
        return dearmour(raw.decode("utf-8", errors="replace")), True
    except ArmourError as error:
        fail(f"{path}: {error}")


def write_request(path: Path, request: SigningRequest, *, armoured: bool, replace: bool) -> None:
    """Write the request as JSON (or armoured text); replace an existing file only atomically and on purpose."""
    content = armour(request.to_json(), REQUEST_KIND).encode("ascii") if armoured else request.to_json()
    if not replace:
        if path.exists():
            fail(f"{path} exists already; choose a new file for each request.")
        path.write_bytes(content)
        return
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(content)
    os.replace(partial, path)


def show_text(data: bytes, kind: str) -> None:
    """Print `data` as armoured text on stdout, to print on paper and type back on the other side."""
    typer.echo(armour(data, kind), nl=False)


def write_qr_codes(directory: Path, data: bytes, kind: str, stem: str) -> list[Path]:
    """Write the armoured text as SVG QR codes (12 lines each) into `directory`; return their paths."""
    import segno  # only the ceremony needs it

    directory.mkdir(parents=True, exist_ok=True)
    chunks = qr_chunks(armour(data, kind))
    paths = []
    for number, chunk in enumerate(chunks, 1):
        path = directory / f"{stem}-{number:02d}-of-{len(chunks):02d}.svg"
        segno.make(chunk, error="m", micro=False).save(str(path), scale=4, border=4)
        paths.append(path)
    return paths
