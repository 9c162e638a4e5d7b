"""Liveness (`/healthz`, no database) and readiness (`/readyz`: database and blob store)."""

from anyio import to_thread
from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError

from kua.api.deps import BlobsDep, EngineDep, SettingsDep
from kua.api.errors import error_responses
from kua.db.migrate import schema_status
from kua.errors import NotReadyError

router = APIRouter(tags=["health"])


class HealthPublic(BaseModel):
    status: str = "ok"


@router.get("/healthz")
async def healthz() -> HealthPublic:  # async: a plain def would cost a thread hop per probe
    return HealthPublic()


@router.get("/readyz", responses=error_responses(503, descriptions={503: "The database or data folder is unusable."}))
async def readyz(engine: EngineDep, blobs: BlobsDep, settings: SettingsDep) -> HealthPublic:
    try:
        schema = await to_thread.run_sync(schema_status, engine, settings.migrations_dir)
    except SQLAlchemyError:
        raise NotReadyError("The database does not answer.") from None
    if not schema.is_current:
        raise NotReadyError(f"The database schema is at {schema.current}, not at the newest, {schema.head}.")
    try:
        await blobs.check()  # writes a probe: proves more than permission bits (read-only mount, full disk)
    except OSError:
        raise NotReadyError("The data folder is not writable.") from None
    return HealthPublic()
