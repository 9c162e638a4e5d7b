"""Checks applied to a ciphertext body while it streams in, before any byte is kept."""

from collections.abc import AsyncIterator, Callable

from kua.crypto.age.header import AGE_MAGIC
from kua.intake.errors import NotAnAgeFileError, ReportTooLargeError


def report_too_large(max_bytes: int) -> ReportTooLargeError:
    return ReportTooLargeError(f"The report is larger than the limit of {max_bytes} bytes.")


async def checked_age_body(chunks: AsyncIterator[bytes], *, max_bytes: int) -> AsyncIterator[bytes]:
    """Pass `chunks` through, refusing a body that is not an age file or that grows past `max_bytes`.

    The first bytes are held back until they prove to be the age header, so nothing that could be
    plaintext ever reaches storage; the size is counted as bytes arrive, never by buffering the body.
    """
    prefix, size = b"", 0
    async for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            raise report_too_large(max_bytes)
        if len(prefix) < len(AGE_MAGIC):
            prefix += chunk
            if not AGE_MAGIC.startswith(prefix[: len(AGE_MAGIC)]):
                raise NotAnAgeFileError()
            if len(prefix) < len(AGE_MAGIC):
                continue
            chunk, prefix = prefix, AGE_MAGIC
        yield chunk
    if len(prefix) < len(AGE_MAGIC):
        raise NotAnAgeFileError()


async def whole_small_age_file(
    chunks: AsyncIterator[bytes], *, max_bytes: int, too_large: Callable[[], Exception]
) -> bytes:
    """A small age file (a note, a question...) whole; NotAnAgeFileError, or `too_large()` past `max_bytes`."""
    try:
        return b"".join([chunk async for chunk in checked_age_body(chunks, max_bytes=max_bytes)])
    except ReportTooLargeError:
        raise too_large() from None


async def whole_if_small(chunks: AsyncIterator[bytes], *, limit: int) -> bytes | AsyncIterator[bytes]:
    """The whole body if it has at most `limit` bytes; otherwise a stream of all of it, still to be read.

    So a small body is held in memory (`limit` bytes per request, and one more network chunk at most)
    and a large one is streamed.
    """
    stream, head = aiter(chunks), bytearray()
    async for chunk in stream:
        head += chunk
        if len(head) > limit:
            return _prepended(bytes(head), stream)
    return bytes(head)


async def _prepended(first: bytes, rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    yield first
    async for chunk in rest:
        yield chunk
