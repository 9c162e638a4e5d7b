"""The FastAPI application: routers (intake and review), error handlers, security headers and the reporter app."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI

from kua import __version__
from kua.api import health, metrics
from kua.api.client_address import ForgetClientAddressMiddleware
from kua.api.concurrency import ConcurrencyLimitMiddleware
from kua.api.console_host import ConsoleHostMiddleware, host_of
from kua.api.errors import install_error_handlers
from kua.api.frontend import ReporterApp, compressed
from kua.api.internal_error import InternalErrorMiddleware
from kua.api.rate_limit import RateLimitMiddleware
from kua.api.request_log import RequestLogMiddleware
from kua.api.routes import followups, push, recipients, reports, uploads, wipe, withdrawals
from kua.api.routes.review import ROUTERS as REVIEW_ROUTERS
from kua.api.security_headers import SecurityHeadersMiddleware
from kua.api.services import AppClock, Services
from kua.clock import utc_now
from kua.config import Settings
from kua.db.engine import create_database_engine
from kua.intake import orphans, recipient_lists
from kua.intake.quota import QuotaGauge
from kua.intake.recorder import ReportRecorder
from kua.push import vapid
from kua.push.sender import PushSender, SenderSettings
from kua.storage.factory import blob_store
from kua.uploads.caps import UnfinishedUploadCaps


def create_app(settings: Settings) -> FastAPI:
    engine = create_database_engine(settings.database_url)
    clock = AppClock()  # tests may set another source
    blobs = blob_store(settings)
    push_key = vapid.key_at_start(settings.push_dir)  # created at the first start (docs/push.md)
    push_sender = PushSender(engine, SenderSettings.of(settings), push_key, clock=clock)
    recorder = ReportRecorder(settings.database_url, on_commit=push_sender.wake)
    services = Services(
        settings=settings,
        engine=engine,
        blobs=blobs,
        clock=clock,
        quota=QuotaGauge(engine, settings),
        push_key=push_key,
        recorder=recorder,
        upload_caps=UnfinishedUploadCaps(settings),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await orphans.remove_crash_leftovers(engine, blobs, utc_now())
        await to_thread.run_sync(push_sender.start)
        await recorder.start()
        expiry = asyncio.create_task(recipient_lists.watch_expiry(engine, clock))  # logs a WARNING within 14 days
        yield
        expiry.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await expiry
        await recorder.aclose()  # first: its last commits still wake the push sender
        push_sender.close()
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
    app.state.services = services  # read through kua.api.services.services_of and kua.api.deps
    install_error_handlers(app)
    # Added last runs first. The rate limiter is the only reader of the client's address: it turns it
    # into a pseudonym of the day before the address is forgotten. Outside it, nothing reads the address.
    app.add_middleware(RequestLogMiddleware)
    app.add_middleware(
        ConcurrencyLimitMiddleware,
        per_client=settings.max_body_requests_per_client,
        total=settings.max_body_requests,
    )
    app.add_middleware(ForgetClientAddressMiddleware)
    app.add_middleware(
        RateLimitMiddleware,
        per_minute=settings.rate_limit_per_minute,
        burst=settings.rate_limit_burst,
        read_per_minute=settings.read_rate_limit_per_minute,
        read_burst=settings.read_rate_limit_burst,
        sign_in_per_minute=settings.sign_in_per_minute,
        sign_in_burst=settings.sign_in_burst,
        clock=clock,
    )
    if settings.console_base_url:
        app.add_middleware(ConsoleHostMiddleware, console_host=host_of(settings.console_base_url))
    app.add_middleware(InternalErrorMiddleware)  # a JSON 500 that still passes through the security headers
    app.add_middleware(SecurityHeadersMiddleware, https=settings.is_https)  # on every response, 429 and 500 too
    app.include_router(health.router)
    app.include_router(metrics.router)
    app.include_router(recipients.router)
    app.include_router(reports.router)
    app.include_router(followups.router)
    app.include_router(uploads.router)
    app.include_router(withdrawals.router)
    app.include_router(push.router)
    app.include_router(wipe.router)
    for router in REVIEW_ROUTERS:
        app.include_router(router)
    # Last: everything no router claimed is the reporter app (or a 404 under /api/). Only the app's
    # files are compressed (a phone on 2G loads it once); API responses never are.
    app.mount("/", compressed(ReporterApp(settings.frontend_dir)), name="reporter-app")
    return app
