"""`kua reviewers ...`: invite reviewers to the console, list them, disable them."""

from typing import Annotated

import typer

from kua.cli.common import fail
from kua.cli.database import database
from kua.review.roles import Role

reviewers_app = typer.Typer(no_args_is_help=True, help="Invite, list and disable the reviewers of the console.")


def register(app: typer.Typer) -> None:
    app.add_typer(reviewers_app, name="reviewers")


@reviewers_app.command("invite")
def invite(
    name: Annotated[str, typer.Argument(help="The reviewer's name, as the coalition knows them.")],
    role: Annotated[Role, typer.Option("--role", help="triager, or admin (may read the audit log).")],
) -> None:
    """Print a one-time link (valid 72 hours) with which NAME sets a password and a second factor."""
    from kua import clock
    from kua.db.session import transaction
    from kua.errors import KuaError
    from kua.review import accounts

    with database() as (settings, engine):
        try:
            with transaction(engine) as session:
                token, invitation = accounts.invite(session, name=name, role=role, now=clock.utc_now())
                invited, expires_at = invitation.name, invitation.expires_at
        except KuaError as error:
            fail(error.message)
    typer.echo(f"Invitation for {invited} ({role}), valid until {expires_at:%Y-%m-%d %H:%M} UTC:")
    typer.echo(f"{settings.public_base_url}/review#invite={token}")
    typer.echo("Send it privately: whoever opens it first becomes this reviewer.", err=True)


@reviewers_app.command("list")
def list_() -> None:
    """Print each reviewer: name, role, state, last login (UTC) and key state (none, pending, listed)."""
    from sqlmodel import Session, col, select

    from kua.db.models import Reviewer
    from kua.review import keys

    with database() as (_settings, engine), Session(engine) as session:
        listed = keys.listed_recipients(session)
        reviewers = session.exec(select(Reviewer).order_by(col(Reviewer.name))).all()
        rows = [
            (
                r.name,
                r.role,
                r.state,
                f"{r.last_login_at:%Y-%m-%d %H:%M}" if r.last_login_at else "never",
                keys.recipient_state(r.recipient, listed),
            )
            for r in reviewers
        ]
    if not rows:
        typer.echo("No reviewers yet: invite one with `kua reviewers invite NAME --role admin`.")
        return
    table = [("NAME", "ROLE", "STATE", "LAST LOGIN", "KEY"), *rows]
    widths = [max(len(row[column]) for row in table) for column in range(len(table[0]))]
    for row in table:
        typer.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


@reviewers_app.command("disable")
def disable(name: Annotated[str, typer.Argument(help="The reviewer to disable.")]) -> None:
    """Disable NAME: its sessions end at once and it can no longer sign in."""
    from kua import clock
    from kua.db.session import transaction
    from kua.review import accounts

    with database() as (_settings, engine), transaction(engine) as session:
        outcome = accounts.disable(session, name=name, now=clock.utc_now())
    if outcome is None:
        fail(f"No reviewer is called {name!r}.")
    _reviewer, ended = outcome
    typer.echo(f"{name} is disabled; {ended} session(s) ended.")
    typer.echo("Leave its recipient out of the next recipient list (`kua recipients pending` does).", err=True)
