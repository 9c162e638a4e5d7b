"""What a phone does, in Python: seal a report to a recipient and send it as the app does."""

import base64
import hashlib
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


def reporter_token_for(report_id: uuid.UUID | str) -> str:
    """The reporter token these tests' phone drew for a report (43 base64url characters, as the app's).

    Derived from the id so that a test can later prove it sent the report without keeping the token.
    """
    return base64.urlsafe_b64encode(hashlib.sha256(f"token of {report_id}".encode()).digest()).decode().rstrip("=")


def send_report(base_url: str, report_id: uuid.UUID | str, body: bytes, **headers: str) -> httpx.Response:
    """PUT a report as the app does, declaring its reporter token's digest (pass the header as "" to send none)."""
    token_sha256 = hashlib.sha256(reporter_token_for(report_id).encode()).hexdigest()
    headers = {"Content-Type": "application/octet-stream", "Kua-Reporter-Token-Sha256": token_sha256, **headers}
    headers = {name: value for name, value in headers.items() if value != ""}
    return httpx.put(f"{base_url}/api/v1/reports/{report_id}", content=body, headers=headers, timeout=30)


def status_claims(*report_ids: uuid.UUID | str, token_of: dict[str, str] | None = None) -> dict[str, object]:
    """The body of `POST /api/v1/reports/status`: each report with its reporter token."""
    tokens = token_of or {}
    return {
        "reports": [
            {"report_id": str(i), "reporter_token": tokens.get(str(i), reporter_token_for(i))} for i in report_ids
        ]
    }


def report_status(base_url: str, *report_ids: uuid.UUID | str) -> httpx.Response:
    """What the phone asks after losing responses: which of its reports are stored (tokens shown)."""
    return httpx.post(f"{base_url}/api/v1/reports/status", json=status_claims(*report_ids), timeout=30)
