"""A push service on 127.0.0.1 in the test process (the only fake besides the clock), and a browser's
side of a push subscription: its own P-256 key pair and auth secret, to decrypt what arrives.

    with PushServiceStub() as service:
        browser = Browser(service.endpoint("aigerim"))
        ... browser.subscription() is what PushSubscription.toJSON() gives ...
        service.wait_for(1, path=browser.path)
        browser.decrypt(service.received[0].body)
"""

import base64
import http.server
import os
import threading
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal
from urllib.parse import urlsplit

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from tests.support.polling import wait_until
from tests.support.server import free_port

Mode = Literal["accept", "gone", "hang"]
HANG_SECONDS = 60.0


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class Push:
    """One request the push service received, and what it answered."""

    path: str
    headers: dict[str, str]
    body: bytes
    status: int


@dataclass
class Browser:
    """A browser's PushSubscription: the endpoint the push service gave it, and its own keys."""

    endpoint: str
    key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    auth: bytes = field(default_factory=lambda: os.urandom(16))

    @property
    def path(self) -> str:
        return urlsplit(self.endpoint).path

    def subscription(self) -> dict[str, Any]:
        """What `PushSubscription.toJSON()` gives."""
        point = self.key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        keys = {"p256dh": b64url(point), "auth": b64url(self.auth)}
        return {"endpoint": self.endpoint, "expirationTime": None, "keys": keys}

    def decrypt(self, body: bytes) -> bytes:
        """The plaintext of a push (RFC 8291, aes128gcm), as the browser would see it."""
        plaintext: bytes = http_ece.decrypt(body, private_key=self.key, auth_secret=self.auth, version="aes128gcm")
        return plaintext


class PushServiceStub:
    """An HTTP server answering pushes per path: accept (201), gone (410) or hang (no answer for a minute)."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.mode: Mode = "accept"
        self.modes: dict[str, Mode] = {}
        self.received: list[Push] = []
        self.hanging = 0
        self._release = threading.Event()
        self._server: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def endpoint(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/push/{name}"

    def start(self) -> "PushServiceStub":
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                mode = stub.modes.get(self.path, stub.mode)
                if mode == "hang":
                    stub.hanging += 1
                    stub._release.wait(HANG_SECONDS)
                    return  # close without an answer
                status = 201 if mode == "accept" else 410
                stub.received.append(Push(self.path, {k.lower(): v for k, v in self.headers.items()}, body, status))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._release.clear()
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="push-service-stub", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop answering (connections are refused) and let hanging requests go."""
        self._release.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def delivered(self, path: str | None = None) -> list[Push]:
        """The pushes answered 201 (at one path, or all)."""
        return [p for p in self.received if p.status == 201 and (path is None or p.path == path)]

    def wait_for(self, count: int, *, path: str | None = None, timeout: float = 20.0) -> list[Push]:
        """Wait until `count` pushes were delivered (at `path`); fail after `timeout` seconds."""
        wait_until(lambda: len(self.delivered(path)) >= count, timeout=timeout, what=f"{count} pushes")
        return self.delivered(path)

    def __enter__(self) -> "PushServiceStub":
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
