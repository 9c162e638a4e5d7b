"""`kua export open`: a bundle the review console exported, opened into a folder on a reviewer's machine."""

from pathlib import Path
from typing import Annotated

import typer

from kua.cli.common import clear_errors, existing_passphrase, fail
from kua.crypto.identity_file import read_identity_file
from kua.export.bundle import open_bundle
from kua.export.errors import ExportError
from kua.export.writer import write_export

export_app = typer.Typer(no_args_is_help=True, help="Export bundles from the review console (docs/review.md).")


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")


@export_app.command("open")
def open_(
    bundle: Annotated[Path, typer.Argument(help="The bundle the console saved (kua-export-....age).")],
    identity: Annotated[
        Path, typer.Option("-i", "--identity", help="Your identity file or the console's backup of it.")
    ],
    out: Annotated[Path, typer.Option("--out", help="The folder to write into (made if missing; must be empty).")],
    passphrase_file: Annotated[
        Path | None, typer.Option("--passphrase-file", help="Passphrase of a protected identity file.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Write into a folder that is not empty.")] = False,
) -> None:
    """Decrypt BUNDLE and write its reports (JSON and CSV tables), cases, notes, follow-ups, drafts and attachments."""
    with clear_errors():
        identities = read_identity_file(identity.read_bytes(), existing_passphrase(passphrase_file))
        try:
            with bundle.open("rb") as source, open_bundle(source, identities) as opened:
                summary = write_export(opened, out, force=force)
        except ExportError as error:
            fail(error.message)
    for problem in summary.problems:
        typer.echo(f"problem: {problem}", err=True)
    typer.echo(
        f"{summary.reports} reports ({summary.unreadable} unreadable), {summary.attachments} attachments, "
        f"{len(summary.problems)} problems; {summary.questions} questions, {summary.answers} answers, "
        f"{summary.drafts} drafts: written to {out}."
    )
