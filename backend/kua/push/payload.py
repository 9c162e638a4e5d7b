"""The one plaintext every push carries: the same bytes for reviewers and families, every time.

Push services see a push's size and timing, and a seized phone may keep the last one: the plaintext
says only that there is something to look at. It is JSON (the service workers parse it) padded with
spaces to PLAINTEXT_LENGTH, so a future kind of push keeps the same size. RFC 8291 encryption adds a
fixed overhead, so every push body on the wire has the same length too.
"""

import json

PLAINTEXT_LENGTH = 128
_ACTIVITY = json.dumps({"v": 1, "kind": "activity"}, separators=(",", ":")).encode("ascii")


def padded(message: bytes) -> bytes:
    """`message` followed by spaces up to PLAINTEXT_LENGTH (still valid JSON)."""
    if len(message) > PLAINTEXT_LENGTH:
        raise ValueError("A push message is longer than the fixed plaintext length.")
    return message + b" " * (PLAINTEXT_LENGTH - len(message))


ACTIVITY = padded(_ACTIVITY)
