"""The declarative base shared by every table, with named constraints.

Named constraints keep migrations portable: SQLite's batch mode and PostgreSQL can only drop or alter
a constraint that has a predictable name.
"""

from sqlalchemy import MetaData
from sqlalchemy.orm import registry
from sqlmodel import SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


class KuaTable(SQLModel, registry=registry(metadata=metadata)):
    """Base of every Kua table model (declare subclasses with `table=True`)."""
