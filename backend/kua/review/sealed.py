"""Note texts and case titles: age files sealed in the browser to the recipient list, at most 64 KiB.

The same check as reports get (kua.intake.body): the body must start as an age file, so no plaintext
is kept by mistake, and its size is counted as it arrives.
"""

from collections.abc import AsyncIterator

from kua.intake.body import whole_small_age_file
from kua.review.errors import SealedTextTooLargeError

MAX_SEALED_BYTES = 64 * 1024


def too_large() -> SealedTextTooLargeError:
    return SealedTextTooLargeError(f"A sealed note or case title may have at most {MAX_SEALED_BYTES} bytes.")


async def read_sealed(chunks: AsyncIterator[bytes]) -> bytes:
    """The whole age file; NotAnAgeFileError or SealedTextTooLargeError otherwise."""
    return await whole_small_age_file(chunks, max_bytes=MAX_SEALED_BYTES, too_large=too_large)
