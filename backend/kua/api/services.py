"""The app's services: built once by `create_app`, kept as `app.state.services`, read through `kua.api.deps`."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from sqlalchemy import Engine
from starlette.applications import Starlette

from kua.clock import utc_now
from kua.config import Settings
from kua.intake.quota import QuotaGauge
from kua.intake.recorder import ReportRecorder
from kua.push.vapid import VapidKey
from kua.storage.blobs import BlobStore
from kua.uploads.caps import UnfinishedUploadCaps
from kua.uploads.staging import StagingArea


class AppClock:
    """The app's clock: call it for the time. `kua.clock.utc_now` unless a test sets another source."""

    def __init__(self, source: Callable[[], datetime] = utc_now) -> None:
        self._source = source

    def __call__(self) -> datetime:
        return self._source()

    def set(self, source: Callable[[], datetime]) -> None:
        """Read the time from `source` from now on (tests move a fake clock by hand)."""
        self._source = source


@dataclass(frozen=True)
class Services:
    """Everything the routes share, one of each per app."""

    settings: Settings
    engine: Engine
    blobs: BlobStore
    clock: AppClock  # the time of every request and upload; tests set it
    quota: QuotaGauge
    push_key: VapidKey | None  # None: push is unavailable (docs/push.md)
    recorder: ReportRecorder
    upload_caps: UnfinishedUploadCaps

    @cached_property
    def upload_staging(self) -> StagingArea:
        """The process's one staging area (it holds the in-process upload locks). Made on first use, as
        it creates its folder: a server whose data folder is unwritable still starts, and /readyz says why."""
        return StagingArea(self.settings.data_dir / "uploads")


def services_of(app: Starlette) -> Services:
    """The services `create_app` stored on `app`."""
    services: Services = app.state.services
    return services
