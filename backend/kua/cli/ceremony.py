"""The key ceremony behind `kua recipients pending OUT`, `sign REQUEST --key` and `publish`.

The server writes a signing request; each root-key holder, on an offline laptop, checks it, reads
its fingerprints aloud and adds one signature to the same file; the server publishes it once the
threshold is met. Step by step: docs/operations.md, "Key ceremony".
"""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from kua.cli.ceremony_files import REQUEST_KIND, read_document, show_text, write_qr_codes, write_request
from kua.cli.common import clear_errors, existing_passphrase, fail
from kua.crypto.recipient_list import RecipientListError, list_payload
from kua.crypto.rootkeys import read_root_key_file
from kua.crypto.signing_request import (
    REQUEST_FORMAT,
    SigningRequest,
    SigningRequestError,
    add_signature,
    new_request,
    parse_request,
)

if TYPE_CHECKING:
    from kua.config import Settings
    from kua.review.keys import NextList


def write_pending_request(
    out: Path, plan: "NextList", settings: "Settings", *, valid_days: int, text: bool, qr: Path | None
) -> None:
    """Write the request of the next list (seq, reviewers, validity, the configured root keys)."""
    entries = plan.kept + plan.added
    if not entries:
        fail("No active reviewer has a recipient yet: there is nothing to sign.")
    if not settings.root_public_keys:
        fail("KUA_ROOT_PUBLIC_KEYS is not set: the request must name the root keys that sign it.")
    now = datetime.now(UTC).replace(microsecond=0)
    with clear_errors():
        try:
            payload = list_payload(entries, seq=plan.seq, not_before=now, not_after=now + timedelta(days=valid_days))
            request = new_request(payload, root_keys=settings.root_public_keys, threshold=settings.root_threshold)
        except (RecipientListError, SigningRequestError) as error:
            fail(str(error))
        write_request(out, request, armoured=False, replace=False)
        _share(request, text=text, qr=qr, stem=f"request-seq-{plan.seq}")
    for name, _recipient in plan.added:
        typer.echo(f"joining: {name}", err=True)
    for name, _recipient in plan.dropped:
        typer.echo(f"leaving (disabled): {name}", err=True)
    typer.echo(
        f"Wrote the signing request of list seq {plan.seq} ({len(entries)} reviewer(s), threshold "
        f"{request.threshold} of {len(request.root_keys)}): {out}",
        err=True,
    )
    typer.echo(f"fingerprint: {request.fingerprint}", err=True)


def sign_request(
    path: Path, key_path: Path, passphrase_file: Path | None, *, yes: bool, text: bool, qr: Path | None
) -> None:
    """Check the request, show what it holds, and add this root key's signature to the same file."""
    with clear_errors():
        raw, armoured = read_document(path)
        request = _parse(raw, path)
        key = read_root_key_file(key_path, existing_passphrase(passphrase_file))
        listed = request.recipient_list
        if datetime.now(UTC) >= listed.not_after:
            fail(f"The request's list expired on {listed.not_after:%Y-%m-%d}; ask the server for a new request.")
        _describe(request)
        typer.echo(f"signing with: {key.public_text}")
        try:
            signed = add_signature(request, key)
        except SigningRequestError as error:
            fail(str(error))
        if not yes and not typer.confirm("Do the fingerprints match what the others read aloud? Sign", default=False):
            fail("Not signed: nothing was written.")
        write_request(path, signed, armoured=armoured, replace=True)
        _share(signed, text=text, qr=qr, stem=f"request-seq-{listed.seq}-signed-{len(signed.signatures)}")
    missing = signed.threshold - len(signed.signatures)
    typer.echo(
        f"Signed: {len(signed.signatures)} of {signed.threshold} required signature(s); "
        + (
            f"{missing} more holder(s) must sign {path}."
            if missing > 0
            else f"publish it: kua recipients publish {path}"
        ),
        err=True,
    )


def signed_document(path: Path, threshold: int | None) -> bytes:
    """The signed list in `path`: a signed list as is, or a request turned into one (refused below
    `threshold` signatures, if given). Either may be armoured text."""
    raw, _armoured = read_document(path)
    if REQUEST_FORMAT.encode() not in raw:
        return raw
    request = _parse(raw, path)
    if threshold is not None and len(request.signatures) < threshold:
        fail(
            f"The request has {len(request.signatures)} of the {threshold} root signatures required: "
            "another holder must run `kua recipients sign` on it first."
        )
    return request.to_envelope()


def _parse(raw: bytes, path: Path) -> SigningRequest:
    try:
        return parse_request(raw)
    except SigningRequestError as error:
        fail(f"{path}: {error}")


def _share(request: SigningRequest, *, text: bool, qr: Path | None, stem: str) -> None:
    if text:
        show_text(request.to_json(), REQUEST_KIND)
    if qr is not None:
        for written in write_qr_codes(qr, request.to_json(), REQUEST_KIND, stem):
            typer.echo(f"QR code: {written}", err=True)


def _describe(request: SigningRequest) -> None:
    """What the holders compare aloud: the list's fingerprint, its reviewers' key ids, who signed."""
    listed = request.recipient_list
    typer.echo(
        f"recipient list seq {listed.seq}, valid {listed.not_before:%Y-%m-%d %H:%M} to "
        f"{listed.not_after:%Y-%m-%d %H:%M} UTC, {len(listed.reviewers)} reviewer(s):"
    )
    for reviewer in listed.reviewers:
        typer.echo(f"  {reviewer.key_id}  {reviewer.recipient[:12]}...{reviewer.recipient[-8:]}  {reviewer.name}")
    typer.echo(f"fingerprint: {request.fingerprint}")
    typer.echo(f"signed so far: {len(request.signatures)} of {request.threshold} required")
    for signer in request.signers:
        typer.echo(f"  by {signer}")
