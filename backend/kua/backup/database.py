"""Copying the database out of a running instance, and into an empty one.

SQLite: the online backup API (`sqlite3.Connection.backup`), a consistent copy while the server
writes. PostgreSQL: `pg_dump --format=custom` (one repeatable-read snapshot) and `pg_restore` into an
empty database, both given the connection through libpq's PG* variables, never on a command line.
"""

import os
import shutil
import sqlite3
import subprocess  # (pg_dump and pg_restore only, fixed arguments, no shell)  # nosec B404
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

from kua.backup.manifest import BackupError, DatabaseKind
from kua.db.engine import create_database_engine

SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
# libpq settings a URL may carry as query parameters (`?sslmode=require`, `?host=/run/postgresql`).
LIBPQ_QUERY = {"host": "PGHOST", "port": "PGPORT", "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT"}


def kind_of(database_url: str) -> DatabaseKind:
    backend = make_url(database_url).get_backend_name()
    if backend == "sqlite":
        return "sqlite"
    if backend == "postgresql":
        return "postgresql"
    raise BackupError(f"Kua cannot back up a {backend} database.")


def schema_revision(database_url: str) -> str | None:
    """The migration the database is at (None for an empty database)."""
    engine = create_database_engine(database_url)
    try:
        with engine.connect() as connection:
            if "alembic_version" not in _tables(engine):
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError as error:
        raise BackupError(f"The database cannot be read: {_first_line(error)}") from None
    finally:
        engine.dispose()


def named_blob_keys(database_url: str) -> set[str]:
    """Every object key the live database names: large reports and completed attachments."""
    query = (
        "SELECT blob_key FROM report WHERE blob_key IS NOT NULL"
        " UNION SELECT blob_key FROM upload WHERE blob_key IS NOT NULL"
    )
    engine = create_database_engine(database_url)
    try:
        with engine.connect() as connection:
            return set(connection.execute(text(query)).scalars())
    except SQLAlchemyError as error:
        raise BackupError(f"The database cannot be read: {_first_line(error)}") from None
    finally:
        engine.dispose()


def snapshot(database_url: str, destination: Path) -> None:
    """Write a consistent copy of the live database to `destination`."""
    if kind_of(database_url) == "sqlite":
        source_path = _sqlite_path(database_url)
        if not source_path.is_file():
            raise BackupError(f"There is no database at {source_path}.")
        source = sqlite3.connect(source_path)
        target = sqlite3.connect(destination)
        try:
            source.backup(target)
        except sqlite3.Error as error:
            raise BackupError(f"The SQLite database cannot be copied: {error}") from None
        finally:
            target.close()
            source.close()
        return
    _run(["pg_dump", "--format=custom", "--no-password", f"--file={destination}"], database_url, "pg_dump")


def is_empty(database_url: str) -> bool:
    """True if the database holds no table (a SQLite file that does not exist is empty)."""
    if kind_of(database_url) == "sqlite" and not _sqlite_path(database_url).exists():
        return True
    engine = create_database_engine(database_url)
    try:
        return not _tables(engine)
    except SQLAlchemyError as error:
        raise BackupError(f"The target database cannot be read: {_first_line(error)}") from None
    finally:
        engine.dispose()


def restore(database_url: str, source: Path, *, replace: bool) -> None:
    """Put the copy at `source` into the configured database (`replace`: over what it holds)."""
    if kind_of(database_url) == "sqlite":
        target = _sqlite_path(database_url)
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.with_name(f".{target.name}.restoring")
        shutil.copyfile(source, staged)
        with open(staged, "rb+") as handle:
            os.fsync(handle.fileno())
        # A write-ahead log left beside the old file would be replayed into the new one.
        for suffix in SQLITE_COMPANIONS:
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        os.replace(staged, target)
        return
    command = ["pg_restore", "--no-password", "--no-owner", "--no-privileges", "--exit-on-error"]
    command += ["--single-transaction", *(["--clean", "--if-exists"] if replace else [])]
    database = make_url(database_url).database or ""
    _run([*command, f"--dbname={database}", str(source)], database_url, "pg_restore")


def _tables(engine: Engine) -> list[str]:
    from sqlalchemy import inspect

    return list(inspect(engine).get_table_names())


def _sqlite_path(database_url: str) -> Path:
    database = make_url(database_url).database
    if not database or database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(database)


def _run(command: list[str], database_url: str, what: str) -> None:
    """Run pg_dump or pg_restore with the URL's connection in its environment; BackupError if it fails."""
    if shutil.which(command[0]) is None:
        raise BackupError(f"{what} is not installed (Debian: apt install postgresql-client).")
    environment = {**os.environ, **_libpq_environment(make_url(database_url))}
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or [f"exit status {result.returncode}"])[-1]
        raise BackupError(f"{what} failed: {reason}")


def _libpq_environment(url: URL) -> dict[str, str]:
    variables = {
        "PGHOST": url.host,
        "PGPORT": str(url.port) if url.port else None,
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
    }
    for name, variable in LIBPQ_QUERY.items():
        value = url.query.get(name)
        if value:
            variables[variable] = value if isinstance(value, str) else value[-1]
    return {name: str(value) for name, value in variables.items() if value}


def _first_line(error: SQLAlchemyError) -> str:
    return str(getattr(error, "orig", None) or error).splitlines()[0]
