"""The link proxy behaves like one slow link: bytes take their time, connections share it, answers are recorded."""

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.support.link_proxy import LinkProxy, Profile

# Fast enough for a unit test, slow enough to measure: 800 kbit/s each way, 200 ms RTT.
LINK = Profile("test", 800_000, 800_000, 0.2)
BODY = 100_000  # 1 s on the link


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        status = 429 if self.path == "/refused" else 200
        body = b"x" * (BODY if status == 200 else 10)
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(201)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.write(b"2\r\nok\r\n0\r\n\r\n")

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@pytest.fixture
def upstream() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_a_download_takes_its_bytes_over_the_rate_plus_the_connect_and_request_round_trips(upstream: int) -> None:
    with LinkProxy(upstream, LINK) as link:
        started = time.monotonic()
        answer = httpx.get(link.url("/photo"))
        seconds = time.monotonic() - started
    assert answer.status_code == 200 and len(answer.content) == BODY
    floor = link.bytes_up * 8 / LINK.up_bits_per_second + link.bytes_down * 8 / LINK.down_bits_per_second + 2 * LINK.rtt
    assert floor <= seconds < floor + 0.5, (floor, seconds)


def test_two_connections_share_one_link(upstream: int) -> None:
    with LinkProxy(upstream, LINK) as link, ThreadPoolExecutor(2) as pool:
        started = time.monotonic()
        answers = list(pool.map(lambda _: httpx.get(link.url("/photo")), range(2)))
        seconds = time.monotonic() - started
    assert [a.status_code for a in answers] == [200, 200]
    # Two bodies down one link: twice the time of one, not the time of one
    assert seconds >= 2 * BODY * 8 / LINK.down_bits_per_second + 2 * LINK.rtt, seconds
    assert link.connections == 2


def test_every_exchange_is_recorded_with_its_status_and_bytes(upstream: int) -> None:
    with LinkProxy(upstream) as link, httpx.Client() as client:
        assert client.get(link.url("/refused")).status_code == 429
        assert client.post(link.url("/report"), content=b"y" * 5000).status_code == 201
        assert client.get(link.url("/photo")).status_code == 200
    assert [(e.method, e.path, e.status) for e in link.exchanges] == [
        ("GET", "/refused", 429),
        ("POST", "/report", 201),
        ("GET", "/photo", 200),
    ]
    assert link.exchanges[1].bytes_up > 5000 and link.exchanges[2].bytes_down > BODY
    assert all(e.finished is not None for e in link.exchanges)
    assert link.bytes_down == sum(e.bytes_down for e in link.exchanges)
    assert link.connections == 1
