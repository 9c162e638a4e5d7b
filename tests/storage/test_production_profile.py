"""The image's entrypoint runs the production profile from environment variables alone: the Dockerfile's
own ENV, plus secrets, root keys, PostgreSQL and an S3 bucket. No container engine can build the image
here, so the entrypoint runs on this machine, with the image's paths pointed at the checkout."""

import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from kua.crypto.rootkeys import RootKey
from tests.intake.reporter import new_report_id, seal_report
from tests.storage.seaweedfs import SeaweedFS
from tests.support.databases import fresh_postgres_database
from tests.support.polling import wait_until
from tests.support.server import REPO, free_port

pytestmark = [pytest.mark.s3, pytest.mark.postgres]

IMAGE_PATHS = {  # where the image keeps what the checkout keeps elsewhere
    "KUA_FRONTEND_DIR": str(REPO / "frontend" / "dist"),
    "KUA_MIGRATIONS_DIR": str(REPO / "migrations"),
}


def image_environment() -> dict[str, str]:
    """The KUA_* variables the Dockerfile's ENV sets."""
    recipe = (REPO / "Dockerfile").read_text().replace("\\\n", " ")
    env_lines = [line.removeprefix("ENV ") for line in recipe.splitlines() if line.startswith("ENV ")]
    return dict(re.findall(r"(KUA_\w+)=(\S+)", " ".join(env_lines)))


def readyz(port: int) -> httpx.Response | None:
    """The server's answer to /readyz, or None while nothing listens on `port`."""
    try:
        return httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2)
    except httpx.TransportError:
        return None


def test_the_entrypoint_serves_production_from_the_environment_alone(seaweedfs: SeaweedFS, tmp_path: Path) -> None:
    image = image_environment()
    assert image["KUA_ENV"] == "production"
    bucket = seaweedfs.new_bucket()
    with fresh_postgres_database() as database_url:
        env = {
            "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
            **image,
            **IMAGE_PATHS,
            "KUA_DATA_DIR": str(tmp_path / "data"),
            "KUA_PUBLIC_BASE_URL": "https://report.example.org",
            "KUA_ROOT_PUBLIC_KEYS": ",".join(RootKey.generate().public_text for _ in range(3)),
            "KUA_ROOT_THRESHOLD": "2",
            "KUA_PUSH_CONTACT": "mailto:coalition@example.org",
            "KUA_DATABASE_URL": database_url,
            **seaweedfs.settings(bucket),
        }
        port = free_port()
        log = (tmp_path / "entrypoint.log").open("wb")
        process = subprocess.Popen(
            ["sh", str(REPO / "docker" / "entrypoint.sh"), "kua", "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            # Then it migrates, starts, and is ready: database and bucket both answer
            wait_until(
                lambda: process.poll() is not None or readyz(port) is not None,
                timeout=60,
                what=f"the entrypoint's server to answer /readyz (its log: {tmp_path / 'entrypoint.log'})",
                interval=0.2,
            )
            ready = readyz(port)
            assert ready is not None and ready.status_code == 200, (tmp_path / "entrypoint.log").read_text()
            assert ready.headers["Strict-Transport-Security"].startswith("max-age=")
            # And a large report goes to the bucket
            report_id, sealed = new_report_id(), seal_report("Обыск.".ljust(70_000, "."))
            response = httpx.put(
                f"http://127.0.0.1:{port}/api/v1/reports/{report_id}",
                content=sealed,
                headers={"Content-Type": "application/octet-stream"},
            )
            assert response.status_code == 201, response.text
            listed = seaweedfs.client().list_objects_v2(Bucket=bucket, Prefix=f"reports/{report_id}.")
            assert len(listed.get("Contents", [])) == 1
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)
            log.close()
