"""`kua serve`, `kua db ...` and `kua dev-setup`: running the server and preparing its database.

The web and database stacks are imported inside the commands, so `kua seal`, `kua open` and the key
commands start in a fraction of the time.
"""

import gc
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kua.cli.common import clear_errors, fail
from kua.cli.private import make_private

if TYPE_CHECKING:
    from kua.config import Settings
    from kua.db import migrate

db_app = typer.Typer(no_args_is_help=True, help="Migrate the database schema.")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("dev-setup")(dev_setup)
    app.add_typer(db_app, name="db")


GIL_SWITCH_SECONDS = 0.0005
# uvicorn's last guard: past this many open connections and tasks it answers a bare 503. Above the app's
# own cap on bodies in progress (KUA_MAX_BODY_REQUESTS, 512, a JSON 503) so that one speaks first. Each
# connection is a file descriptor: run with `ulimit -n` (systemd: LimitNOFILE) of at least 4096.
CONNECTION_LIMIT = 2048
# Connections the kernel holds before uvicorn accepts them (Linux caps it at net.core.somaxconn, 4096).
BACKLOG = 1024


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the API and the reporter app; refuses to start on an outdated database schema."""
    import uvicorn

    from kua.api import create_app
    from kua.api.log_config import log_config
    from kua.api.request_head import MAX_HEAD_BYTES, LimitedHeadProtocol

    settings = settings_or_exit()
    make_private(settings.data_dir, settings.database_url)
    _require_current_schema(settings)
    # The bind address is left out: logs of a Kua server must never hold an IP address.
    typer.echo(f"Kua ({settings.env}) is serving on port {port}.", err=True)
    # Upload writers, the push sender and database calls run in threads and give up the GIL at each
    # fsync or query; the busy event loop would keep them waiting for it up to 5 ms (Python's default)
    # each time. 0.5 ms: report ingest 0.58-0.60 of /healthz against 0.55-0.58 (docs/performance.md).
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    app = create_app(settings)
    # What start-up built (modules, routes, models) lives as long as the process: frozen, no garbage
    # collection walks it again. Each full collection took 70-90 ms under load before (docs/performance.md).
    gc.freeze()
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_config=log_config(settings.log_level),
        # No client address in a log, and none taken from proxy headers (the app also drops the peer's).
        access_log=False,
        proxy_headers=False,
        server_header=False,
        ws="none",
        # A request's head must arrive within 15 s and 16 KiB (slow-loris, huge headers: kua.api.request_head);
        # bodies keep a minimum rate (kua.intake.pace); an idle kept-alive connection closes after 5 s.
        # Each number is explained in docs/intake.md#bounded-connections.
        http=LimitedHeadProtocol,
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,  # the same head limit, should h11 ever be used
        timeout_keep_alive=5,
        limit_concurrency=CONNECTION_LIMIT,
        backlog=BACKLOG,
        timeout_graceful_shutdown=10,
    )


@db_app.command("upgrade")
def db_upgrade(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Migrate the database schema up to the newest revision (or to REVISION)."""
    from kua.db import migrate
    from kua.storage.factory import blob_store

    settings = settings_or_exit()
    make_private(settings.data_dir, settings.database_url)
    with _database_errors():
        migrate.upgrade(settings.database_url, settings.migrations_dir, revision, blobs=blob_store(settings))
    typer.echo(f"Database schema is at {_current(settings)}.")


@db_app.command("downgrade")
def db_downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision (`base` removes every table).")],
) -> None:
    """Migrate the database schema down to REVISION (may drop what later revisions added)."""
    from kua.db import migrate
    from kua.storage.factory import blob_store

    settings = settings_or_exit()
    with _database_errors():
        migrate.downgrade(settings.database_url, settings.migrations_dir, revision, blobs=blob_store(settings))
    typer.echo(f"Database schema is at {_current(settings)}.")


@db_app.command("current")
def db_current() -> None:
    """Print the revision the database schema is at, and the newest one."""
    status = _schema_status(settings_or_exit())
    typer.echo(f"current: {status.current or '(empty database)'}\nnewest:  {status.head}")


def dev_setup() -> None:
    """Create development keys, a signed recipient list and var/kua.dev.env (KUA_ENV=development only)."""
    from kua.dev_setup import WARNING, set_up_development

    refusal = "dev-setup runs only with KUA_ENV=development: its keys must never protect real reports."
    if os.environ.get("KUA_ENV") != "development":
        fail(refusal)
    settings = settings_or_exit()
    if settings.env != "development":
        fail(refusal)
    with clear_errors():
        outcomes = set_up_development(settings.data_dir, public_base_url=settings.public_base_url)
    for outcome in outcomes:
        typer.echo(f"{outcome.action:8} {outcome.what}: {_shown(outcome.path)}")
    env_file = settings.data_dir / "kua.dev.env"
    typer.echo(f"\n{WARNING}.\nStart the server with: KUA_ENV_FILE={_shown(env_file)} kua serve")


def settings_or_exit() -> "Settings":
    """The settings, or one line per problem and exit status 1."""
    from pydantic import ValidationError

    from kua.config import load_settings

    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")  # settings may warn while loading
    try:
        return load_settings()
    except ValidationError as error:
        problems = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in error.errors())
        fail(f"Invalid settings: {problems}")
    except ValueError as error:
        fail(str(error))


def _schema_status(settings: "Settings") -> "migrate.SchemaStatus":
    from kua.db import migrate
    from kua.db.engine import create_database_engine

    engine = create_database_engine(settings.database_url)
    try:
        with _database_errors():
            return migrate.schema_status(engine, settings.migrations_dir)
    finally:
        engine.dispose()


def _require_current_schema(settings: "Settings") -> None:
    status = _schema_status(settings)
    if not status.is_current:
        at = f"at revision {status.current}" if status.current else "empty"
        fail(f"The database schema is {at}, not at the newest ({status.head}): run `kua db upgrade` first.")


def _current(settings: "Settings") -> str:
    return _schema_status(settings).current or "base (no tables)"


@contextmanager
def _database_errors() -> Iterator[None]:
    """Database and migration failures as one line, without echoing the database URL."""
    from alembic.util import CommandError
    from sqlalchemy.exc import SQLAlchemyError

    from kua.db import migrate

    try:
        yield
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        fail(f"The database cannot be used: {reason}")
    except (migrate.MigrationsNotFoundError, CommandError) as error:
        fail(str(error))


def _shown(path: Path) -> str:
    """A path as short as possible: relative to the current directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
