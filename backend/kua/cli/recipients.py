"""`kua recipients ...`: sign and verify the recipient list (the ceremony runs offline), publish it, and
list the reviewers' recipients the next list needs."""

import shlex
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer

from kua.cli.common import clear_errors, existing_passphrase, fail
from kua.crypto.recipient_list import (
    EXPIRY_WARNING_DAYS,
    RecipientList,
    RecipientListError,
    days_left,
    read_verified_before,
    sign_recipient_list,
    verify_recipient_list,
)
from kua.crypto.rootkeys import RootKey, read_root_key_file

recipients_app = typer.Typer(
    no_args_is_help=True, help="Sign, verify and publish the reviewers' recipient list; see who is pending."
)

RootPub = Annotated[list[str], typer.Option("--root-pub", help="A pinned root public key (kuaroot1...).")]


def _load_root_keys(paths: list[Path], passphrase_files: list[Path]) -> list[RootKey]:
    if len(passphrase_files) not in (0, 1, len(paths)):
        fail("Give one --passphrase-file for all root keys, or one per --root-key, in the same order.")
    keys = []
    for index, path in enumerate(paths):
        passphrase_file = passphrase_files[min(index, len(passphrase_files) - 1)] if passphrase_files else None
        keys.append(read_root_key_file(path, existing_passphrase(passphrase_file)))
    return keys


def _parse_entry(text: str) -> tuple[str, str]:
    name, separator, recipient = text.rpartition("=")
    if not separator or not name.strip() or not recipient:
        fail(f"--recipient takes NAME=RECIPIENT, got {text[:40]!r}.")
    return name.strip(), recipient.strip()


@recipients_app.command("sign")
def sign(
    request_file: Annotated[
        Path | None,
        typer.Argument(
            metavar="REQUEST",
            help="A signing request from `kua recipients pending OUT`: this key's signature is added to it.",
        ),
    ] = None,
    key: Annotated[
        Path | None, typer.Option("--key", help="The root key file of the holder signing the request.")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Sign without asking (after the fingerprints are read).")] = False,
    text: Annotated[bool, typer.Option("--text", help="Also print the request as armoured text.")] = False,
    qr: Annotated[Path | None, typer.Option("--qr", help="Also write the request as SVG QR codes here.")] = None,
    root_key: Annotated[
        list[Path] | None, typer.Option("--root-key", help="One-shot signing: a root key file (repeatable).")
    ] = None,
    recipient: Annotated[
        list[str] | None, typer.Option("--recipient", help="One-shot signing: NAME=RECIPIENT (repeatable).")
    ] = None,
    seq: Annotated[int | None, typer.Option("--seq", min=1, help="One-shot signing: the sequence number.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="One-shot signing: where to write the signed list.")] = None,
    valid_days: Annotated[
        int,
        typer.Option(
            "--valid-days",
            min=1,
            help="One-shot signing: days the list stays valid (short on purpose: lists are re-signed routinely,"
            " so an old one a compromised server replays to a wiped phone expires soon).",
        ),
    ] = 30,
    passphrase_file: Annotated[
        list[Path] | None, typer.Option("--passphrase-file", help="Passphrase file(s) of the root keys.")
    ] = None,
) -> None:
    """Add one root key's signature to a signing request (offline; no database, no network), or sign a
    whole list at once with --root-key/--recipient/--seq/--out."""
    if request_file is not None:
        if key is None or root_key or recipient or seq is not None or out is not None:
            fail("Sign a request with exactly: kua recipients sign REQUEST --key ROOTKEY.")
        from kua.cli.ceremony import sign_request

        sign_request(request_file, key, passphrase_file[0] if passphrase_file else None, yes=yes, text=text, qr=qr)
        return
    if not root_key or not recipient or seq is None or out is None:
        fail(
            "Give a signing request (kua recipients sign REQUEST --key ROOTKEY), or --root-key, --recipient, --seq"
            " and --out."
        )
    with clear_errors():
        keys = _load_root_keys(root_key, passphrase_file or [])
        now = datetime.now(UTC).replace(microsecond=0)
        try:
            signed = sign_recipient_list(
                [_parse_entry(r) for r in recipient],
                seq=seq,
                not_before=now,
                not_after=now + timedelta(days=valid_days),
                root_keys=keys,
            )
        except RecipientListError as error:
            fail(str(error))
        if out.exists():
            fail(f"{out} exists already; choose a new file for each list.")
        out.write_bytes(signed)
    typer.echo(f"Signed recipient list seq {seq} with {len(keys)} root key(s): {out}")


@recipients_app.command("verify")
def verify(
    file: Annotated[Path, typer.Argument(help="The signed recipient list, or a signing request.")],
    root_pub: RootPub,
    threshold: Annotated[
        int | None, typer.Option("--threshold", min=1, help="Signatures required (default: all).")
    ] = None,
    min_seq: Annotated[int, typer.Option("--min-seq", help="Refuse lists older than this sequence number.")] = 0,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the signed list (for the app's deployment file) here.")
    ] = None,
    text: Annotated[bool, typer.Option("--text", help="Print the signed list as armoured text.")] = False,
) -> None:
    """Verify a signed recipient list (or a signed request) against pinned root public keys; print what it holds."""
    from kua.cli.ceremony import signed_document
    from kua.cli.ceremony_files import SIGNED_KIND, show_text

    with clear_errors():
        document = signed_document(file, None)
        try:
            verified = verify_recipient_list(
                document,
                root_public_keys=root_pub,
                threshold=threshold or len(set(root_pub)),
                min_seq=min_seq,
            )
        except RecipientListError as error:
            fail(f"{error.code}: {error}")
        except ValueError as error:
            fail(str(error))
        if out is not None:
            if out.exists():
                fail(f"{out} exists already; choose a new file for each list.")
            out.write_bytes(document)
    if text:
        show_text(document, SIGNED_KIND)
        return
    _describe(verified)


@recipients_app.command("publish")
def publish(
    file: Annotated[Path, typer.Argument(help="The signed list, or a signing request signed by enough holders.")],
) -> None:
    """Verify a signed list (or signed request, JSON or armoured text) against the configured root keys
    (KUA_ROOT_PUBLIC_KEYS, KUA_ROOT_THRESHOLD) and publish it."""
    from kua.cli.ceremony import signed_document
    from kua.cli.server import settings_or_exit
    from kua.clock import utc_now
    from kua.db.engine import create_database_engine
    from kua.intake import recipient_lists

    settings = settings_or_exit()
    with clear_errors():
        document = signed_document(file, settings.root_threshold)
    engine = create_database_engine(settings.database_url)
    with clear_errors():
        try:
            verified, new = recipient_lists.publish(engine=engine, settings=settings, document=document, now=utc_now())
        except RecipientListError as error:
            fail(f"{error.code}: {error}")
        finally:
            engine.dispose()
    typer.echo(
        "Published: phones fetch it from GET /api/v1/recipients."
        if new
        else "Already published (the same list); nothing changed."
    )
    _describe(verified)


@recipients_app.command("pending")
def pending(
    out: Annotated[
        Path | None, typer.Argument(help="Write the signing request of the next list here (for the ceremony).")
    ] = None,
    valid_days: Annotated[
        int, typer.Option("--valid-days", min=1, help="Days the next list stays valid, from now.")
    ] = 30,
    text: Annotated[bool, typer.Option("--text", help="Also print the request as armoured text.")] = False,
    qr: Annotated[Path | None, typer.Option("--qr", help="Also write the request as SVG QR codes here.")] = None,
) -> None:
    """Write the signing request of the next list to OUT (everyone listed now and the reviewers whose
    recipient no published list holds yet; disabled reviewers are left out). Without OUT, print the
    --recipient options of a one-shot `kua recipients sign`."""
    from sqlmodel import Session

    from kua.cli.database import database
    from kua.review import keys

    with database() as (settings, engine), Session(engine) as session:
        plan = keys.next_list(session)
    if out is not None:
        from kua.cli.ceremony import write_pending_request

        write_pending_request(out, plan, settings, valid_days=valid_days, text=text, qr=qr)
        return
    for name, recipient in plan.kept + plan.added:
        typer.echo(f"--recipient {shlex.quote(f'{name}={recipient}')}")
    for name, _recipient in plan.added:
        typer.echo(f"pending: {name}", err=True)
    for name, _recipient in plan.dropped:
        typer.echo(f"left out (disabled): {name}", err=True)
    if not plan.added and not plan.dropped:
        typer.echo("No reviewer is pending: the newest published list holds every active reviewer.", err=True)
        return
    typer.echo(
        f"Sign these with --seq {plan.seq} (offline, with the root keys), then `kua recipients publish`.", err=True
    )


@recipients_app.command("status")
def status(
    warn_days: Annotated[
        int, typer.Option("--warn-days", min=1, help="Warn and exit 1 when fewer days than this remain.")
    ] = EXPIRY_WARNING_DAYS,
) -> None:
    """The published list's sequence number, reviewers and days until it expires; exits 1 (with a
    warning on stderr) when it expires within --warn-days, 2 when none is published."""
    from kua.cli.database import database
    from kua.clock import utc_now
    from kua.intake import recipient_lists
    from kua.intake.errors import NoRecipientListError

    with database() as (_settings, engine):
        try:
            published = recipient_lists.newest(engine)
        except NoRecipientListError:
            typer.echo("kua: warning: no recipient list is published: phones cannot seal reports.", err=True)
            raise typer.Exit(code=2) from None
    listed = read_verified_before(published.document)
    days = days_left(listed, utc_now())
    _describe(listed)
    typer.echo(f"expires in {days} day(s)")
    if days < warn_days:
        typer.echo(
            f"kua: warning: the recipient list expires in {days} day(s); phones stop sealing reports then. "
            "Run the key ceremony (docs/operations.md) and publish the next list.",
            err=True,
        )
        raise typer.Exit(code=1)


def _describe(verified: RecipientList) -> None:
    typer.echo(
        f"valid: seq {verified.seq}, from {verified.not_before:%Y-%m-%d %H:%M} to "
        f"{verified.not_after:%Y-%m-%d %H:%M} UTC, {len(verified.reviewers)} reviewer(s)"
    )
    for reviewer in verified.reviewers:
        typer.echo(f"  {reviewer.key_id}  {reviewer.name}  {reviewer.recipient[:24]}...")


def register(app: typer.Typer) -> None:
    app.add_typer(recipients_app, name="recipients")
