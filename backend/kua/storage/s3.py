"""Blob store in an S3-compatible bucket (AWS S3, SeaweedFS, MinIO, Garage), through boto3.

Durability is the object store's: an object exists once PutObject or CompleteMultipartUpload has
succeeded, and not before (the parts of a multipart upload are invisible until it completes). Keys
are never overwritten: every write carries `If-None-Match: *`, and a taken key answers 412, raised
as FileExistsError. Bodies larger than one part go up in parts of `part_size` while they stream in,
so memory stays bounded; a stream that raises aborts its multipart upload, and an upload that a
crash left unfinished is aborted by `remove_leftovers` at the next start.

boto3 is synchronous: every call runs in a worker thread, at most `max_connections` at a time (the
size of the client's connection pool too). Every failure of the store is an OSError, as for files.
"""

import hashlib
import logging
import uuid
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import boto3
from anyio import CancelScope, CapacityLimiter, to_thread
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from kua.storage.blobs import StoredBlob, checked_key

if TYPE_CHECKING:
    from types_boto3_s3 import S3Client
    from types_boto3_s3.type_defs import CompletedPartTypeDef

logger = logging.getLogger(__name__)

MiB = 1024 * 1024
PART_SIZE = 8 * MiB  # S3 wants at least 5 MiB in every part but the last
DEFAULT_MAX_CONNECTIONS = 16
_READ_SIZE = 64 * 1024
_PROBES = ".kua-ready/"  # outside every key a report or an attachment can have

T = TypeVar("T")


class BlobStoreError(OSError):
    """The object store refused a request or could not be reached; the message names the S3 error code."""


def _translated(error: ClientError | BotoCoreError) -> OSError:
    """The OSError that says the same as a boto3 error (never its request: it may carry a signed URL)."""
    if isinstance(error, BotoCoreError):
        return BlobStoreError(f"The object store cannot be used: {type(error).__name__}.")
    code = str(error.response.get("Error", {}).get("Code", ""))
    status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    if status == 412 or code == "PreconditionFailed":
        return FileExistsError("The blob exists already; objects are immutable.")
    if status == 404 or code in ("NoSuchKey", "NotFound"):
        return FileNotFoundError(f"No such blob in the object store ({code or status}).")
    return BlobStoreError(f"The object store refused the request: {code or status}.")


def _call(method: Callable[..., T], /, **arguments: Any) -> T:
    try:
        return method(**arguments)
    except (ClientError, BotoCoreError) as error:
        raise _translated(error) from error


def _every_page(pages: Iterable[T]) -> list[T]:
    return _call(lambda: [*pages])  # the pages are requested while iterating: errors are translated too


def connect(
    *,
    bucket: str,
    endpoint_url: str | None,
    region: str,
    access_key_id: str | None,
    secret_access_key: str | None,
    max_connections: int = DEFAULT_MAX_CONNECTIONS,
) -> "S3BlobStore":
    """A store on `bucket`; without keys, boto3's own chain (AWS_ACCESS_KEY_ID..., a role) provides them.

    Nothing is sent until the first request: a wrong endpoint or key shows in `check()` (/readyz).
    """
    session = boto3.session.Session(
        aws_access_key_id=access_key_id, aws_secret_access_key=secret_access_key, region_name=region
    )
    config = Config(
        max_pool_connections=max_connections,
        connect_timeout=5,
        read_timeout=60,
        retries={"mode": "standard", "max_attempts": 3},
        # Self-hosted stores serve buckets as paths; AWS prefers (and for new regions requires) host names.
        s3={"addressing_style": "path" if endpoint_url else "virtual"},
    )
    client = session.client("s3", endpoint_url=endpoint_url or None, config=config)
    return S3BlobStore(client, bucket, max_connections=max_connections)


class S3BlobStore:
    """Objects in one bucket, under the same keys as the local store (lower-case relative paths)."""

    def __init__(
        self,
        client: "S3Client",
        bucket: str,
        *,
        part_size: int = PART_SIZE,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
    ) -> None:
        self.client = client
        self.bucket = bucket
        self.part_size = part_size
        self._limiter = CapacityLimiter(max_connections)

    def __repr__(self) -> str:
        return f"S3BlobStore(bucket={self.bucket!r})"

    async def _run(self, method: Callable[..., T], /, **arguments: Any) -> T:
        return await to_thread.run_sync(partial(_call, method, **arguments), limiter=self._limiter)

    async def put(self, key: str, chunks: AsyncIterator[bytes]) -> StoredBlob:
        digest, size = hashlib.sha256(), 0

        async def counted() -> AsyncIterator[bytes]:
            nonlocal size
            async for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                yield chunk

        await self._upload(checked_key(key), _in_parts(counted(), self.part_size))
        return StoredBlob(key, digest.hexdigest(), size)

    async def adopt(self, key: str, path: Path) -> None:
        """Upload a finished local file as `key`, then delete the file (a crash before that: adopt again)."""
        await self._upload(checked_key(key), _file_parts(path, self.part_size))
        # Not fsynced: if a crash brings the file back, the object exists and the next settle removes it.
        await to_thread.run_sync(partial(path.unlink, missing_ok=True))

    async def _upload(self, key: str, parts: AsyncIterator[bytes]) -> None:
        """One PutObject for a body of one part, else a multipart upload; aborted if anything raises."""
        first = await anext(parts, b"")
        second = await anext(parts, None)
        if second is None:
            await self._run(self.client.put_object, Bucket=self.bucket, Key=key, Body=first, IfNoneMatch="*")
            return
        created = await self._run(self.client.create_multipart_upload, Bucket=self.bucket, Key=key)
        upload_id = created["UploadId"]
        sent: list[CompletedPartTypeDef] = []
        try:
            for part in (first, second):
                sent.append(await self._upload_part(key, upload_id, len(sent) + 1, part))
            async for part in parts:
                sent.append(await self._upload_part(key, upload_id, len(sent) + 1, part))
            await self._run(
                self.client.complete_multipart_upload,
                Bucket=self.bucket,
                Key=key,
                UploadId=upload_id,
                MultipartUpload={"Parts": sent},
                IfNoneMatch="*",
            )
        except BaseException:
            with CancelScope(shield=True):  # a cancelled request still gives its parts back
                await self._abort(key, upload_id)
            raise

    async def _upload_part(self, key: str, upload_id: str, number: int, body: bytes) -> "CompletedPartTypeDef":
        response = await self._run(
            self.client.upload_part, Bucket=self.bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=body
        )
        return {"PartNumber": number, "ETag": response["ETag"]}

    async def _abort(self, key: str, upload_id: str) -> None:
        try:
            await self._run(self.client.abort_multipart_upload, Bucket=self.bucket, Key=key, UploadId=upload_id)
        except OSError as error:  # left for remove_leftovers at the next start
            logger.warning("An unfinished multipart upload could not be aborted: %s", error)

    async def read(self, key: str) -> AsyncIterator[bytes]:
        response = await self._run(self.client.get_object, Bucket=self.bucket, Key=checked_key(key))
        body = response["Body"]
        try:
            while chunk := await self._run(body.read, amt=_READ_SIZE):
                yield chunk
        finally:
            body.close()

    async def exists(self, key: str) -> bool:
        try:
            await self._run(self.client.head_object, Bucket=self.bucket, Key=checked_key(key))
        except FileNotFoundError:
            return False
        return True

    async def delete(self, key: str) -> None:
        await self._run(self.client.delete_object, Bucket=self.bucket, Key=checked_key(key))

    async def check(self) -> None:
        """Write and delete a probe object: proves the endpoint, the keys, the bucket and write permission."""
        probe = f"{_PROBES}{uuid.uuid4().hex}"
        await self._run(self.client.put_object, Bucket=self.bucket, Key=probe, Body=b"ready")
        await self._run(self.client.delete_object, Bucket=self.bucket, Key=probe)

    def put_bytes(self, key: str, data: bytes) -> None:
        """One PutObject (up to 5 GiB), durable when it returns; for migrations, without an event loop."""
        _call(self.client.put_object, Bucket=self.bucket, Key=checked_key(key), Body=data, IfNoneMatch="*")

    def list(self, prefix: str) -> list[tuple[str, datetime]]:
        """Every (key, last-modified time) under a key prefix, page by page."""
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix)
        return [
            (item["Key"], item["LastModified"])
            for page in _every_page(pages)
            for item in page.get("Contents", [])
            if not item["Key"].startswith(_PROBES)
        ]

    def remove_leftovers(self, older_than: timedelta) -> int:
        """Abort the multipart uploads a crash left unfinished, once older than `older_than`; how many."""
        cutoff = datetime.now(UTC) - older_than
        pages = self.client.get_paginator("list_multipart_uploads").paginate(Bucket=self.bucket)
        stale = [upload for page in _every_page(pages) for upload in page.get("Uploads", [])]
        aborted = 0
        for upload in stale:
            if upload["Initiated"] < cutoff:
                _call(
                    self.client.abort_multipart_upload,
                    Bucket=self.bucket,
                    Key=upload["Key"],
                    UploadId=upload["UploadId"],
                )
                aborted += 1
        return aborted


async def _in_parts(chunks: AsyncIterator[bytes], size: int) -> AsyncIterator[bytes]:
    """The bytes of `chunks` regrouped into parts of exactly `size` bytes, the last one shorter."""
    buffer = bytearray()
    async for chunk in chunks:
        buffer += chunk
        while len(buffer) >= size:
            yield bytes(buffer[:size])
            del buffer[:size]
    if buffer:
        yield bytes(buffer)


async def _file_parts(path: Path, size: int) -> AsyncIterator[bytes]:
    with open(path, "rb") as handle:
        while part := await to_thread.run_sync(handle.read, size):
            yield part
