"""Alembic environment, driven by `kua.db.migrate` (or by `alembic` with KUA_* settings)."""

from alembic import context
from sqlalchemy import Connection, text

import kua.db.models  # noqa: F401  (registers the tables on the metadata)
from kua.db.base import metadata
from kua.db.engine import create_database_engine

config = context.config
# Containers that start together each run `kua db upgrade`: on PostgreSQL the first takes this
# session lock and migrates, the others wait for it and then find the schema current.
MIGRATION_LOCK = 0x6B7561_6D6967  # "kua" "mig"


def run_migrations(connection: Connection) -> None:
    is_sqlite = connection.dialect.name == "sqlite"
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=is_sqlite,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    if is_sqlite:
        broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
        if broken:
            raise RuntimeError(f"The migration left rows with broken foreign keys: {broken[:5]}")


def database_url() -> str:
    url = config.attributes.get("database_url") or config.get_main_option("sqlalchemy.url")
    if url:
        return str(url)
    from kua.config import load_settings

    return load_settings().database_url


if context.is_offline_mode():
    raise SystemExit("Kua's migrations run online only: use `kua db upgrade`.")

engine = create_database_engine(database_url(), enforce_foreign_keys=False)
try:
    with engine.connect() as connection:
        locked = connection.dialect.name == "postgresql"
        if locked:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
            connection.commit()
        try:
            run_migrations(connection)
        finally:
            if locked:
                connection.rollback()  # a failed migration leaves its transaction aborted
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
                connection.commit()
finally:
    engine.dispose()
