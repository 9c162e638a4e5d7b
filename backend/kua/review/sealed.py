"""Note texts, case titles and cases' people maps: age files sealed in the browser to the recipient list,
at most 64 KiB each.

They get the same check as reports (kua.intake.body, through kua.api.request_body): the body must
start as an age file, so no plaintext is kept by mistake, and its size is counted as it arrives.
"""

from kua.review.errors import SealedTextTooLargeError

MAX_SEALED_BYTES = 64 * 1024


def too_large() -> SealedTextTooLargeError:
    return SealedTextTooLargeError(f"A sealed note or case title may have at most {MAX_SEALED_BYTES} bytes.")


def people_map_too_large() -> SealedTextTooLargeError:
    return SealedTextTooLargeError(f"A sealed people map may have at most {MAX_SEALED_BYTES} bytes.")
