"""The `upload` rows. Every change of an offset is conditional on the offset read before it, so that
two server processes sharing the database can never both advance one upload."""

import uuid
from datetime import datetime

from sqlalchemy import Engine, delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.dml import UpdateBase
from sqlmodel import Session, col, select

from kua.db.models import Upload
from kua.db.session import transaction
from kua.uploads.errors import UploadConflictError
from kua.uploads.metadata import Declared


def get(engine: Engine, upload_id: uuid.UUID) -> Upload | None:
    with Session(engine) as session:
        return session.get(Upload, upload_id)


def create(
    engine: Engine, declared: Declared, now: datetime, expires_at: datetime, secret_sha256: str
) -> tuple[Upload, bool]:
    """The upload for `declared`, and whether it is new; an expired unfinished one is started afresh.

    The upload's secret becomes `secret_sha256`'s, for the same upload found again too (kua.uploads.capability).
    """
    try:
        with transaction(engine) as session:
            existing = session.get(Upload, declared.upload_id)
            if existing is not None:
                if existing.completed_at is not None or existing.expires_at > now:
                    _same_or_conflict(existing, declared)
                    existing.secret_sha256 = secret_sha256
                    session.flush()
                    session.refresh(existing)
                    session.expunge(existing)
                    return existing, False
                session.delete(existing)
                session.flush()
            upload = Upload(
                id=declared.upload_id,
                length=declared.length,
                offset=0,
                sha256=declared.sha256,
                created_at=now,
                expires_at=expires_at,
                secret_sha256=secret_sha256,
            )
            session.add(upload)
            session.flush()  # a concurrent creation of this id fails here
            session.refresh(upload)
            session.expunge(upload)
            return upload, True
    except IntegrityError:
        # A concurrent creation of the same id won: take it over as a re-creation would
        existing = get(engine, declared.upload_id)
        if existing is None:
            raise
        _same_or_conflict(existing, declared)
        return create(engine, declared, now, expires_at, secret_sha256)


def _same_or_conflict(existing: Upload, declared: Declared) -> Upload:
    if (existing.length, existing.sha256) != (declared.length, declared.sha256):
        raise UploadConflictError()
    return existing


def advance(engine: Engine, upload_id: uuid.UUID, *, expected: int, to: int, expires_at: datetime) -> bool:
    """Move the offset from `expected` to `to` (bytes already fsynced); False if it was not at `expected`."""
    return _conditional(
        engine,
        update(Upload)
        .where(col(Upload.id) == upload_id, col(Upload.offset) == expected, col(Upload.completed_at).is_(None))
        .values(offset=to, expires_at=expires_at),
    )


def rewind(engine: Engine, upload_id: uuid.UUID, *, expected: int, to: int) -> bool:
    """Move the offset back (bytes are about to be discarded); False if it was not at `expected`."""
    return _conditional(
        engine,
        update(Upload)
        .where(col(Upload.id) == upload_id, col(Upload.offset) == expected, col(Upload.completed_at).is_(None))
        .values(offset=to),
    )


def complete(engine: Engine, upload_id: uuid.UUID, *, expected: int, blob_key: str, now: datetime) -> bool:
    """Mark the upload complete (its whole file verified); False if its offset was not at `expected`."""
    return _conditional(
        engine,
        update(Upload)
        .where(col(Upload.id) == upload_id, col(Upload.offset) == expected, col(Upload.completed_at).is_(None))
        .values(offset=Upload.length, completed_at=now, blob_key=blob_key),
    )


def remove_unfinished(engine: Engine, upload_id: uuid.UUID) -> bool:
    """Delete an unfinished upload's row; False if there was none (a completed one is never deleted here)."""
    return _conditional(engine, delete(Upload).where(col(Upload.id) == upload_id, col(Upload.completed_at).is_(None)))


def expired(engine: Engine, now: datetime) -> list[uuid.UUID]:
    """Unfinished uploads past their expiry."""
    with Session(engine) as session:
        query = select(Upload.id).where(col(Upload.completed_at).is_(None), col(Upload.expires_at) <= now)
        return list(session.exec(query).all())


def remove_expired(engine: Engine, upload_id: uuid.UUID, now: datetime) -> bool:
    """Delete one upload if it is (still) unfinished and expired."""
    return _conditional(
        engine,
        delete(Upload).where(
            col(Upload.id) == upload_id, col(Upload.completed_at).is_(None), col(Upload.expires_at) <= now
        ),
    )


def known_ids(engine: Engine) -> set[uuid.UUID]:
    with Session(engine) as session:
        return set(session.exec(select(Upload.id)).all())


def _conditional(engine: Engine, statement: UpdateBase) -> bool:
    with transaction(engine) as session:
        return session.exec(statement).rowcount == 1
