"""`kua keys ...`: create root keys and reviewer identities."""

from pathlib import Path
from typing import Annotated

import typer

from kua.cli.common import clear_errors, new_passphrase
from kua.crypto.identity_file import write_identity_file
from kua.crypto.keys import IdentityKind, generate_identity, identity_to_recipient
from kua.crypto.rootkeys import RootKey, write_root_key_file

keys_app = typer.Typer(no_args_is_help=True, help="Create root keys and reviewer identities.")

Out = Annotated[Path, typer.Option("--out", help="File to create (never overwritten).")]
PassphraseFile = Annotated[
    Path | None, typer.Option("--passphrase-file", help="Read the passphrase from the first line of this file.")
]
NoPassphrase = Annotated[
    bool, typer.Option("--no-passphrase", help="Write the key unprotected (only for keys kept in a vault).")
]


@keys_app.command("root-new")
def root_new(out: Out, passphrase_file: PassphraseFile = None, no_passphrase: NoPassphrase = False) -> None:
    """Create an Ed25519 coalition root key (passphrase-protected); print its public key."""
    with clear_errors():
        passphrase = None if no_passphrase else new_passphrase(passphrase_file)
        key = RootKey.generate()
        write_root_key_file(out, key, passphrase, comment="Kua coalition root key: keep it offline.")
    typer.echo(key.public_text)


@keys_app.command("reviewer-new")
def reviewer_new(
    out: Out,
    key_type: Annotated[IdentityKind, typer.Option("--type", help="pq (post-quantum hybrid) or x25519.")] = "pq",
    passphrase_file: PassphraseFile = None,
    no_passphrase: NoPassphrase = False,
) -> None:
    """Create a reviewer's age identity (passphrase-protected); print its recipient."""
    with clear_errors():
        passphrase = None if no_passphrase else new_passphrase(passphrase_file)
        identity = generate_identity(key_type)
        write_identity_file(out, identity, passphrase, comment="Kua reviewer identity: it opens reports.")
    typer.echo(identity_to_recipient(identity))


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")
