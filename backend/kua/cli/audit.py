"""`kua audit verify`: recompute the hash chain of the reviewers' audit log."""

import typer

from kua.cli.common import fail
from kua.cli.database import database

audit_app = typer.Typer(no_args_is_help=True, help="The reviewers' audit log.")


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def verify() -> None:
    """Exit 0 with the count and the last hash if every entry chains; exit 1 naming the first broken entry."""
    from sqlmodel import Session

    from kua.review import audit

    with database() as (_settings, engine), Session(engine) as session:
        result = audit.verify(session)
    if not result.intact:
        fail(f"The audit log is broken at seq {result.broken_seq}: {result.reason}.")
    if result.last_hash is None:
        typer.echo("The audit log is empty.")
        return
    typer.echo(f"The audit log holds: {result.count} entries, last hash {result.last_hash}.")
