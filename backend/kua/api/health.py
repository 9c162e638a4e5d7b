"""Liveness (`/healthz`, no database) and readiness (`/readyz`: database and data folder)."""

import tempfile

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError

from kua.api.deps import EngineDep, SettingsDep
from kua.api.errors import error_responses
from kua.db.migrate import schema_status
from kua.errors import NotReadyError

router = APIRouter(tags=["health"])


class HealthPublic(BaseModel):
    status: str = "ok"


@router.get("/healthz")
def healthz() -> HealthPublic:
    return HealthPublic()


@router.get("/readyz", responses=error_responses(503, descriptions={503: "The database or data folder is unusable."}))
def readyz(engine: EngineDep, settings: SettingsDep) -> HealthPublic:
    try:
        schema = schema_status(engine, settings.migrations_dir)
    except SQLAlchemyError:
        raise NotReadyError("The database does not answer.") from None
    if not schema.is_current:
        raise NotReadyError(f"The database schema is at {schema.current}, not at the newest, {schema.head}.")
    try:
        # Writing a file proves more than permission bits (a read-only mount, a full disk).
        with tempfile.TemporaryFile(dir=settings.data_dir) as probe:
            probe.write(b"ready")
            probe.flush()
    except OSError:
        raise NotReadyError("The data folder is not writable.") from None
    return HealthPublic()
