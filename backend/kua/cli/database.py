"""The configured database for commands that read or change it (reviewers, recipients pending, audit)."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from kua.cli.common import fail
from kua.cli.server import settings_or_exit

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from kua.config import Settings


@contextmanager
def database() -> Iterator[tuple["Settings", "Engine"]]:
    """The settings and an engine on their database; a database failure is one line and exit status 1."""
    from sqlalchemy.exc import SQLAlchemyError

    from kua.db.engine import create_database_engine

    settings = settings_or_exit()
    engine = create_database_engine(settings.database_url)
    try:
        yield settings, engine
    except SQLAlchemyError as error:
        fail(f"The database cannot be used: {str(getattr(error, 'orig', None) or error).splitlines()[0]}")
    finally:
        engine.dispose()
