"""Engines for SQLite (development, small deployments) and PostgreSQL (`postgresql+psycopg://`)."""

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url


def create_database_engine(database_url: str, *, enforce_foreign_keys: bool = True) -> Engine:
    """An engine for `database_url`; SQLite connections are made durable and strict."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        # Enough pooled connections for a worker's thread pool under load: overflow connections are
        # closed on return, and reconnecting for every request costs more than the request itself.
        return create_engine(url, pool_pre_ping=True, pool_size=20, max_overflow=20)
    # A writer waits for another one instead of failing at once.
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # Off only while migrating: SQLite batch mode recreates tables, which must not cascade.
        cursor.execute(f"PRAGMA foreign_keys={'ON' if enforce_foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA journal_mode=WAL")
        # A received report must survive a power cut once its receipt is sent.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    return engine
