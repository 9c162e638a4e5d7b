"""A phone's sync in Python, request for request what the reporter app sends (frontend/src/reporter/sync/).

- A report: `PUT /api/v1/reports/{id}` with the age file and `Kua-Attachment-Ids`; the phone keeps
  it until a JSON receipt names this id, the SHA-256 and size of the bytes sent and a time
  (putReport.ts `checkReceipt`). Any other answer, a captive portal's `200` page included, is a
  failure to retry. A lost receipt is recovered as the app does: the same id and bytes again answer
  `200` with the original receipt.
- Its photos, after the receipt (drain.ts): tus as tus-js-client 4 does it with the app's options
  (tus.ts): create with `Upload-Metadata` id and sha256, PATCH 1 MiB chunks from the offset the
  server gave, and on a failure retry after 0, 1 and 3 s (409, 423, 429, 5xx and no answer only),
  resuming with HEAD; a HEAD that is not 2xx creates again (the server answers with the same upload).
  Complete only when the last PATCH's offset is the length, or a HEAD shows that and echoes our
  SHA-256. The app sends no `Upload-Checksum` (tus-js-client has none); half the photos here add
  `Upload-Checksum: sha256` to every PATCH, so both of the server's ways of taking a cut PATCH run.
- The drain: one pass over the outbox in order; once a request found no network the rest of the
  pass is recorded offline without trying; after a pass with failures, the next one waits the app's
  backoff with jitter (backoff.ts), and every item not yet sent is tried again. A refusal (a 4xx,
  409 included) schedules nothing: if nothing else is due, the phone waits for a wake-up (the app
  opened, `online`), here `WAKE_UP_SECONDS` later.

Waits are the app's, shrunk so that a run takes minutes: backoff base 5 s and cap 15 min become
0.1 s and 2 s; tus-js-client's retry delays 0, 1, 3 s become 0, 0.2, 0.6 s.
"""

import base64
import hashlib
import json
import random
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal
from urllib.parse import urljoin

import httpx

ErrorCode = Literal["offline", "server", "refused"]

BACKOFF_BASE_SECONDS = 0.1
BACKOFF_CAP_SECONDS = 2.0
TUS_RETRY_DELAYS = (0.0, 0.2, 0.6)
WAKE_UP_SECONDS = 1.0
WAKE_UPS = "wake-ups (refused items only: nothing scheduled)"
CHUNK_BYTES = 1024 * 1024
TUS = {"Tus-Resumable": "1.0.0"}
REQUEST_TIMEOUT = httpx.Timeout(120.0, connect=10.0)


@dataclass
class Photo:
    """A sealed photo in the outbox; its ciphertext is dropped once the server holds all of it."""

    attachment_id: uuid.UUID
    ciphertext: bytes
    checksum: bool  # send Upload-Checksum: sha256 with every PATCH
    sha256: str = ""
    length: int = 0
    upload_url: str | None = None
    acknowledged: int = 0  # the highest offset the server gave
    complete: bool = False

    def __post_init__(self) -> None:
        self.sha256 = hashlib.sha256(self.ciphertext).hexdigest()
        self.length = len(self.ciphertext)


@dataclass
class Report:
    """A sealed report in the outbox with its photos; its ciphertext is dropped on a checked receipt."""

    report_id: uuid.UUID
    ciphertext: bytes
    photos: list[Photo] = field(default_factory=list)
    sha256: str = ""
    receipt: dict[str, object] | None = None
    attempts: int = 0
    next_attempt_at: float = 0.0

    def __post_init__(self) -> None:
        self.sha256 = hashlib.sha256(self.ciphertext).hexdigest()

    @property
    def done(self) -> bool:
        return self.receipt is not None and all(photo.complete for photo in self.photos)


class Progress:
    """How far the phones got: the mean of the share of receipts and of photo bytes the server took.

    The killer waits on `changed` for its moments, so a kill follows the acknowledgement that reached
    it at once, while the rest of the run is still to be sent.
    """

    def __init__(self, reports: int, photo_bytes: int) -> None:
        self.reports, self.photo_bytes = reports, photo_bytes
        self.changed = threading.Condition()
        self._receipts = 0
        self._photo_bytes = 0

    def receipt(self) -> None:
        with self.changed:
            self._receipts += 1
            self.changed.notify_all()

    def photo_offset(self, photo: "Photo", offset: int) -> None:
        """The server holds `offset` bytes of `photo` (a tus offset)."""
        with self.changed:
            if offset > photo.acknowledged:
                self._photo_bytes += offset - photo.acknowledged
                photo.acknowledged = offset
                self.changed.notify_all()

    def fraction(self) -> float:
        with self.changed:
            photos = self._photo_bytes / self.photo_bytes if self.photo_bytes else 1.0
            return (self._receipts / self.reports + photos) / 2


def backoff_delay(attempts: int, rng: random.Random) -> float:
    """backoff.ts: equal jitter, half fixed and half random, doubling from the base up to the cap."""
    ceiling = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2.0 ** max(0, attempts - 1))
    return ceiling / 2 + rng.random() * ceiling / 2


def check_receipt(response: httpx.Response, report: Report) -> dict[str, object] | None:
    """putReport.ts `checkReceipt`: the receipt if it names this report and these exact bytes, else None."""
    if response.status_code not in (200, 201):
        return None
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if not isinstance(body, dict):
        return None
    if str(body.get("report_id", "")).lower() != str(report.report_id):
        return None
    if str(body.get("sha256", "")).lower() != report.sha256:
        return None
    if "size" in body and body["size"] != len(report.ciphertext):
        return None
    try:
        datetime.fromisoformat(str(body.get("received_at")))
    except ValueError:
        return None
    return body


def code_for_status(status: int) -> ErrorCode:
    """errors.ts `codeForStatus`."""
    if status >= 500 or status in (408, 425, 429):
        return "server"
    return "refused" if status >= 400 else "server"


class _TusError(Exception):
    def __init__(self, response: httpx.Response | None) -> None:
        super().__init__(None if response is None else response.status_code)
        self.response = response


class Phone:
    """One reporter app: an outbox of reports (each with its photos) drained through `base_url`."""

    def __init__(self, name: str, base_url: str, outbox: list[Report], progress: Progress, seed: int) -> None:
        self.name = name
        self.base_url = base_url
        self.endpoint = f"{base_url}/api/v1/uploads/"
        self.outbox = outbox
        self.progress = progress
        self.rng = random.Random(seed)
        self.tally: Counter[str] = Counter()
        self.http = httpx.Client(timeout=REQUEST_TIMEOUT)
        self._offset: int | None = None  # tus-js-client's `_offset`: the last offset the server gave
        self.error: BaseException | None = None  # what ended `drain` early (a bug in this harness)

    def drain(self, deadline: float) -> None:
        """Passes until every report has its receipt and every photo is complete, or `deadline`."""
        try:
            while (waiting := [report for report in self.outbox if not report.done]) and time.monotonic() < deadline:
                self._pass(waiting)
                due = [report.next_attempt_at for report in waiting if not report.done and report.next_attempt_at]
                if not due and any(not report.done for report in waiting):
                    self.tally[WAKE_UPS] += 1
                    due = [time.monotonic() + WAKE_UP_SECONDS]
                if due:  # the phone's own backoff: it waits until its next attempt is due, as the app does
                    time.sleep(max(0.0, min(min(due) - time.monotonic(), deadline - time.monotonic())))
        except BaseException as error:
            self.error = error
        finally:
            self.http.close()

    def _pass(self, items: list[Report]) -> None:
        self.tally["passes"] += 1
        offline = False
        for report in items:
            error = "offline" if offline else self._send(report)
            offline = offline or error == "offline"
            if error is not None:
                report.attempts += 1
                # drain.ts: a refusal will not change by waiting, so no timer (the next wake-up still tries)
                delay = None if error == "refused" else backoff_delay(report.attempts, self.rng)
                report.next_attempt_at = 0.0 if delay is None else time.monotonic() + delay
                self.tally[f"failed: {error}"] += 1

    def _send(self, report: Report) -> ErrorCode | None:
        if report.receipt is None:
            error = self._put_report(report)
            if error is not None:
                return error
        for photo in report.photos:
            if not photo.complete:
                error = self._upload(photo)
                if error is not None:
                    return error
        return None

    def _put_report(self, report: Report) -> ErrorCode | None:
        headers = {"Content-Type": "application/octet-stream"}
        if report.photos:
            headers["Kua-Attachment-Ids"] = ",".join(str(photo.attachment_id) for photo in report.photos)
        self.tally["report PUTs"] += 1
        try:
            response = self.http.put(
                f"{self.base_url}/api/v1/reports/{report.report_id}", content=report.ciphertext, headers=headers
            )
        except httpx.TransportError:
            return "offline"
        receipt = check_receipt(response, report)
        if receipt is None:
            if response.status_code in (200, 201):
                self.tally["not a receipt (200 without one)"] += 1
            return self._failure(response)
        if response.status_code == 200:
            self.tally["receipt recovered by sending again"] += 1
        report.receipt = receipt
        report.ciphertext = b""  # the phone deletes its copy: only the receipt is kept
        report.attempts = 0
        self.progress.receipt()
        return None

    # tus-js-client 4 with the options of frontend/src/reporter/sync/tus.ts

    def _upload(self, photo: Photo) -> ErrorCode | None:
        retry_attempt, offset_before_retry = 0, 0
        self._offset = None  # the app makes a new tus Upload for every drain pass
        while True:
            try:
                outcome = self._tus_attempt(photo)
                if outcome:
                    photo.complete = True
                    photo.ciphertext = b""
                    self.progress.photo_offset(photo, photo.length)
                    return None
                return "server"  # complete, but per a HEAD that does not echo our SHA-256
            except _TusError as error:
                offset = self._offset
                if offset is not None and offset > offset_before_retry:
                    retry_attempt = 0  # progress since the last retry: the delays start over
                if retry_attempt < len(TUS_RETRY_DELAYS) and self._should_retry(error):
                    self.tally["tus retries"] += 1
                    time.sleep(TUS_RETRY_DELAYS[retry_attempt])  # tus-js-client's retry delays, as on the phone
                    retry_attempt += 1
                    offset_before_retry = offset or 0
                    continue
                return "offline" if error.response is None else self._failure(error.response)

    def _failure(self, response: httpx.Response) -> ErrorCode:
        code = code_for_status(response.status_code)
        if code == "refused":
            self.tally[f"refused: {response.status_code} {_error_code(response)}"] += 1
        return code

    @staticmethod
    def _should_retry(error: _TusError) -> bool:
        """tus.ts `shouldRetry`: no answer, 409 (busy, offset mismatch), 423, 429 and 5xx."""
        if error.response is None:
            return True
        status = error.response.status_code
        return status in (409, 423, 429) or status >= 500

    def _tus_attempt(self, photo: Photo) -> bool:
        """One `start()` of tus-js-client: resume (HEAD) or create, then PATCH to the end."""
        if photo.upload_url is not None:
            head = self._request("HEAD", photo.upload_url)
            if head.status_code == 423:
                raise _TusError(head)
            if not head.is_success:
                photo.upload_url = None  # tus-js-client creates the upload again (same id: same upload)
            else:
                offset, length = _int_header(head, "Upload-Offset"), _int_header(head, "Upload-Length")
                if offset is None or length is None:
                    raise _TusError(head)
                self._offset = offset
                self.progress.photo_offset(photo, offset)
                if offset == length:
                    metadata = head.headers.get("Upload-Metadata")
                    return metadata is None or _metadata(metadata).get("sha256") == photo.sha256
        if photo.upload_url is None:
            created = self._request(
                "POST",
                self.endpoint,
                {"Upload-Length": str(photo.length), "Upload-Metadata": _encode_metadata(photo)},
            )
            location = created.headers.get("Location")
            if not created.is_success or not location:
                raise _TusError(created)
            photo.upload_url = urljoin(self.endpoint, location)
            self._offset = 0  # even when the server already holds some: a 409 then sends it to HEAD
        offset = self._offset
        while offset is not None and offset < photo.length:
            chunk = photo.ciphertext[offset : offset + CHUNK_BYTES]
            headers = {"Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"}
            if photo.checksum:
                headers["Upload-Checksum"] = "sha256 " + base64.b64encode(hashlib.sha256(chunk).digest()).decode()
            patched = self._request("PATCH", photo.upload_url, headers, chunk)
            offset = _int_header(patched, "Upload-Offset")
            if not patched.is_success or offset is None:
                raise _TusError(patched)
            self._offset = offset
            self.progress.photo_offset(photo, offset)
        return True  # the last PATCH's offset is the length

    def _request(
        self, method: str, url: str, headers: dict[str, str] | None = None, body: bytes | None = None
    ) -> httpx.Response:
        self.tally[f"tus {method}"] += 1
        try:
            response = self.http.request(method, url, headers={**TUS, **(headers or {})}, content=body)
        except httpx.TransportError as error:
            raise _TusError(None) from error
        if response.status_code in (409, 423, 460):
            self.tally[f"answered {response.status_code} {_error_code(response)}"] += 1
        return response


def _int_header(response: httpx.Response, name: str) -> int | None:
    try:
        return int(response.headers[name])
    except (KeyError, ValueError):
        return None


def _encode_metadata(photo: Photo) -> str:
    pairs = {"id": str(photo.attachment_id), "sha256": photo.sha256}
    return ",".join(f"{key} {base64.b64encode(value.encode()).decode()}" for key, value in pairs.items())


def _metadata(header: str) -> dict[str, str]:
    """tus.ts `parseUploadMetadata`."""
    pairs: dict[str, str] = {}
    for pair in header.split(","):
        key, _, value = pair.strip().partition(" ")
        if key:
            try:
                pairs[key] = base64.b64decode(value, validate=True).decode()
            except ValueError:
                continue
    return pairs


def _error_code(response: httpx.Response) -> str:
    try:
        return str(response.json()["error"]["code"])
    except (ValueError, KeyError, TypeError):
        return "?"
