"""`kua reviewers ...`: invite reviewers to the console, list them, disable and enable them, change their
role, recover a lost account, and list or revoke pending invitations.

Every link goes to stdout alone on its line, built on KUA_PUBLIC_BASE_URL; advice and warnings go to
stderr, so that `kua reviewers invite ... | tail -1` is the link and nothing else."""

import shlex
from typing import Annotated

import typer

from kua.cli.common import fail
from kua.cli.database import database
from kua.review.roles import Role

reviewers_app = typer.Typer(
    no_args_is_help=True, help="Invite, list, disable and recover the reviewers of the console."
)


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
    typer.echo(invitation_link(settings.console_url, token))
    typer.echo("Send it privately: whoever opens it first becomes this reviewer.", err=True)


def invitation_link(console_url: str, token: str) -> str:
    return f"{console_url}/review#invite={token}"


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
    _print_table([("NAME", "ROLE", "STATE", "LAST LOGIN", "KEY"), *rows])


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


@reviewers_app.command("enable")
def enable(name: Annotated[str, typer.Argument(help="The disabled reviewer to enable again.")]) -> None:
    """Let NAME sign in again with its password and TOTP (or a recovery code)."""
    from kua import clock
    from kua.db.session import transaction
    from kua.review import account_admin

    with database() as (_settings, engine), transaction(engine) as session:
        reviewer = account_admin.enable(session, name=name, now=clock.utc_now())
    if reviewer is None:
        fail(f"No reviewer is called {name!r}.")
    typer.echo(f"{name} is active and may sign in.")
    typer.echo("Its key goes back into the next recipient list (`kua recipients pending`).", err=True)


@reviewers_app.command("role")
def role(
    name: Annotated[str, typer.Argument(help="The reviewer whose role changes.")],
    new_role: Annotated[Role, typer.Argument(metavar="ROLE", help="triager, or admin (may read the audit log).")],
) -> None:
    """Give NAME the role ROLE, from its next request on."""
    from kua import clock
    from kua.db.session import transaction
    from kua.review import account_admin

    with database() as (_settings, engine), transaction(engine) as session:
        outcome = account_admin.change_role(session, name=name, role=new_role, now=clock.utc_now())
    if outcome is None:
        fail(f"No reviewer is called {name!r}.")
    _reviewer, former = outcome
    if former == new_role:
        typer.echo(f"{name} is {new_role} already.")
    else:
        typer.echo(f"{name} was {former} and is now {new_role}.")


@reviewers_app.command("recover")
def recover(
    name: Annotated[str, typer.Argument(help="The reviewer who lost the password or the TOTP device.")],
) -> None:
    """Print a one-time link (valid 72 hours) with which NAME sets a new password and second factor.

    The account stays (role, key, past work); its sessions end now. Check who asks before sending it."""
    from kua import clock
    from kua.db.session import transaction
    from kua.review import account_admin, accounts

    with database() as (settings, engine), transaction(engine) as session:
        reviewer = accounts.by_name(session, name)
        if reviewer is None:
            fail(f"No reviewer is called {name!r}.")
        if reviewer.state != "active":
            fail(f"{name} is disabled: enable it first (`kua reviewers enable {shlex.quote(name)}`).")
        token, invitation, ended = account_admin.recover(session, reviewer=reviewer, now=clock.utc_now())
        expires_at = invitation.expires_at
    typer.echo(f"Recovery of {name}, valid until {expires_at:%Y-%m-%d %H:%M} UTC:")
    typer.echo(invitation_link(settings.console_url, token))
    typer.echo(f"{ended} session(s) ended. Send the link privately, after checking who asked:", err=True)
    typer.echo("whoever opens it first sets this reviewer's password and authenticator.", err=True)


@reviewers_app.command("invitations")
def invitations() -> None:
    """Print the invitations not yet used nor expired: name, role, kind (new or recovery), expiry (UTC)."""
    from sqlmodel import Session

    from kua import clock
    from kua.review import account_admin

    with database() as (_settings, engine), Session(engine) as session:
        rows = [
            (i.name, i.role, "recovery" if i.reviewer_id else "new", f"{i.expires_at:%Y-%m-%d %H:%M}")
            for i in account_admin.pending_invitations(session, now=clock.utc_now())
        ]
    if not rows:
        typer.echo("No invitation is pending.")
        return
    _print_table([("NAME", "ROLE", "KIND", "EXPIRES"), *rows])


@reviewers_app.command("revoke-invitation")
def revoke_invitation(name: Annotated[str, typer.Argument(help="The name the invitation was made for.")]) -> None:
    """Make NAME's pending invitation links stop working."""
    from kua import clock
    from kua.db.session import transaction
    from kua.review import account_admin

    with database() as (_settings, engine), transaction(engine) as session:
        revoked = account_admin.revoke_invitations(session, name=name, now=clock.utc_now())
    if revoked == 0:
        fail(f"No invitation for {name!r} is pending.")
    typer.echo(f"{revoked} invitation(s) for {name} revoked.")


def _print_table(table: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[column]) for row in table) for column in range(len(table[0]))]
    for row in table:
        typer.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
