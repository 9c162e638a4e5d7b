"""The body of a question or an answer: an age file of at most 64 KiB, checked as it arrives.

The same check as reports get (kua.intake.body): the first bytes must be the age header, so no
plaintext is ever kept by mistake, and the size is counted while the body streams in.
"""

from collections.abc import AsyncIterator

from kua.followups.errors import MessageTooLargeError
from kua.intake.body import whole_small_age_file

MAX_MESSAGE_BYTES = 64 * 1024


def too_large() -> MessageTooLargeError:
    return MessageTooLargeError(f"A sealed question or answer may have at most {MAX_MESSAGE_BYTES} bytes.")


async def read_message(chunks: AsyncIterator[bytes]) -> bytes:
    """The whole age file; NotAnAgeFileError or MessageTooLargeError otherwise."""
    return await whole_small_age_file(chunks, max_bytes=MAX_MESSAGE_BYTES, too_large=too_large)
