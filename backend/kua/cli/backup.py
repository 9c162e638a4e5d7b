"""`kua backup create` and `kua backup restore`: the database and the blob store in one sealed file.

Progress and the summary go to stdout, warnings to stderr (docs/operations.md#backups).
"""

import signal
from pathlib import Path
from typing import Annotated

import typer

from kua.cli.common import clear_errors, existing_passphrase, fail
from kua.cli.private import make_private

backup_app = typer.Typer(no_args_is_help=True, help="Back up a running instance, or restore a backup.")


def register(app: typer.Typer) -> None:
    app.add_typer(backup_app, name="backup")


def _stop_cleanly_on_sigterm() -> None:
    """`systemctl stop` sends SIGTERM: exit through the `finally` blocks, which remove the plaintext."""

    def stop(_signal: int, _frame: object) -> None:
        raise SystemExit(143)

    signal.signal(signal.SIGTERM, stop)


def _progress(line: str) -> None:
    typer.echo(line)


def _warn(line: str) -> None:
    typer.echo(f"kua: warning: {line}", err=True)


@backup_app.command("create")
def create(
    out: Annotated[Path, typer.Argument(help="The backup file to write (must not exist).")],
    recipient: Annotated[
        list[str] | None,
        typer.Option("-r", "--recipient", help="Also seal to this age recipient, e.g. an offline key (repeatable)."),
    ] = None,
) -> None:
    """Back up the database and every object, sealed to the reviewers of the published recipient list."""
    from kua.backup.create import create_backup
    from kua.backup.manifest import BackupError
    from kua.backup.recipients import backup_recipients
    from kua.cli.server import settings_or_exit
    from kua.storage.factory import blob_store

    settings = settings_or_exit()
    _stop_cleanly_on_sigterm()
    with clear_errors():
        try:
            sealed_to = backup_recipients(settings, recipient or [])
            for warning in sealed_to.warnings:
                _warn(warning)
            created = create_backup(
                settings=settings,
                store=blob_store(settings),
                recipients=sealed_to.recipients,
                out=out,
                progress=_progress,
                warn=_warn,
            )
        except BackupError as error:
            fail(str(error))
    manifest = created.manifest
    typer.echo(
        f"Backup written: {out} ({created.size} bytes): the {manifest.database_kind} database and "
        f"{len(manifest.blobs)} objects, sealed to {sealed_to.description}."
    )


@backup_app.command("restore")
def restore(
    source: Annotated[Path, typer.Argument(help="The backup file.")],
    identity: Annotated[Path, typer.Option("-i", "--identity", help="An identity file the backup is sealed to.")],
    passphrase_file: Annotated[
        Path | None, typer.Option("--passphrase-file", help="Passphrase of a protected identity file.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Restore over a database or blob store that is not empty.")
    ] = False,
) -> None:
    """Restore a backup into this instance's database and blob store (stop every `kua serve` first)."""
    from kua.backup.manifest import BackupError
    from kua.backup.restore import restore_backup
    from kua.cli.server import settings_or_exit
    from kua.crypto.identity_file import read_identity_file
    from kua.storage.factory import blob_store

    settings = settings_or_exit()
    make_private(settings.data_dir, settings.database_url)
    _stop_cleanly_on_sigterm()
    with clear_errors():
        identities = read_identity_file(identity.read_bytes(), existing_passphrase(passphrase_file))
        try:
            restored = restore_backup(
                settings=settings,
                store=blob_store(settings),
                source=source,
                identities=identities,
                force=force,
                progress=_progress,
            )
        except BackupError as error:
            fail(str(error))
    manifest = restored.manifest
    if restored.objects_left_in_place:
        _warn(f"{restored.objects_left_in_place} objects already in the store were not in the backup: left in place.")
    typer.echo(
        f"Restored the backup of {manifest.created_at}: the {manifest.database_kind} database and "
        f"{len(manifest.blobs)} objects. Next: `kua db upgrade`, then start the server."
    )
