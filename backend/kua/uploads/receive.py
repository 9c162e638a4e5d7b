"""Receiving an upload's bytes (tus PATCH): streamed to the staging file, fsynced, then acknowledged.

The order is what makes an offset trustworthy: bytes are written and fsynced, and only then does the
row's offset move (conditionally, from the offset read under the lock). A crash at any moment leaves
either the old offset with extra bytes in the file (cut off by the next `settle`) or the new offset
with its bytes on disk.

A body cut off mid-way (the phone lost its connection, no byte came for `STALL_TIMEOUT`, or the body
came slower than the minimum rate of kua.intake.pace) keeps
the bytes that arrived when the PATCH has no Upload-Checksum, as tus allows: on a bad network that
is progress. With an Upload-Checksum they cannot be verified, so none is kept.

The last byte triggers the check of the whole file against the SHA-256 declared at creation: the
digest this process followed across the PATCHes (kua.uploads.digests), or else a reading of the
file. On a match the upload is committed as complete and its file moved into blob storage; otherwise
the bytes are discarded and the upload starts again at offset 0 (it holds nothing worth resuming from).
"""

import asyncio
import hashlib
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial

import anyio
from anyio import to_thread
from sqlalchemy import Engine

from kua.config import Settings
from kua.crypto.age.header import AGE_MAGIC
from kua.intake.errors import NotAnAgeFileError
from kua.intake.pace import Pace
from kua.intake.quota import QuotaGauge
from kua.storage.blobs import BlobStore
from kua.uploads import repository
from kua.uploads.capability import Capability
from kua.uploads.checksum import Checksum
from kua.uploads.errors import (
    AttachmentHashMismatchError,
    BodyExceedsLengthError,
    BodyInterruptedError,
    ChecksumMismatchError,
    OffsetMismatchError,
    UploadCompletedError,
    UploadStalledError,
    UploadTooSlowError,
)
from kua.uploads.service import UploadState, blob_key, expiry, live, opened, settle
from kua.uploads.staging import PartFile, StagingArea

# Bytes go to the staging file in blocks of this size (chunks from the network are often 64 KiB or less),
# or of this many chunks (one pwritev takes at most IOV_MAX = 1024 buffers on Linux).
BLOCK_SIZE = 1024 * 1024
BLOCK_CHUNKS = 512
# Long enough for a phone on 2G between two TCP segments; short enough that a dead connection soon
# frees its upload for the phone's retry (a PATCH holds the upload while it runs).
STALL_TIMEOUT = timedelta(seconds=60)


async def receive(
    *,
    engine: Engine,
    blobs: BlobStore,
    staging: StagingArea,
    settings: Settings,
    quota: QuotaGauge,
    capability: Capability,
    offset: int,
    content_length: int | None,
    checksum: Checksum | None,
    body: AsyncIterator[bytes],
    clock: Callable[[], datetime],
    stall_timeout: timedelta | None = None,
) -> UploadState:
    """Append a PATCH body at `offset` and return the upload's new state (see the module docstring).

    Raises BodyInterruptedError, UploadStalledError or UploadTooSlowError after keeping what may be kept.
    """
    # Only the holder of the upload's address may write (kua.uploads.capability); an unknown id, or a
    # stranger, makes no staging file and never holds the upload. `settle` reads the row again once held.
    upload_id = capability.upload_id
    upload = await opened(engine=engine, capability=capability)
    if upload.completed_at is not None:
        raise UploadCompletedError()
    with staging.hold(upload_id) as part:
        upload = await settle(engine=engine, blobs=blobs, part=part, upload_id=upload_id, now=clock())
        if upload.completed_at is not None:
            raise UploadCompletedError()
        if offset != upload.offset:
            raise OffsetMismatchError(f"The upload is at offset {upload.offset}, not {offset}; resume from there.")
        if content_length is not None and offset + content_length > upload.length:
            raise BodyExceedsLengthError()
        # Bytes count against the quota as they are received, and never into the reports' reserve.
        remaining = upload.length - offset
        await quota.ensure_room_now(remaining if content_length is None else content_length, for_upload=True)
        before = staging.digests.resume(upload_id, part.descriptor, offset)
        writer = _Writer(part, offset, checksum, before.copy() if before is not None else None)
        stall = (stall_timeout or STALL_TIMEOUT).total_seconds()
        pace = Pace(settings.body_grace_seconds, settings.body_min_bytes_per_second, stall)
        try:
            interruption = await _write(writer, body, length=upload.length, pace=pace)
        except BaseException:
            if before is not None:  # the file is back at `offset`, so is the digest
                staging.digests.keep(upload_id, part.descriptor, offset, before)
            raise
        end = writer.position
        if end == offset:
            state = UploadState.of(upload)
        elif end < upload.length:
            expires_at = expiry(settings, clock())
            moved = await to_thread.run_sync(
                partial(repository.advance, engine, upload_id, expected=offset, to=end, expires_at=expires_at)
            )
            if not moved:
                raise OffsetMismatchError("Another server process moved this upload's offset; ask with HEAD.")
            quota.add(end - offset)
            if writer.file_digest is not None:
                staging.digests.keep(upload_id, part.descriptor, end, writer.file_digest)
            state = replace(UploadState.of(upload), offset=end, expires_at=expires_at)
        else:
            staging.digests.forget(upload_id)
            state = await _complete(
                engine, blobs, part, writer, upload_id=upload_id, start=offset, sha256=upload.sha256, clock=clock
            )
            quota.add(end - offset)
    if interruption is not None:
        raise interruption
    return state


class _Writer:
    """Writes a PATCH body in blocks at its place in the staging file, hashing it on the way.

    Runs in a worker thread, so the event loop goes on receiving (pwrite and hashlib release the GIL).
    Two digests: the PATCH's Upload-Checksum, and the whole file's SHA-256 when it was followed so far.
    """

    def __init__(
        self, part: PartFile, start: int, checksum: Checksum | None, file_digest: "hashlib._Hash | None"
    ) -> None:
        self.part, self.start, self.position = part, start, start
        self.checksum = checksum
        self.checksum_digest = checksum.hasher() if checksum else None
        self.file_digest = file_digest

    def write(self, block: list[bytes]) -> None:
        size = sum(map(len, block))
        if not size:
            return
        self.part.write_all_at(self.position, block)
        self.part.start_writeback(self.position, size)
        for digest in (self.checksum_digest, self.file_digest):
            if digest is not None:
                for chunk in block:
                    digest.update(chunk)
        self.position += size

    def finish(self, block: list[bytes]) -> None:
        """Write the last block, check the PATCH's checksum, fsync, and free the page cache of what it wrote."""
        self.write(block)
        if self.checksum and self.checksum_digest and not self.checksum.matches(self.checksum_digest.digest()):
            raise ChecksumMismatchError()
        self.part.sync()
        self.part.drop_cached(self.start, self.position - self.start)


async def _write(
    writer: _Writer, body: AsyncIterator[bytes], *, length: int, pace: Pace
) -> BodyInterruptedError | UploadStalledError | UploadTooSlowError | None:
    """Write the body and fsync it; returns how it was interrupted, if it was (`writer.position` is where it ended).

    Chunks are checked as they arrive and written in blocks of BLOCK_SIZE, each in a worker thread
    while the next block arrives (_WriteBehind). On a refusal (not an age file, past the declared
    length, wrong checksum) nothing is kept.
    """
    position, interruption = writer.start, None
    block: list[bytes] = []  # the chunks as they came: no copying into one buffer
    block_size = 0
    writes = _WriteBehind(writer.write)
    try:
        try:
            # One cancel scope whose deadline moves on with each chunk: cheaper than a timeout per chunk.
            # The next chunk is due by the minimum rate's deadline or the stall limit (kua.intake.pace).
            started = anyio.current_time()
            deadline, too_slow = pace.next_deadline(started=started, received=0, now=started)
            with anyio.CancelScope(deadline=deadline) as silence:
                async for chunk in body:
                    received = position + len(chunk) - writer.start
                    silence.deadline, too_slow = pace.next_deadline(
                        started=started, received=received, now=anyio.current_time()
                    )
                    if not chunk:
                        continue
                    if position + len(chunk) > length:
                        raise BodyExceedsLengthError()
                    _check_age_header(position, chunk)
                    position += len(chunk)
                    block.append(chunk)
                    block_size += len(chunk)
                    if block_size >= BLOCK_SIZE or len(block) >= BLOCK_CHUNKS:
                        block, full, block_size = [], block, 0
                        await writes.submit(full)
            if silence.cancelled_caught:
                raise UploadTooSlowError() if too_slow else UploadStalledError()
        except (BodyInterruptedError, UploadStalledError, UploadTooSlowError) as error:
            if writer.checksum is not None:
                raise  # the bytes that came cannot be verified: none is kept
            interruption = error
        await writes.settle()
        await to_thread.run_sync(writer.finish, block)
    except BaseException:
        with anyio.CancelScope(shield=True):
            await writes.wait()  # a write still running would land after the cut
            await to_thread.run_sync(writer.part.cut_to, writer.start)
        raise
    return interruption


class _WriteBehind:
    """Runs each block's write (hashing, pwrite) in a worker thread while the next block arrives.

    One write at a time and in order: a block is submitted only when the one before is written, so
    an upload holds at most two blocks in memory. Receiving and hashing overlap, on two cores.
    """

    def __init__(self, write: Callable[[list[bytes]], None]) -> None:
        self._write = write
        self._running: asyncio.Future[None] | None = None

    async def submit(self, block: list[bytes]) -> None:
        await self.settle()
        self._running = asyncio.get_running_loop().run_in_executor(None, self._write, block)

    async def settle(self) -> None:
        """Until the running write is done; raises its error. A cancelled caller leaves the write running."""
        if self._running is not None:
            await asyncio.shield(self._running)
            self._running = None

    async def wait(self) -> None:
        """Until no write runs, whatever its outcome (before the file is cut back)."""
        if self._running is not None:
            await asyncio.wait([self._running])


def _check_age_header(position: int, chunk: bytes) -> None:
    """Bytes that land in the first bytes of the file must be the age header."""
    if position < len(AGE_MAGIC):
        expected = AGE_MAGIC[position : position + len(chunk)]
        if chunk[: len(expected)] != expected:
            raise NotAnAgeFileError()


async def _complete(
    engine: Engine,
    blobs: BlobStore,
    part: PartFile,
    writer: _Writer,
    *,
    upload_id: uuid.UUID,
    start: int,
    sha256: str,
    clock: Callable[[], datetime],
) -> UploadState:
    """The last byte is in: verify the whole file, commit the completion, move the file into blob storage."""
    if writer.file_digest is not None:
        whole = writer.file_digest.hexdigest()
    else:  # this process did not follow every byte (a restart, another process): read the file again
        whole = await to_thread.run_sync(part.sha256)
    if whole != sha256:
        # Lower the durable offset first, then drop the bytes: the row never counts bytes the disk lacks.
        if start > 0:
            await to_thread.run_sync(partial(repository.rewind, engine, upload_id, expected=start, to=0))
        await to_thread.run_sync(part.cut_to, 0)
        raise AttachmentHashMismatchError()
    key = blob_key(upload_id)
    completed = await to_thread.run_sync(
        partial(repository.complete, engine, upload_id, expected=start, blob_key=key, now=clock())
    )
    if not completed:
        raise OffsetMismatchError("Another server process moved this upload's offset; ask with HEAD.")
    # Committed first, moved second: a crash in between is finished by the next settle or clean-up.
    await blobs.adopt(key, part.path)
    upload = await live(engine=engine, upload_id=upload_id, now=clock())
    return UploadState.of(upload)
