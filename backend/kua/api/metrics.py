"""`/metrics`: what an operator watches, in Prometheus' text format (docs/operations.md#metrics).

Only totals of this instance and of the shared database: no client address (Kua never sees one past the
rate limiter) and no report id. Off unless KUA_METRICS_TOKEN is set; then the scraper sends it as a bearer
token. A loopback-only rule would protect nothing here: behind nginx every request comes from 127.0.0.1.
"""

import hmac
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Header
from fastapi.responses import PlainTextResponse
from sqlalchemy import Engine, func
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from kua.api.deps import NowDep, ServicesDep
from kua.crypto.recipient_list import RecipientListError, read_verified_before
from kua.db.models import PushMessage, Report
from kua.db.models import RecipientList as PublishedList
from kua.errors import KuaError, NotReadyError
from kua.intake.quota import stored_bytes

router = APIRouter(tags=["health"])

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
DAY_SECONDS = 86_400


class MetricsOffError(KuaError):
    status_code = 404
    code = "metrics_off"
    message = "Metrics are off on this server; set KUA_METRICS_TOKEN to turn them on."


class MetricsTokenError(KuaError):
    status_code = 401
    code = "metrics_token"
    message = "The metrics need the bearer token set in KUA_METRICS_TOKEN."


@dataclass(frozen=True)
class Metric:
    name: str
    kind: str  # gauge or counter
    help: str
    value: float | None  # None: nothing to tell (no list published yet), the line is left out


@router.get("/metrics", response_class=PlainTextResponse, include_in_schema=False)
async def metrics(
    services: ServicesDep, now: NowDep, authorization: Annotated[str | None, Header()] = None
) -> PlainTextResponse:
    settings = services.settings
    if settings.metrics_token is None:
        raise MetricsOffError()
    expected = f"Bearer {settings.metrics_token.get_secret_value()}".encode()
    if not hmac.compare_digest((authorization or "").encode(), expected):
        raise MetricsTokenError()
    try:
        figures = await to_thread.run_sync(_database_figures, services.engine, now)
    except SQLAlchemyError:
        raise NotReadyError("The database does not answer.") from None
    staging = await to_thread.run_sync(_bytes_under, settings.data_dir / "uploads")
    recorder_up = services.recorder.process_id is not None
    listed = [
        *figures,
        Metric(
            "kua_storage_quota_bytes",
            "gauge",
            "Ciphertext the server may hold (KUA_STORAGE_QUOTA_BYTES).",
            settings.storage_quota_bytes,
        ),
        Metric(
            "kua_upload_staging_bytes", "gauge", "Bytes of unfinished uploads in this instance's data folder.", staging
        ),
        Metric(
            "kua_recorder_up",
            "gauge",
            "1 while this instance's report recorder process runs; 0 once it ended, until the next report.",
            int(recorder_up),
        ),
        Metric(
            "kua_recorder_unanswered_reports",
            "gauge",
            "Reports handed to the recorder and not yet answered.",
            services.recorder.unanswered,
        ),
    ]
    return PlainTextResponse("".join(_render(listed)), media_type=CONTENT_TYPE)


def _database_figures(engine: Engine, now: datetime) -> list[Metric]:
    with Session(engine) as session:
        reports = session.exec(select(func.count()).select_from(Report)).one()
        used = stored_bytes(session)
        queued = session.exec(select(func.count()).select_from(PushMessage)).one()
        failing = session.exec(select(func.count()).select_from(PushMessage).where(col(PushMessage.attempts) > 0)).one()
        newest = session.exec(select(PublishedList).order_by(col(PublishedList.seq).desc()).limit(1)).first()
    return [
        Metric(
            "kua_recipient_list_expires_in_days",
            "gauge",
            "Days until the published recipient list expires; phones stop sealing after it.",
            _days_left(newest, now),
        ),
        Metric("kua_reports_received_total", "counter", "Reports the server holds.", reports),
        Metric(
            "kua_storage_quota_used_bytes", "gauge", "Ciphertext held: reports and the bytes of uploads received.", used
        ),
        Metric("kua_push_messages_queued", "gauge", "Pushes waiting to be sent.", queued),
        Metric(
            "kua_push_messages_failing",
            "gauge",
            "Queued pushes a push service refused or missed at least once.",
            failing,
        ),
    ]


def _days_left(published: PublishedList | None, now: datetime) -> float | None:
    """Days until the newest list's not_after (negative once past), or None if none is published.

    The list was verified when it was published (kua.intake.recipient_lists): only its dates are read here.
    """
    if published is None:
        return None
    try:
        not_after = read_verified_before(published.document).not_after
    except RecipientListError:
        return None
    return round((not_after - now).total_seconds() / DAY_SECONDS, 2)


def _bytes_under(folder: Path) -> int:
    """Bytes of the files in `folder` (the staging area is flat: one .part file per upload)."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return 0
    return sum(entry.stat().st_size for entry in entries if entry.is_file(follow_symlinks=False))


def _render(listed: list[Metric]) -> Iterator[str]:
    for metric in listed:
        if metric.value is None:
            continue
        yield f"# HELP {metric.name} {metric.help}\n# TYPE {metric.name} {metric.kind}\n"
        value = format(metric.value, "g") if isinstance(metric.value, float) else str(metric.value)
        yield f"{metric.name} {value}\n"
