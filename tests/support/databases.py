"""Fresh, empty databases for a test: a SQLite file, or a uniquely named PostgreSQL database."""

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from tests.support.ci import require

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'kua.sqlite3'}"


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """Create an empty database on KUA_TEST_POSTGRES_URL's server (or 127.0.0.1:5432); drop it after."""
    explicit = os.environ.get("KUA_TEST_POSTGRES_URL")
    admin_url = make_url(explicit or DEFAULT_POSTGRES_URL)
    if not explicit:
        require(_answers("127.0.0.1", 5432), "No PostgreSQL answers on 127.0.0.1:5432 (set KUA_TEST_POSTGRES_URL)")
    name = f"kua_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        try:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        except OperationalError as error:
            require(False, f"PostgreSQL is unavailable or refused a test database: {str(error.orig).strip()}")
        try:
            yield admin_url.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()
