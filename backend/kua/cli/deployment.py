"""`kua deployment write OUT`: the reporter app's deployment file, from the settings and the published list."""

import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from kua.cli.common import clear_errors, fail

deployment_app = typer.Typer(no_args_is_help=True, help="Write the deployment file the reporter app is built with.")


@deployment_app.command("write")
def write(
    out: Annotated[Path, typer.Argument(help="Where to write the deployment file (KUA_DEPLOYMENT_FILE of the build).")],
    app_name: Annotated[str, typer.Option("--app-name", help="The name on the home screen: a neutral one.")],
    short_name: Annotated[str, typer.Option("--short-name", help="A shorter name (default: --app-name).")] = "",
    theme_color: Annotated[str, typer.Option("--theme-color", help="The browser bar's colour, e.g. #ffffff.")] = "",
    quick_exit_url: Annotated[str, typer.Option("--quick-exit-url", help="Where the quick exit leads.")] = "",
    signed_list: Annotated[
        Path | None,
        typer.Option("--list", help="A signed list to carry instead of the published one (before publishing it)."),
    ] = None,
) -> None:
    """Write the deployment file: root keys and threshold from the settings, and the newest published
    signed recipient list (or --list), verified against them now."""
    from kua.cli.database import database
    from kua.clock import utc_now
    from kua.crypto.recipient_list import RecipientListError
    from kua.intake import recipient_lists
    from kua.intake.deployment_file import AppIdentity, deployment_file
    from kua.intake.errors import NoRecipientListError

    app = AppIdentity(app_name, short_name, theme_color, quick_exit_url)
    with clear_errors(), database() as (settings, engine):
        try:
            document = signed_list.read_bytes() if signed_list else recipient_lists.newest(engine).document
        except NoRecipientListError:
            fail("No recipient list is published: `kua recipients publish FILE` first, or give --list FILE.")
        try:
            content, verified = deployment_file(settings=settings, signed_list=document, app=app, now=utc_now())
        except RecipientListError as error:
            fail(f"{error.code}: {error} Phones would refuse the list; sign a new one.")
        except ValueError as error:
            fail(str(error))
    _write_whole(out, content)
    typer.echo(f"Wrote {out}: recipient list seq {verified.seq}, valid until {verified.not_after:%Y-%m-%d %H:%M} UTC.")
    typer.echo(f"Build the app with it: cd frontend && KUA_DEPLOYMENT_FILE={out.resolve()} npm run build")


def _write_whole(path: Path, content: bytes) -> None:
    """Replace `path` at once (a crash leaves the old file or the new one), readable by the build (0644)."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.chmod(temporary, 0o644)  # nothing secret: keys and list are public, and the build may run as another user
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def register(app: typer.Typer) -> None:
    app.add_typer(deployment_app, name="deployment")
