"""Checks applied to a ciphertext body while it streams in, before any byte is kept."""

from collections.abc import AsyncIterator

from kua.intake.errors import NotAnAgeFileError, ReportTooLargeError

AGE_HEADER = b"age-encryption.org/v1\n"


async def checked_age_body(chunks: AsyncIterator[bytes], *, max_bytes: int) -> AsyncIterator[bytes]:
    """Pass `chunks` through, refusing a body that is not an age file or that grows past `max_bytes`.

    The first bytes are held back until they prove to be the age header, so nothing that could be
    plaintext ever reaches storage; the size is counted as bytes arrive, never by buffering the body.
    """
    prefix, size = b"", 0
    async for chunk in chunks:
        size += len(chunk)
        if size > max_bytes:
            raise ReportTooLargeError(f"The report is larger than the limit of {max_bytes} bytes.")
        if len(prefix) < len(AGE_HEADER):
            prefix += chunk
            if not AGE_HEADER.startswith(prefix[: len(AGE_HEADER)]):
                raise NotAnAgeFileError()
            if len(prefix) < len(AGE_HEADER):
                continue
            chunk, prefix = prefix, AGE_HEADER
        yield chunk
    if len(prefix) < len(AGE_HEADER):
        raise NotAnAgeFileError()
