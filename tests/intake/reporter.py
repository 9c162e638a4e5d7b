"""What a phone does, in Python: seal a report to a recipient and send it as the app does."""

import uuid

import httpx

from kua.crypto import age
from kua.crypto.keys import generate_identity, identity_to_recipient, parse_recipient
from kua.crypto.padding import pad

REVIEWER_IDENTITY = generate_identity("pq")
REVIEWER = parse_recipient(identity_to_recipient(REVIEWER_IDENTITY))


def seal_report(text: str) -> bytes:
    return age.encrypt_bytes(pad(text.encode()), [REVIEWER])


def new_report_id() -> uuid.UUID:
    return uuid.uuid4()


def send_report(base_url: str, report_id: uuid.UUID | str, body: bytes, **headers: str) -> httpx.Response:
    headers = {"Content-Type": "application/octet-stream", **headers}
    return httpx.put(f"{base_url}/api/v1/reports/{report_id}", content=body, headers=headers, timeout=30)
