"""Note texts and case titles: age files sealed in the browser to the recipient list, at most 64 KiB.

The same check as reports get (kua.intake.body): the body must start as an age file, so no plaintext
is kept by mistake, and its size is counted as it arrives.
"""

from collections.abc import AsyncIterator

from kua.intake.body import checked_age_body
from kua.intake.errors import ReportTooLargeError
from kua.review.errors import SealedTextTooLargeError

MAX_SEALED_BYTES = 64 * 1024


def too_large() -> SealedTextTooLargeError:
    return SealedTextTooLargeError(f"A sealed note or case title may have at most {MAX_SEALED_BYTES} bytes.")


async def read_sealed(chunks: AsyncIterator[bytes]) -> bytes:
    """The whole age file; NotAnAgeFileError or SealedTextTooLargeError otherwise."""
    try:
        return b"".join([chunk async for chunk in checked_age_body(chunks, max_bytes=MAX_SEALED_BYTES)])
    except ReportTooLargeError:
        raise too_large() from None
