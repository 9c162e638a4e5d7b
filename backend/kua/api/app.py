"""The FastAPI application: routers, error handlers, security headers and the reporter app."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from kua import __version__
from kua.api import health
from kua.api.client_address import ForgetClientAddressMiddleware
from kua.api.errors import install_error_handlers
from kua.api.frontend import ReporterApp
from kua.api.request_log import RequestLogMiddleware
from kua.api.routes import recipients, reports
from kua.api.security_headers import SecurityHeadersMiddleware
from kua.clock import utc_now
from kua.config import Settings
from kua.db.engine import create_database_engine
from kua.intake import orphans
from kua.storage.local import LocalBlobStore

logger = logging.getLogger(__name__)


def _remove_orphan_reports(engine: Engine, blobs: LocalBlobStore) -> None:
    """Clean up after a crash (see kua.intake.orphans); a failure here must not stop the server."""
    try:
        for key in orphans.unreferenced(engine, blobs.list("reports/"), utc_now()):
            blobs.path(key).unlink(missing_ok=True)
    except (SQLAlchemyError, OSError) as error:
        logger.warning("Orphan clean-up skipped: %s", type(error).__name__)


def create_app(settings: Settings) -> FastAPI:
    engine = create_database_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await to_thread.run_sync(_remove_orphan_reports, engine, blobs)
        yield
        engine.dispose()

    app = FastAPI(
        title="Kua",
        version=__version__,
        openapi_url="/api/openapi.json",
        # The interactive docs load scripts from a CDN, which the CSP (rightly) forbids.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.clock = utc_now  # tests may replace it; nothing else reads the system time
    blobs = LocalBlobStore(settings.blobs_dir)
    blobs.remove_leftovers(older_than=orphans.GRACE)
    app.state.blobs = blobs
    install_error_handlers(app)
    app.add_middleware(SecurityHeadersMiddleware, https=settings.is_https)
    app.add_middleware(RequestLogMiddleware)
    app.add_middleware(ForgetClientAddressMiddleware)  # added last: runs first
    app.include_router(health.router)
    app.include_router(recipients.router)
    app.include_router(reports.router)
    # Last: everything no router claimed is the reporter app (or a 404 under /api/).
    app.mount("/", ReporterApp(settings.frontend_dir), name="reporter-app")
    return app
