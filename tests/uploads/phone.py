"""What a phone does with a photo, in Python: seal it with age, declare it, and send it over tus."""

import base64
import hashlib
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from kua.crypto import age
from tests.intake.reporter import REVIEWER
from tests.support.refusals import assert_refused
from tests.support.server import RunningServer
from tests.support.threaded_server import ThreadedServer

Server = RunningServer | ThreadedServer

TUS = {"Tus-Resumable": "1.0.0"}
ENDPOINT = "/api/v1/uploads/"
PATCH_TYPE = "application/offset+octet-stream"
# The address each upload's creation answered last, by upload id (its secret changes at each creation).
_ADDRESSES: dict[uuid.UUID, str] = {}


def remember_address(upload_id: uuid.UUID, location: str) -> None:
    """Keep the address a creation answered (a relative Location, or a client's absolute URL)."""
    _ADDRESSES[upload_id] = ENDPOINT + location.rsplit("/", 1)[1]


@dataclass(frozen=True)
class Photo:
    """A sealed photo as the phone holds it: the age file, its id and its SHA-256."""

    ciphertext: bytes
    upload_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.ciphertext).hexdigest()

    @property
    def path(self) -> str:
        """The upload's address: the Location its last creation answered (id and secret), or the id alone
        before any (what a stranger who learned the id would try)."""
        return _ADDRESSES.get(self.upload_id, f"{ENDPOINT}{self.upload_id}")

    @property
    def bare_path(self) -> str:
        """The address without its secret."""
        return f"{ENDPOINT}{self.upload_id}"

    def metadata(self, **override: str) -> str:
        values = {"id": str(self.upload_id), "sha256": self.sha256, **override}
        return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


def seal_photo(size: int) -> Photo:
    """A photo of about `size` bytes (random pixels), sealed to the reviewer."""
    return Photo(age.encrypt_bytes(os.urandom(size), [REVIEWER]))


def create(server: Server, photo: Photo, **headers: str) -> httpx.Response:
    sent = {**TUS, "Upload-Length": str(len(photo.ciphertext)), "Upload-Metadata": photo.metadata(), **headers}
    response = httpx.post(server.url(ENDPOINT), headers={k: v for k, v in sent.items() if v != ""}, timeout=30)
    if response.status_code == 201:
        remember_address(photo.upload_id, response.headers["Location"])
    return response


def head(server: Server, photo: Photo) -> httpx.Response:
    return httpx.head(server.url(photo.path), headers=TUS, timeout=30)


def offset_of(server: Server, photo: Photo) -> int:
    response = head(server, photo)
    assert response.status_code == 200, response.status_code
    return int(response.headers["Upload-Offset"])


def patch(server: Server, photo: Photo, offset: int, body: bytes | Iterable[bytes], **headers: str) -> httpx.Response:
    sent = {**TUS, "Upload-Offset": str(offset), "Content-Type": PATCH_TYPE, **headers}
    return httpx.patch(server.url(photo.path), headers=sent, content=body, timeout=60)


def checksum(body: bytes, algorithm: str = "sha256") -> str:
    return f"{algorithm} {base64.b64encode(hashlib.new(algorithm, body).digest()).decode()}"


def send_whole(server: Server, photo: Photo, chunk_size: int = 64 * 1024) -> httpx.Response:
    """Create the upload and send every chunk; the last PATCH's response."""
    assert create(server, photo).status_code == 201
    response = None
    for start in range(0, len(photo.ciphertext), chunk_size):
        response = patch(server, photo, start, photo.ciphertext[start : start + chunk_size])
        assert response.status_code == 204, response.text
    assert response is not None
    return response


def staged(server: Server, photo: Photo) -> Path:
    """The staging file of an unfinished upload."""
    return server.data_dir / "uploads" / f"{photo.upload_id}.part"


def blob(server: Server, photo: Photo) -> Path:
    """Where a completed attachment lives in the local blob store."""
    return server.data_dir / "blobs" / "attachments" / str(photo.upload_id)


def assert_tus_refused(response: httpx.Response, status_code: int, *codes: str) -> None:
    """The house refusal (tests/support/refusals.py), with the tus version every tus answer carries."""
    assert response.headers["Tus-Resumable"] == "1.0.0", response.headers
    assert_refused(response, status_code, *codes)
