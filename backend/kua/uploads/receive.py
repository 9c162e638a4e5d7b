"""Receiving an upload's bytes (tus PATCH): streamed to the staging file, fsynced, then acknowledged.

The order is what makes an offset trustworthy: bytes are written and fsynced, and only then does the
row's offset move (conditionally, from the offset read under the lock). A crash at any moment leaves
either the old offset with extra bytes in the file (cut off by the next `settle`) or the new offset
with its bytes on disk.

A body cut off mid-way (the phone lost its connection, or no byte came for `STALL_TIMEOUT`) keeps
the bytes that arrived when the PATCH has no Upload-Checksum, as tus allows: on a bad network that
is progress. With an Upload-Checksum they cannot be verified, so none is kept.

The last byte triggers the check of the whole file against the SHA-256 declared at creation. On a
match the upload is committed as complete and its file moved into blob storage; otherwise the bytes
are discarded and the upload starts again at offset 0 (it holds nothing worth resuming from).
"""

import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial

import anyio
from anyio import to_thread
from sqlalchemy import Engine

from kua.config import Settings
from kua.intake.body import AGE_HEADER
from kua.intake.errors import NotAnAgeFileError
from kua.storage.blobs import BlobStore
from kua.uploads import repository
from kua.uploads.checksum import Checksum
from kua.uploads.errors import (
    AttachmentHashMismatchError,
    BodyExceedsLengthError,
    BodyInterruptedError,
    ChecksumMismatchError,
    OffsetMismatchError,
    UploadCompletedError,
    UploadStalledError,
)
from kua.uploads.service import UploadState, blob_key, expiry, live, settle
from kua.uploads.staging import PartFile, StagingArea

# Long enough for a phone on 2G between two TCP segments; short enough that a dead connection soon
# frees its upload for the phone's retry (a PATCH holds the upload while it runs).
STALL_TIMEOUT = timedelta(seconds=60)


async def receive(
    *,
    engine: Engine,
    blobs: BlobStore,
    staging: StagingArea,
    settings: Settings,
    upload_id: uuid.UUID,
    offset: int,
    content_length: int | None,
    checksum: Checksum | None,
    body: AsyncIterator[bytes],
    now: Callable[[], datetime],
    stall_timeout: timedelta | None = None,
) -> UploadState:
    """Append a PATCH body at `offset` and return the upload's new state (see the module docstring).

    Raises BodyInterruptedError or UploadStalledError after keeping what may be kept.
    """
    upload = await live(engine=engine, upload_id=upload_id, now=now())
    if upload.completed_at is not None:
        raise UploadCompletedError()
    with staging.hold(upload_id) as part:
        upload = await settle(engine=engine, blobs=blobs, part=part, upload_id=upload_id, now=now())
        if upload.completed_at is not None:
            raise UploadCompletedError()
        if offset != upload.offset:
            raise OffsetMismatchError(f"The upload is at offset {upload.offset}, not {offset}; resume from there.")
        if content_length is not None and offset + content_length > upload.length:
            raise BodyExceedsLengthError()
        end, interruption = await _write(
            part, body, start=offset, length=upload.length, checksum=checksum, stall=stall_timeout or STALL_TIMEOUT
        )
        if end == offset:
            state = UploadState.of(upload)
        elif end < upload.length:
            expires_at = expiry(settings, now())
            moved = await to_thread.run_sync(
                partial(repository.advance, engine, upload_id, expected=offset, to=end, expires_at=expires_at)
            )
            if not moved:
                raise OffsetMismatchError("Another server process moved this upload's offset; ask with HEAD.")
            state = replace(UploadState.of(upload), offset=end, expires_at=expires_at)
        else:
            state = await _complete(
                engine, blobs, part, upload_id=upload_id, start=offset, sha256=upload.sha256, now=now
            )
    if interruption is not None:
        raise interruption
    return state


async def _write(
    part: PartFile,
    body: AsyncIterator[bytes],
    *,
    start: int,
    length: int,
    checksum: Checksum | None,
    stall: timedelta,
) -> tuple[int, BodyInterruptedError | UploadStalledError | None]:
    """Write the body at `start` and fsync it; returns where it ended and how it was interrupted, if it was.

    On a refusal (not an age file, past the declared length, wrong checksum) nothing is kept.
    """
    position, hasher, interruption = start, checksum.hasher() if checksum else None, None
    try:
        try:
            async for chunk in _arriving(body, stall):
                if position + len(chunk) > length:
                    raise BodyExceedsLengthError()
                _check_age_header(position, chunk)
                part.write_at(position, chunk)
                if hasher is not None:
                    hasher.update(chunk)
                position += len(chunk)
        except (BodyInterruptedError, UploadStalledError) as error:
            if checksum is not None:
                raise  # the bytes that came cannot be verified: none is kept
            interruption = error
        if checksum is not None and hasher is not None and not checksum.matches(hasher.digest()):
            raise ChecksumMismatchError()
        await to_thread.run_sync(part.sync)
    except BaseException:
        with anyio.CancelScope(shield=True):
            await to_thread.run_sync(part.cut_to, start)
        raise
    return position, interruption


async def _arriving(body: AsyncIterator[bytes], stall: timedelta) -> AsyncIterator[bytes]:
    """The body's chunks; raises UploadStalledError if none comes for `stall`."""
    chunks = aiter(body)
    while True:
        try:
            with anyio.fail_after(stall.total_seconds()):
                chunk = await anext(chunks)
        except StopAsyncIteration:
            return
        except TimeoutError:
            raise UploadStalledError() from None
        if chunk:
            yield chunk


def _check_age_header(position: int, chunk: bytes) -> None:
    """Bytes that land in the first bytes of the file must be the age header."""
    if position < len(AGE_HEADER):
        expected = AGE_HEADER[position : position + len(chunk)]
        if chunk[: len(expected)] != expected:
            raise NotAnAgeFileError()


async def _complete(
    engine: Engine,
    blobs: BlobStore,
    part: PartFile,
    *,
    upload_id: uuid.UUID,
    start: int,
    sha256: str,
    now: Callable[[], datetime],
) -> UploadState:
    """The last byte is in: verify the whole file, commit the completion, move the file into blob storage."""
    if await to_thread.run_sync(part.sha256) != sha256:
        # Lower the durable offset first, then drop the bytes: the row never counts bytes the disk lacks.
        if start > 0:
            await to_thread.run_sync(partial(repository.rewind, engine, upload_id, expected=start, to=0))
        await to_thread.run_sync(part.cut_to, 0)
        raise AttachmentHashMismatchError()
    key = blob_key(upload_id)
    completed = await to_thread.run_sync(
        partial(repository.complete, engine, upload_id, expected=start, blob_key=key, now=now())
    )
    if not completed:
        raise OffsetMismatchError("Another server process moved this upload's offset; ask with HEAD.")
    # Committed first, moved second: a crash in between is finished by the next settle or clean-up.
    await blobs.adopt(key, part.path)
    upload = await live(engine=engine, upload_id=upload_id, now=now())
    return UploadState.of(upload)
