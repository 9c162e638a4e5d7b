"""Dependencies shared by the routers, as `Annotated` aliases over the app's services (kua.api.services)."""

from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine
from sqlmodel import Session

from kua.api.services import Services, services_of
from kua.config import Settings
from kua.db.session import transaction
from kua.storage.blobs import BlobStore


# `async def`, though nothing awaits: FastAPI runs a plain `def` dependency in the thread pool, a
# thread hop per dependency per request for reading an attribute.
async def get_services(request: Request) -> Services:
    return services_of(request.app)


ServicesDep = Annotated[Services, Depends(get_services)]


async def get_settings(request: Request) -> Settings:
    return services_of(request.app).settings


async def get_engine(request: Request) -> Engine:
    return services_of(request.app).engine


async def get_blobs(request: Request) -> BlobStore:
    return services_of(request.app).blobs


async def get_now(request: Request) -> datetime:
    """The time of this request, from the app's clock (which tests set)."""
    return services_of(request.app).clock()


def get_session(engine: Annotated[Engine, Depends(get_engine)]) -> Iterator[Session]:
    with transaction(engine) as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
BlobsDep = Annotated[BlobStore, Depends(get_blobs)]
NowDep = Annotated[datetime, Depends(get_now)]
# "function" scope: the work is committed before the response (a receipt) leaves the server.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
