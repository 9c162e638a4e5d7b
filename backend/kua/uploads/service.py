"""Creating, inspecting and terminating uploads, and the clean-up of expired ones.

The row in the database is the truth about an upload; its staging file is made to agree with it
(`settle`) before anything reads or writes the file. Receiving bytes (PATCH) is in `receive.py`.
"""

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

import anyio
from anyio import to_thread
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from kua.config import Settings
from kua.db.models import Upload
from kua.intake.quota import QuotaGauge
from kua.storage.blobs import LEFTOVER_GRACE, BlobStore
from kua.uploads import repository
from kua.uploads.capability import Capability, digest, new_secret
from kua.uploads.caps import UnfinishedUploadCaps
from kua.uploads.errors import (
    UploadBusyError,
    UploadCompletedTerminationError,
    UploadExpiredError,
    UploadNotFoundError,
)
from kua.uploads.metadata import Declared
from kua.uploads.staging import PartFile, StagingArea

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class UploadState:
    """What a client may know about an upload (the tus headers of HEAD and PATCH responses)."""

    upload_id: uuid.UUID
    length: int
    offset: int
    sha256: str
    expires_at: datetime | None  # None once complete: a completed upload never expires
    completed: bool

    @classmethod
    def of(cls, upload: Upload) -> "UploadState":
        completed = upload.completed_at is not None
        return cls(
            upload_id=upload.id,
            length=upload.length,
            offset=upload.offset,
            sha256=upload.sha256,
            expires_at=None if completed else upload.expires_at,
            completed=completed,
        )


@dataclass(frozen=True)
class Creation:
    state: UploadState
    created: bool  # False: the same upload existed (a phone that lost the creation response)
    capability: Capability  # its address's secret, new at each creation (kua.uploads.capability)


@dataclass(frozen=True)
class CleanUp:
    """What one run of the clean-up did."""

    expired: int
    leftovers: int
    settled: int


def blob_key(upload_id: uuid.UUID) -> str:
    return f"attachments/{upload_id}"


def expiry(settings: Settings, now: datetime) -> datetime:
    """When an upload that progresses at `now` expires if it does not progress again."""
    return now + timedelta(days=settings.upload_expiry_days)


async def create(
    *,
    engine: Engine,
    settings: Settings,
    quota: QuotaGauge,
    caps: UnfinishedUploadCaps,
    client: bytes | None,
    declared: Declared,
    clock: Callable[[], datetime],
) -> Creation:
    """Create the upload, or find the same one again; refuse another under its id, one that does not fit
    in the uploads' share of the quota, or one past the caps on unfinished uploads (kua.uploads.caps)."""
    at = clock()
    existing = await to_thread.run_sync(repository.get, engine, declared.upload_id)
    new = existing is None or (existing.completed_at is None and existing.expires_at <= at)
    if new:
        await quota.ensure_room_now(declared.length, for_upload=True)
        census = await to_thread.run_sync(caps.census, engine, client, at)
        caps.admit(client, declared.upload_id, declared.length, census, at)  # no await in between: no race
    capability = Capability(declared.upload_id, new_secret())
    try:
        upload, created = await to_thread.run_sync(
            repository.create, engine, declared, at, expiry(settings, at), digest(capability.secret)
        )
    except BaseException:
        if new:
            caps.release(client, declared.upload_id)
        raise
    return Creation(UploadState.of(upload), created, capability)


async def opened(*, engine: Engine, capability: Capability) -> Upload:
    """The upload's row, if it exists and the capability's secret is its own; else 404, as for an unknown id."""
    upload = await to_thread.run_sync(repository.get, engine, capability.upload_id)
    if upload is None or not capability.opens(upload):
        raise UploadNotFoundError()
    return upload


async def live(*, engine: Engine, upload_id: uuid.UUID, now: datetime) -> Upload:
    """The upload's row, if it exists and has not expired."""
    upload = await to_thread.run_sync(repository.get, engine, upload_id)
    if upload is None:
        raise UploadNotFoundError()
    if upload.completed_at is None and upload.expires_at <= now:
        raise UploadExpiredError()
    return upload


async def status(*, engine: Engine, capability: Capability, clock: Callable[[], datetime]) -> UploadState:
    """The durable offset of an upload (HEAD).

    Read from the row alone: HEAD never takes the staging file, so it cannot stand in the way of a
    PATCH. Bytes past the offset (a crash mid-PATCH) are cut off by the next PATCH, and at start.
    """
    upload = await opened(engine=engine, capability=capability)
    if upload.completed_at is None and upload.expires_at <= clock():
        raise UploadExpiredError()
    return UploadState.of(upload)


async def settle(*, engine: Engine, blobs: BlobStore, part: PartFile, upload_id: uuid.UUID, now: datetime) -> Upload:
    """Make a held staging file agree with the upload's row, and return the row.

    Bytes past the row's offset were never acknowledged (a crash or a refusal before the offset
    moved): they are cut off. A completed upload whose file is still staged was interrupted between
    the commit and the move into blob storage: the move is finished here.
    """
    upload = await live(engine=engine, upload_id=upload_id, now=now)
    if upload.completed_at is not None:
        await _finish_completion(blobs, part, upload)
        return upload
    size = part.size()  # an fstat of an open file: no disk to wait for, no worker thread needed
    if size > upload.offset:
        await to_thread.run_sync(part.cut_to, upload.offset)
    elif size < upload.offset:
        # The disk lost bytes it had confirmed; go back to what it holds rather than lie about it.
        logger.error("Staging file shorter than its durable offset; the upload resumes from %d bytes.", size)
        await to_thread.run_sync(partial(repository.rewind, engine, upload_id, expected=upload.offset, to=size))
        upload = await live(engine=engine, upload_id=upload_id, now=now)
    return upload


async def _finish_completion(blobs: BlobStore, part: PartFile, upload: Upload) -> bool:
    """Move a completed upload's staging file into blob storage if that was interrupted; True if it was."""
    key = upload.blob_key or blob_key(upload.id)
    if await blobs.exists(key):
        await to_thread.run_sync(part.remove)  # nothing left to move (or an empty file just created)
        return False
    if await to_thread.run_sync(part.size) != upload.length or await to_thread.run_sync(part.sha256) != upload.sha256:
        logger.error("A completed upload's blob is missing and its staging file does not match; kept for inspection.")
        return False
    await blobs.adopt(key, part.path)
    return True


async def terminate(*, engine: Engine, staging: StagingArea, capability: Capability) -> None:
    """Delete an unfinished upload and its bytes (tus termination); a completed one is refused."""
    upload = await opened(engine=engine, capability=capability)
    upload_id = upload.id
    if upload.completed_at is not None:
        raise UploadCompletedTerminationError()
    with staging.hold(upload_id) as part:
        if not await to_thread.run_sync(repository.remove_unfinished, engine, upload_id):
            if await to_thread.run_sync(repository.get, engine, upload_id) is None:
                raise UploadNotFoundError()
            raise UploadCompletedTerminationError()
        staging.digests.forget(upload_id)
        await to_thread.run_sync(part.remove)


async def clean_up(*, engine: Engine, blobs: BlobStore, staging: StagingArea, now: datetime) -> CleanUp:
    """Delete expired unfinished uploads and staging files nobody owns; settle every other staging file.

    Run once when the server starts (after a crash, staging files may hold bytes past their offset,
    or a completed upload may still wait to be moved into blob storage) and by `kua uploads expire`.
    """
    expired = await remove_expired(engine=engine, staging=staging, now=now)
    known = await to_thread.run_sync(repository.known_ids, engine)
    leftovers = settled = 0
    for path, owner, modified in await to_thread.run_sync(staging.files):
        if owner is None or owner not in known:
            if now - modified > LEFTOVER_GRACE:
                await to_thread.run_sync(partial(path.unlink, missing_ok=True))
                leftovers += 1
            continue
        try:
            with staging.hold(owner, create=False) as part:
                await settle(engine=engine, blobs=blobs, part=part, upload_id=owner, now=now)
                settled += 1
        except (UploadBusyError, FileNotFoundError, UploadNotFoundError, UploadExpiredError):
            continue  # in use, or gone since the listing
    return CleanUp(expired=expired, leftovers=leftovers, settled=settled)


async def remove_expired(*, engine: Engine, staging: StagingArea, now: datetime) -> int:
    """Delete expired unfinished uploads with their bytes; how many. The running server does this every
    `upload_sweep_seconds` (`sweep_expired`), so stale uploads give their room back within minutes."""
    expired = 0
    for upload_id in await to_thread.run_sync(repository.expired, engine, now):
        try:
            with staging.hold(upload_id) as part:
                if await to_thread.run_sync(repository.remove_expired, engine, upload_id, now):
                    staging.digests.forget(upload_id)
                    await to_thread.run_sync(part.remove)
                    expired += 1
        except UploadBusyError:
            continue  # a request is using it right now; it will be looked at next time
    return expired


async def sweep_expired(
    *, engine: Engine, staging: Callable[[], StagingArea], clock: Callable[[], datetime], every_seconds: float
) -> None:
    """Remove expired uploads every `every_seconds`, until cancelled; a failed round is logged and retried.

    `staging` is called each round: the staging area makes its folder on first use, which may fail.
    """
    while True:
        await anyio.sleep(every_seconds)
        try:
            removed = await remove_expired(engine=engine, staging=staging(), now=clock())
        except (SQLAlchemyError, OSError) as error:
            logger.warning("Upload sweep failed, retried later: %s", type(error).__name__)
            continue
        if removed:
            logger.info("Uploads: %d expired.", removed)
