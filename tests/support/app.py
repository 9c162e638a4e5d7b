"""The application in-process (for TestClient): development settings in a temporary folder, test-only routes."""

from pathlib import Path

from fastapi import APIRouter, FastAPI
from starlette.routing import Mount

from kua.api import create_app
from kua.config import Settings
from kua.db import migrate
from tests.support.databases import sqlite_url


def migrated_app(tmp_path: Path, **values: object) -> FastAPI:
    """`create_app` on a migrated SQLite database, with a built (one-page) reporter app."""
    data_dir = tmp_path / "data"
    dist = tmp_path / "dist"
    data_dir.mkdir(exist_ok=True)
    dist.mkdir(exist_ok=True)
    (dist / "index.html").write_text("<!doctype html><title>Kua</title>")
    values.setdefault("database_url", sqlite_url(data_dir))
    values.setdefault("frontend_dir", dist)
    settings = Settings(_env_file=None, env="development", data_dir=data_dir, **values)  # type: ignore[arg-type]
    migrate.upgrade(settings.database_url, settings.migrations_dir)
    return create_app(settings)


def add_test_only_routes(app: FastAPI, router: APIRouter) -> None:
    """Include `router`, ahead of the reporter app mounted at "/" (which claims every path it reaches)."""
    app.include_router(router)
    mounts = [route for route in app.router.routes if isinstance(route, Mount)]
    for mount in mounts:
        app.router.routes.remove(mount)
        app.router.routes.append(mount)
