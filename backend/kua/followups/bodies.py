"""The body of a question or an answer: an age file of at most 64 KiB, checked as it arrives.

The same check as reports get (kua.intake.body, through kua.api.request_body): the first bytes must
be the age magic, so no plaintext is ever kept by mistake, and the size is counted while the body
streams in.
"""

from kua.followups.errors import FollowupTooLargeError

MAX_FOLLOWUP_BYTES = 64 * 1024


def too_large() -> FollowupTooLargeError:
    return FollowupTooLargeError(f"A sealed question or answer may have at most {MAX_FOLLOWUP_BYTES} bytes.")
