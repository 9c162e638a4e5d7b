"""Sessions. `transaction` is the only place in Kua that commits."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlmodel import Session


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed if the block ends normally and rolled back otherwise."""
    with Session(engine) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
