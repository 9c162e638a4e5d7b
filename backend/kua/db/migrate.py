"""Running the migrations in `migrations/` from code, whatever the current directory.

The alembic configuration is built here rather than read from an ini file, so `kua db upgrade` finds
the migrations in a checkout, in an installed package (kua/_migrations) and wherever KUA_MIGRATIONS_DIR points.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from kua.storage.blobs import BlobStore


class MigrationsNotFoundError(RuntimeError):
    """The migrations folder is missing: the checkout or the image is incomplete."""


def alembic_config(database_url: str, migrations_dir: Path, blobs: BlobStore | None = None) -> Config:
    """An alembic configuration for `database_url` (read by migrations/env.py, never echoed).

    `blobs` is for migrations that move ciphertext between the database and blob storage.
    """
    if not (migrations_dir / "env.py").is_file():
        raise MigrationsNotFoundError(
            f"No migrations in {migrations_dir}; set KUA_MIGRATIONS_DIR to the folder holding env.py."
        )
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.attributes["database_url"] = database_url
    config.attributes["blobs"] = blobs
    return config


def upgrade(database_url: str, migrations_dir: Path, revision: str = "head", *, blobs: BlobStore | None = None) -> None:
    command.upgrade(alembic_config(database_url, migrations_dir, blobs), revision)


def downgrade(database_url: str, migrations_dir: Path, revision: str, *, blobs: BlobStore | None = None) -> None:
    command.downgrade(alembic_config(database_url, migrations_dir, blobs), revision)


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None
    head: str

    @property
    def is_current(self) -> bool:
        return self.current == self.head


@lru_cache(maxsize=4)
def head_revision(migrations_dir: Path) -> str:
    """The newest revision in `migrations_dir` (read once: the files do not change while running)."""
    script = ScriptDirectory.from_config(alembic_config("", migrations_dir))
    head = script.get_current_head()
    if head is None:
        raise MigrationsNotFoundError(f"{migrations_dir} holds no revision.")
    return head


def schema_status(engine: Engine, migrations_dir: Path) -> SchemaStatus:
    """Which revision the database is at, and which one is the newest."""
    head = head_revision(migrations_dir)
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return SchemaStatus(current=current, head=head)
