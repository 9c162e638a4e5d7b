"""A real `kua serve` in a subprocess, on a free loopback port, with its own data folder.

with RunningServer(data_dir) as server:
    httpx.get(server.url("/healthz"))
    assert "..." in server.log()
"""

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import httpx

from tests.support.polling import wait_until

REPO = Path(__file__).resolve().parents[2]
KUA = str(Path(sys.executable).parent / "kua")
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def kua_env(data_dir: Path, **settings: str) -> dict[str, str]:
    """The environment for a `kua` subprocess: development settings in `data_dir`, nothing inherited."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("KUA_")}
    env.update(
        KUA_ENV="development",
        KUA_DATA_DIR=str(data_dir),
        KUA_FRONTEND_DIR=str(REPO / "frontend" / "dist"),
        # Every test speaks from 127.0.0.1, far faster than phones: the rate limit's own tests set theirs.
        KUA_RATE_LIMIT_PER_MINUTE="60000",
        KUA_RATE_LIMIT_BURST="10000",
        KUA_SIGN_IN_PER_MINUTE="60000",
        KUA_SIGN_IN_BURST="10000",
    )
    env.update(settings)
    return env


def stop_gently(process: subprocess.Popen[bytes] | subprocess.Popen[str] | None, *, timeout: float) -> None:
    """SIGTERM, then SIGKILL if `process` has not ended within `timeout` seconds (nothing if it has)."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def came_up(process: subprocess.Popen[bytes], answers: Callable[[], bool], *, timeout: float, interval: float) -> bool:
    """Wait until `answers()` holds; False if `process` ended first, or after `timeout` seconds."""
    try:
        wait_until(
            lambda: process.poll() is not None or answers(), timeout=timeout, what="an answer", interval=interval
        )
    except AssertionError:
        return False
    return process.poll() is None


def run_kua(*args: str, env: dict[str, str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KUA, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


class RunningServer:
    """`kua db upgrade`, then `kua serve` until the block ends; stdout and stderr go to `log_path`."""

    def __init__(self, data_dir: Path, **settings: str) -> None:
        self.data_dir = data_dir
        self.env = kua_env(data_dir, **settings)
        self.log_path = data_dir.parent / f"{data_dir.name}-server.log"
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    @property
    def pid(self) -> int:
        """The process id of the running `kua serve` (to read its memory use, for example)."""
        assert self._process is not None
        return self._process.pid

    def log(self) -> str:
        """Everything the server printed so far (stdout and stderr)."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def __enter__(self) -> "RunningServer":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        upgraded = run_kua("db", "upgrade", env=self.env)
        if upgraded.returncode != 0:
            raise RuntimeError(f"kua db upgrade failed:\n{upgraded.stdout}{upgraded.stderr}")
        for _attempt in range(3):  # another process may take the free port before the server binds it
            if self._start():
                return self
        raise RuntimeError(f"kua serve did not start:\n{self.log()}")

    def _start(self, port: int | None = None) -> bool:
        self.port = port or free_port()
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                [KUA, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        if came_up(self._process, self._answers, timeout=START_TIMEOUT, interval=0.1):
            return True
        self._stop()
        return False

    def _answers(self) -> bool:
        try:
            return httpx.get(self.url("/healthz"), timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    def kill(self) -> None:
        """`kill -9` the server: no shutdown, no flush, as a power cut or the OOM killer would."""
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait(timeout=10)

    def restart(self, *, same_port: bool = False) -> None:
        """Start the server again (after `kill`) on a new port, or on the one it had (a proxy in front keeps it)."""
        self.kill()
        port = self.port if same_port else None
        for _attempt in range(3):
            if self._start(port):
                return
        raise RuntimeError(f"kua serve did not restart:\n{self.log()}")

    def _stop(self) -> None:
        stop_gently(self._process, timeout=15)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._stop()
