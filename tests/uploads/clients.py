"""The two tus clients the tests drive: tus-js-client under Node (what the reporter app ships) and tuspy."""

import io
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from tusclient.client import TusClient

from tests.support.frontend import run_node
from tests.support.server import RunningServer
from tests.uploads.phone import ENDPOINT, Photo, remember_address


def tus_js_upload(server: RunningServer, photo: Photo, *options: str) -> dict[str, Any]:
    """Run frontend/scripts/tus-upload.mjs for `photo`; its JSON outcome (`url`, `offset`, `complete` or `error`)."""
    with tempfile.TemporaryDirectory() as folder:
        attachment = Path(folder) / "photo.age"
        attachment.write_bytes(photo.ciphertext)
        arguments = ["--endpoint", server.url(ENDPOINT), "--file", str(attachment)]
        arguments += ["--id", str(photo.upload_id), "--sha256", photo.sha256, *options]
        result = run_node("scripts/tus-upload.mjs", *arguments)
    assert result.stdout, result.stderr.decode()
    outcome: dict[str, Any] = json.loads(result.stdout.decode().strip().splitlines()[-1])
    if outcome.get("url"):
        remember_address(photo.upload_id, outcome["url"])
    return outcome


class PacedStream(io.BytesIO):
    """The photo's bytes, handed out no faster than one read per `pause` seconds: tuspy reads once per
    chunk, so a test watching the offset from another thread cannot be outrun to the end."""

    def __init__(self, data: bytes, pause: float) -> None:
        super().__init__(data)
        self.pause = pause

    def read(self, size: int | None = -1, /) -> bytes:
        time.sleep(self.pause)  # the pace is the point (see above)
        return super().read(size)


def tuspy_upload(
    server: RunningServer,
    photo: Photo,
    *,
    chunk_size: int,
    resume: bool = False,
    checksum: bool = False,
    pause: float = 0,
) -> str:
    """Upload `photo` with tuspy (resuming at its address if `resume`, waiting `pause` seconds before
    each chunk); the upload's URL."""
    client = TusClient(server.url(ENDPOINT))
    uploader = client.uploader(
        file_stream=PacedStream(photo.ciphertext, pause) if pause else io.BytesIO(photo.ciphertext),
        chunk_size=chunk_size,
        metadata={"id": str(photo.upload_id), "sha256": photo.sha256},
        url=server.url(photo.path) if resume else None,
        upload_checksum=checksum,  # tuspy sends sha1
    )
    uploader.upload()
    remember_address(photo.upload_id, str(uploader.url))
    return str(uploader.url)
