"""The fault proxy does what the browser tests rely on: forward faithfully, and break on demand."""

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.support.fault_proxy import CAPTIVE_PORTAL_PAGE, Fault, FaultProxy, SeenRequest
from tests.support.polling import wait_until

MB = 1_000_000


class _Upstream(ThreadingHTTPServer):
    received: list[tuple[str, str, int]]


class _Handler(BaseHTTPRequestHandler):
    """Reads each body to its end (or to the connection's), records how much came, echoes a summary."""

    protocol_version = "HTTP/1.1"
    server: _Upstream

    def _answer(self) -> None:
        length, got = int(self.headers.get("Content-Length", "0")), 0
        while got < length and (piece := self.rfile.read(min(64 * 1024, length - got))):
            got += len(piece)
        if self.headers.get("Transfer-Encoding") == "chunked":
            while size := int(self.rfile.readline().split(b";")[0], 16):
                got += len(self.rfile.read(size + 2)) - 2
            while self.rfile.readline() not in (b"\r\n", b""):
                pass
        self.server.received.append((self.command, self.path, got))
        if got < length:
            self.close_connection = True
            return
        body = f"{self.command} {self.path} {got}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_PUT = do_PATCH = do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def upstream() -> Iterator[_Upstream]:
    server = _Upstream(("127.0.0.1", 0), _Handler)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def proxy(upstream: _Upstream) -> Iterator[FaultProxy]:
    with FaultProxy(upstream.server_address[1]) as proxy:
        yield proxy


def test_it_passes_requests_through_on_one_connection(proxy: FaultProxy, upstream: _Upstream) -> None:
    with httpx.Client(base_url=proxy.base_url, timeout=30) as client:
        assert client.get("/a").text == "GET /a 0"
        assert client.put("/b", content=b"x" * 300_000).text == "PUT /b 300000"
        assert client.post("/c", content=iter([b"chunked ", b"body"])).text == "POST /c 12"
        assert client.get("/d").text == "GET /d 0"
    assert [(seen.method, seen.path) for seen in proxy.seen] == [
        ("GET", "/a"),
        ("PUT", "/b"),
        ("POST", "/c"),
        ("GET", "/d"),
    ]


def test_it_cuts_an_upload_body_once_then_lets_the_retry_through(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.set(Fault.cut_body(after_bytes=MB, method="PATCH", path_prefix="/api/v1/uploads/"))
    with httpx.Client(base_url=proxy.base_url, timeout=30) as client:
        assert client.get("/api/v1/uploads/x").status_code == 200  # not a PATCH: untouched
        with pytest.raises(httpx.TransportError):
            client.patch("/api/v1/uploads/x", content=b"y" * (3 * MB))
        wait_until(lambda: len(upstream.received) == 2, timeout=5, what="the upstream to log both requests")
        assert upstream.received[1] == ("PATCH", "/api/v1/uploads/x", MB)  # exactly the budget reached the server
        assert client.patch("/api/v1/uploads/x", content=b"z" * (2 * MB)).text == f"PATCH /api/v1/uploads/x {2 * MB}"
    assert proxy.cuts == 1


def test_it_answers_for_the_server_a_bad_gateway_or_a_captive_portal(proxy: FaultProxy, upstream: _Upstream) -> None:
    with httpx.Client(base_url=proxy.base_url, timeout=30) as client:
        proxy.set(Fault.bad_gateway(path_prefix="/api/", times=1))
        assert client.get("/api/v1/recipients").status_code == 502
        assert client.get("/api/v1/recipients").status_code == 200  # `times` spent: through again
        proxy.set(Fault.captive_portal(method="PUT", path_prefix="/api/v1/reports/"))
        portal = client.put("/api/v1/reports/1", content=b"age-encryption.org/v1\n")
        assert (portal.status_code, portal.headers["content-type"], portal.content) == (
            200,
            "text/html",
            CAPTIVE_PORTAL_PAGE,
        )
    assert [method for method, _path, _size in upstream.received] == ["GET"]  # the server saw only the pass


def test_it_delays_and_drops_requests(proxy: FaultProxy) -> None:
    with httpx.Client(base_url=proxy.base_url, timeout=30) as client:
        proxy.set(Fault.delay(0.5))
        start = time.monotonic()
        assert client.get("/slow").status_code == 200
        assert time.monotonic() - start >= 0.5
        proxy.set(Fault.unreachable())
        with pytest.raises(httpx.TransportError):
            client.get("/down")  # on the open keep-alive connection
        with pytest.raises(httpx.TransportError), httpx.Client(base_url=proxy.base_url, timeout=30) as fresh:
            fresh.get("/down")  # on a new one
        proxy.set(Fault.pass_through())
        assert client.get("/up").status_code == 200


def test_it_cuts_an_answer_after_the_request_arrived_whole(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.set(Fault.cut_response(after_bytes=10, method="PUT"))
    with httpx.Client(base_url=proxy.base_url, timeout=30) as client:
        with pytest.raises(httpx.TransportError):
            client.put("/reports/1", content=b"x" * 100_000)
        wait_until(lambda: len(upstream.received) == 1, timeout=5, what="the upstream to log the request")
        assert upstream.received == [("PUT", "/reports/1", 100_000)]  # the server handled it; the client never knew
    assert proxy.counts["cut_response"] == 1


def test_it_throttles_a_request_and_its_answer(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.set(Fault.throttle(bytes_per_second=400_000))
    with httpx.Client(base_url=proxy.base_url, timeout=30) as client:
        start = time.monotonic()
        assert client.put("/slow", content=b"x" * 200_000).text == "PUT /slow 200000"
        assert time.monotonic() - start >= 0.4


def test_a_chooser_picks_each_requests_own_fault(proxy: FaultProxy, upstream: _Upstream) -> None:
    def choose(request: SeenRequest) -> Fault:
        if request.method == "PATCH":
            return Fault.cut_body(int(request.headers["content-length"]) // 2, method=None, path_prefix="/")
        return Fault.captive_portal() if request.path == "/portal" else Fault.pass_through()

    proxy.choose(choose)
    with httpx.Client(base_url=proxy.base_url, timeout=30) as client:
        for _attempt in range(2):  # each PATCH has a budget of its own: both are cut at their middle
            with pytest.raises(httpx.TransportError):
                client.patch("/upload", content=b"y" * 300_000)
        assert client.get("/portal").content == CAPTIVE_PORTAL_PAGE
        assert client.get("/through").text == "GET /through 0"
    wait_until(lambda: len(upstream.received) == 3, timeout=5, what="the upstream to log three requests")
    # a cut request reaches the upstream's log when its connection ends, which may be after the GET
    assert sorted(upstream.received) == [
        ("GET", "/through", 0),
        ("PATCH", "/upload", 150_000),
        ("PATCH", "/upload", 150_000),
    ]
    assert (proxy.counts["cut_body"], proxy.counts["answer"], proxy.counts["pass_through"]) == (2, 1, 1)


def test_a_silent_cut_drops_the_client_at_once_and_the_server_later(proxy: FaultProxy) -> None:
    proxy.choose(lambda _request: Fault.cut_body(1000, method=None, path_prefix="/", silent_seconds=0.5))
    with httpx.Client(base_url=proxy.base_url, timeout=30) as client, pytest.raises(httpx.TransportError):
        client.patch("/upload", content=b"y" * 300_000)
    assert proxy.cuts == 1
