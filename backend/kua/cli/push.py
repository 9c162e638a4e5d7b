"""`kua push keys`: the server's VAPID key for Web Push (docs/push.md)."""

from typing import Annotated

import typer

from kua.cli.common import clear_errors, fail
from kua.cli.server import settings_or_exit

push_app = typer.Typer(no_args_is_help=True, help="Web Push: the server's VAPID key.")


def register(app: typer.Typer) -> None:
    app.add_typer(push_app, name="push")


@push_app.command("keys")
def keys(
    rotate: Annotated[
        bool, typer.Option("--rotate", help="Replace the key; every push subscription is deleted and must be renewed.")
    ] = False,
) -> None:
    """Create the VAPID key if there is none (`kua serve` also does) and print its public key."""
    from kua.push import vapid

    settings = settings_or_exit()
    with clear_errors():
        existing = vapid.load(settings.push_dir)
        if existing is None:
            key = vapid.write(settings.push_dir, vapid.VapidKey.generate(), replace=False)
        elif not rotate:
            fail(
                f"A VAPID key exists already ({vapid.key_path(settings.push_dir)}): it is kept. "
                "--rotate replaces it, and every reviewer and phone must then subscribe again."
            )
        else:
            forgotten = _forget_subscriptions()
            key = vapid.write(settings.push_dir, vapid.VapidKey.generate(), replace=True)
            typer.echo(
                f"Warning: a new VAPID key. {forgotten} push subscriptions were deleted: every reviewer's console "
                "and every phone must subscribe again. Restart the server to use the new key.",
                err=True,
            )
    typer.echo(key.public_key)


def _forget_subscriptions() -> int:
    from kua.cli.database import database
    from kua.db.session import transaction
    from kua.push import subscriptions

    with database() as (_settings, engine), transaction(engine) as session:
        return subscriptions.forget_all(session)
