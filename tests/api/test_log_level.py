"""KUA_LOG_LEVEL=WARNING: an operator keeps the warnings and drops the one-line-per-request log."""

import socket
from pathlib import Path

import httpx
import pytest

from tests.support.polling import wait_until
from tests.support.server import RunningServer

pytestmark = pytest.mark.slow


def test_at_warning_the_request_log_is_left_out_and_warnings_stay(tmp_path: Path) -> None:
    with RunningServer(tmp_path / "data", KUA_LOG_LEVEL="WARNING") as server:
        # Given requests that are logged at INFO
        assert httpx.get(server.url("/healthz")).status_code == 200
        httpx.get(server.url("/api/no-such-thing"))
        # When a malformed request makes the server warn
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw:
            raw.sendall(b"NOT HTTP AT ALL\r\n\r\n")
            raw.recv(1024)
        wait_until(lambda: "WARNING" in server.log(), timeout=10, what="the warning in the log")
        # Then the warning is there, and no request line
        log = server.log()
        assert "GET /healthz" not in log and "GET /api" not in log, log
