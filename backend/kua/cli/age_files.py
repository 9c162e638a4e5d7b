"""`kua seal` and `kua open`: age files on stdin and stdout, for scripts and reviewers."""

import io
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from kua.cli.common import clear_errors, existing_passphrase, fail
from kua.crypto import age
from kua.crypto.age import Identity, Recipient, armor
from kua.crypto.age.header import with_header
from kua.crypto.errors import CryptoError, NoIdentityMatchError
from kua.crypto.identity_file import read_identity_file
from kua.crypto.keys import parse_identity, parse_recipient
from kua.crypto.padding import pad, unpad
from kua.crypto.recipient_list import RecipientListError, verify_recipient_list


def seal(
    recipient: Annotated[
        list[str] | None, typer.Option("-r", "--recipient", help="An age recipient (repeatable).")
    ] = None,
    recipient_list: Annotated[
        Path | None, typer.Option("-R", "--recipient-list", help="A signed recipient list: seal to all of it.")
    ] = None,
    root_pub: Annotated[
        list[str] | None, typer.Option("--root-pub", help="Root public key to verify -R with (repeatable).")
    ] = None,
    threshold: Annotated[int | None, typer.Option("--threshold", min=1, help="Signatures -R needs.")] = None,
    padded: Annotated[bool, typer.Option("--pad", help="Pad the plaintext first (as reports are).")] = False,
    armored: Annotated[bool, typer.Option("-a", "--armor", help="Write ASCII armor (PEM) instead of binary.")] = False,
) -> None:
    """Encrypt stdin to age recipients and write the age file to stdout."""
    with clear_errors():
        recipients: list[Recipient] = [parse_recipient(r) for r in recipient or []]
        if recipient_list is not None:
            if not root_pub:
                fail("-R needs the pinned root public keys (--root-pub) to verify the list.")
            try:
                verified = verify_recipient_list(
                    recipient_list.read_bytes(), root_public_keys=root_pub, threshold=threshold or len(set(root_pub))
                )
            except RecipientListError as error:
                fail(f"{error.code}: {error}")
            recipients += [parse_recipient(r) for r in verified.recipients]
        if not recipients:
            fail("Give at least one recipient (-r) or a recipient list (-R).")
        source: BinaryIO = io.BytesIO(pad(sys.stdin.buffer.read())) if padded else sys.stdin.buffer
        destination: BinaryIO = io.BytesIO() if armored else sys.stdout.buffer
        try:
            age.encrypt(source, destination, recipients)
        except ValueError as error:
            fail(str(error))
        if isinstance(destination, io.BytesIO):
            sys.stdout.buffer.write(armor.encode(destination.getvalue()))


def open_(
    identity: Annotated[Path, typer.Option("-i", "--identity", help="An identity file (repeatable).")],
    passphrase_file: Annotated[
        Path | None, typer.Option("--passphrase-file", help="Passphrase of a protected identity file.")
    ] = None,
    unpadded: Annotated[bool, typer.Option("--unpad", help="Remove Kua padding after decrypting.")] = False,
    grant_header: Annotated[
        list[Path] | None,
        typer.Option(
            "-g",
            "--grant-header",
            help="A grant's age header (repeatable): tried with the file's payload if its own header does not open.",
        ),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="The attachment's report (age file or JSON): the attachment identity it carries is tried too.",
        ),
    ] = None,
) -> None:
    """Decrypt an age file on stdin; write the plaintext to stdout only once all of it is authentic."""
    with clear_errors():
        identities = read_identity_file(identity.read_bytes(), existing_passphrase(passphrase_file))
        if report is not None:
            identities += _report_identities(report.read_bytes(), identities)
        source: BinaryIO = sys.stdin.buffer
        if armor.is_armored(source.peek(64)[:64] if isinstance(source, io.BufferedReader) else b""):
            source = io.BytesIO(armor.decode(source.read()))
        grants = [path.read_bytes() for path in grant_header or []]
        with tempfile.TemporaryFile() as plaintext:
            _decrypt(source, plaintext, identities, grants)
            plaintext.seek(0)
            if unpadded:
                sys.stdout.buffer.write(unpad(plaintext.read()))
            else:
                shutil.copyfileobj(plaintext, sys.stdout.buffer)
        sys.stdout.buffer.flush()


def _decrypt(source: BinaryIO, plaintext: BinaryIO, identities: list[Identity], grants: list[bytes]) -> None:
    """Decrypt with the file's own header, else with each grant header before its payload (docs/crypto.md)."""
    if not grants:
        age.decrypt(source, plaintext, identities)
        return
    file = source.read()
    for header in [None, *grants]:
        plaintext.seek(0)
        plaintext.truncate()
        try:
            age.decrypt(io.BytesIO(file if header is None else with_header(header, file)), plaintext, identities)
            return
        except NoIdentityMatchError:
            continue
    raise NoIdentityMatchError("None of the given identities opens this file or any of its grant headers.")


def _report_identities(report: bytes, identities: list[Identity]) -> list[Identity]:
    """The attachment identity a report carries (docs/crypto.md, "One recipient per report"), if any.

    `report` is the report's age file, opened with `identities`, or its plaintext JSON (what a reviewer
    who opened it with a grant header saved). A report without one names attachments sealed to the list.
    """
    if report.startswith(b"age-encryption.org/v1") or armor.is_armored(report[:64]):
        sealed = armor.decode(report) if armor.is_armored(report[:64]) else report
        try:
            report = unpad(age.decrypt_bytes(sealed, identities))
        except NoIdentityMatchError:
            fail("None of the given identities opens the report given with --report.")
    try:
        parsed = json.loads(report.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        fail("The --report file is neither an age file nor a report's JSON.")
    found = parsed.get("attachmentIdentity") if isinstance(parsed, dict) else None
    if found is None:
        return []
    if not isinstance(found, str):
        fail("The report's attachmentIdentity is not an age identity.")
    try:
        return [parse_identity(found)]
    except (CryptoError, ValueError):
        fail("The report's attachmentIdentity is not an age identity.")


def register(app: typer.Typer) -> None:
    app.command("seal")(seal)
    app.command("open")(open_)
