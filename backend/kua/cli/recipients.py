"""`kua recipients ...`: sign and verify the recipient list (the ceremony runs offline), publish it, and
list the reviewers' recipients the next list needs."""

import shlex
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer

from kua.cli.common import clear_errors, existing_passphrase, fail
from kua.crypto.recipient_list import RecipientList, RecipientListError, sign_recipient_list, verify_recipient_list
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
    root_key: Annotated[list[Path], typer.Option("--root-key", help="A root key file that signs (repeatable).")],
    recipient: Annotated[list[str], typer.Option("--recipient", help="NAME=RECIPIENT of a reviewer (repeatable).")],
    seq: Annotated[int, typer.Option("--seq", min=1, help="Sequence number: higher than every earlier list.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the signed list.")],
    valid_days: Annotated[
        int,
        typer.Option(
            "--valid-days",
            min=1,
            help="Days the list stays valid (short on purpose: lists are re-signed routinely, so an old one"
            " a compromised server replays to a wiped phone expires soon).",
        ),
    ] = 30,
    passphrase_file: Annotated[
        list[Path] | None, typer.Option("--passphrase-file", help="Passphrase file(s) of the root keys.")
    ] = None,
) -> None:
    """Sign a new recipient list with one or more root keys."""
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
    file: Annotated[Path, typer.Argument(help="The signed recipient list.")],
    root_pub: RootPub,
    threshold: Annotated[
        int | None, typer.Option("--threshold", min=1, help="Signatures required (default: all).")
    ] = None,
    min_seq: Annotated[int, typer.Option("--min-seq", help="Refuse lists older than this sequence number.")] = 0,
) -> None:
    """Verify a signed recipient list against pinned root public keys; print what it holds."""
    with clear_errors():
        try:
            verified = verify_recipient_list(
                file.read_bytes(),
                root_public_keys=root_pub,
                threshold=threshold or len(set(root_pub)),
                min_seq=min_seq,
            )
        except RecipientListError as error:
            fail(f"{error.code}: {error}")
        except ValueError as error:
            fail(str(error))
    _describe(verified)


@recipients_app.command("publish")
def publish(file: Annotated[Path, typer.Argument(help="The signed recipient list to publish.")]) -> None:
    """Verify a signed list against the configured root keys (KUA_ROOT_PUBLIC_KEYS) and publish it."""
    from kua.cli.server import settings_or_exit
    from kua.clock import utc_now
    from kua.db.engine import create_database_engine
    from kua.intake import recipient_lists

    settings = settings_or_exit()
    engine = create_database_engine(settings.database_url)
    with clear_errors():
        try:
            verified, new = recipient_lists.publish(
                engine=engine, settings=settings, document=file.read_bytes(), now=utc_now()
            )
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
def pending() -> None:
    """Print the --recipient options of the next `kua recipients sign`: everyone listed now and the
    reviewers whose recipient no published list holds yet (disabled reviewers are left out)."""
    from sqlmodel import Session

    from kua.cli.database import database
    from kua.review import keys

    with database() as (_settings, engine), Session(engine) as session:
        plan = keys.next_list(session)
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


def _describe(verified: RecipientList) -> None:
    typer.echo(
        f"valid: seq {verified.seq}, from {verified.not_before:%Y-%m-%d %H:%M} to "
        f"{verified.not_after:%Y-%m-%d %H:%M} UTC, {len(verified.reviewers)} reviewer(s)"
    )
    for reviewer in verified.reviewers:
        typer.echo(f"  {reviewer.key_id}  {reviewer.name}  {reviewer.recipient[:24]}...")


def register(app: typer.Typer) -> None:
    app.add_typer(recipients_app, name="recipients")
