"""A loopback proxy that behaves like one slow mobile link between browsers and a `kua serve`.

    with LinkProxy(server.port, EDGE) as link:
        page.goto(link.base_url)
        ...
        print(link.bytes_up, link.bytes_down, [(e.method, e.path, e.status) for e in link.exchanges])

Chromium's own throttling has no effect on 127.0.0.1 nor on its service worker (offline-sync brief), so
the link is emulated on the wire, the way a phone's radio bearer behaves: ONE uplink and ONE downlink,
each a FIFO queue with a fixed rate shared by every connection, and a one-way delay of RTT/2 on every
piece in each direction. A new connection costs one round trip before its first byte leaves (the TCP
handshake). Bytes are counted as TCP payload (HTTP heads and bodies, no TCP/IP headers).

With `profile=None` nothing is slowed: the proxy only records, for example the status of every answer a
group of browsers got. HTTP/1.1 is parsed just enough to record each exchange (method, path, status,
bytes each way); the bytes themselves pass unchanged.
"""

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

PIECE = 4096  # bytes per scheduled piece: 20 ms at 1.6 Mbit/s, 0.14 s at 240 kbit/s
WINDOW = 64  # pieces a connection may have in flight in one direction before the proxy stops reading


HeadCallback = Callable[[bytes], tuple[str, int]]  # a message's head -> how its body is framed
EndCallback = Callable[[], None]
CountCallback = Callable[[bytes], None]


@dataclass(frozen=True)
class Profile:
    name: str
    down_bits_per_second: float
    up_bits_per_second: float
    rtt: float


THREE_G = Profile("3G", 1_600_000, 750_000, 0.300)
EDGE = Profile("2G/EDGE", 240_000, 200_000, 0.800)


@dataclass
class Exchange:
    """One request and its answer on the wire; `status` is 0 until the answer's head arrived."""

    method: str
    path: str
    started: float
    destination: str = (
        ""  # Sec-Fetch-Dest: "script", "document"... from a page; "empty" from fetch() and the service worker
    )
    bytes_up: int = 0
    bytes_down: int = 0
    status: int = 0
    finished: float | None = None


class _Link:
    """One direction of the bearer: a queue that drains at a fixed rate, then a fixed delay."""

    def __init__(self, bits_per_second: float, delay: float) -> None:
        self.bits_per_second = bits_per_second
        self.delay = delay
        self.free_at = 0.0

    def arrival(self, size: int, *, not_before: float) -> float:
        start = max(time.monotonic(), self.free_at, not_before)
        self.free_at = start + size * 8 / self.bits_per_second
        return self.free_at + self.delay


class _Parser:
    """Finds where HTTP/1.1 messages start and end in one direction of one connection."""

    def __init__(self, on_head: HeadCallback, on_end: EndCallback) -> None:
        self.on_head, self.on_end = on_head, on_end
        self.buffer = b""
        self.state = "head"
        self.left = 0  # body bytes left, or chunk bytes left

    def feed(self, data: bytes) -> None:
        self.buffer += data
        while self.buffer:
            if self.state == "head":
                end = self.buffer.find(b"\r\n\r\n")
                if end < 0:
                    return
                head, self.buffer = self.buffer[: end + 4], self.buffer[end + 4 :]
                self.state, self.left = self.on_head(head)
                if self.state == "head":
                    self.on_end()
            elif self.state == "length":
                taken = min(self.left, len(self.buffer))
                self.buffer, self.left = self.buffer[taken:], self.left - taken
                if self.left == 0:
                    self.state = "head"
                    self.on_end()
            elif self.state == "until-close":
                self.buffer = b""
            elif self.state == "chunk-size":
                end = self.buffer.find(b"\r\n")
                if end < 0:
                    return
                size = int(self.buffer[:end].split(b";")[0], 16)
                self.buffer = self.buffer[end + 2 :]
                self.state, self.left = ("chunk-data", size + 2) if size else ("trailer", 0)
            elif self.state == "chunk-data":
                taken = min(self.left, len(self.buffer))
                self.buffer, self.left = self.buffer[taken:], self.left - taken
                if self.left == 0:
                    self.state = "chunk-size"
            elif self.state == "trailer":
                end = self.buffer.find(b"\r\n")
                if end < 0:
                    return
                line, self.buffer = self.buffer[:end], self.buffer[end + 2 :]
                if not line:
                    self.state = "head"
                    self.on_end()


def _headers(head: bytes) -> tuple[str, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return lines[0], headers


def _body_state(headers: dict[str, str], *, default: str) -> tuple[str, int]:
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return "chunk-size", 0
    if "content-length" in headers:
        length = int(headers["content-length"])
        return ("length", length) if length else ("head", 0)
    return default, 0


class LinkProxy:
    """The proxy, in a background thread with its own event loop, on a free port of 127.0.0.1."""

    def __init__(self, upstream_port: int, profile: Profile | None = None) -> None:
        self.upstream_port = upstream_port
        self.profile = profile
        self.port = 0
        self.exchanges: list[Exchange] = []
        self.bytes_up = 0
        self.bytes_down = 0
        self.connections = 0
        delay = profile.rtt / 2 if profile else 0.0
        self._up = _Link(profile.up_bits_per_second, delay) if profile else None
        self._down = _Link(profile.down_bits_per_second, delay) if profile else None
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="link-proxy", daemon=True)
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def reset_counts(self) -> None:
        """Forget the exchanges and byte counts so far (the next measurement starts from zero)."""
        with self._lock:
            self.exchanges, self.bytes_up, self.bytes_down, self.connections = [], 0, 0, 0

    def statuses(self) -> list[int]:
        with self._lock:
            return [exchange.status for exchange in self.exchanges]

    def __enter__(self) -> "LinkProxy":
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._accept, "127.0.0.1", 0), self._loop
        ).result(10)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        for writer in self._writers:
            writer.transport.abort()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        ready = time.monotonic() + (self.profile.rtt if self.profile else 0.0)  # SYN, SYN-ACK, then data
        with self._lock:
            self.connections += 1
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            writer.transport.abort()
            return
        self._writers.update((writer, upstream_writer))
        pending: list[Exchange] = []  # requests whose answers have not begun, oldest first (no pipelining)
        current: list[Exchange] = []  # the exchange whose answer is arriving
        requests = _Parser(lambda head: self._request_head(head, pending), lambda: None)
        answers = _Parser(lambda head: self._answer_head(head, pending, current), lambda: self._answer_end(current))

        def count_up(piece: bytes) -> None:
            with self._lock:
                self.bytes_up += len(piece)
                requests.feed(piece)
                if pending:
                    pending[-1].bytes_up += len(piece)  # the head and body of the latest request

        def count_down(piece: bytes) -> None:
            with self._lock:
                self.bytes_down += len(piece)
                in_flight = current[-1] if current else None
                answers.feed(piece)
                exchange = current[-1] if current else in_flight
                if exchange is not None:
                    exchange.bytes_down += len(piece)

        tasks = [
            asyncio.create_task(self._pump(reader, upstream_writer, self._up, ready, count_up)),
            asyncio.create_task(self._pump(upstream_reader, writer, self._down, ready, count_down)),
        ]
        self._tasks.update(tasks)
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            # One side closed: let the other drain what is in flight, then close both.
            await asyncio.wait(tasks, timeout=(self.profile.rtt * 4 if self.profile else 1.0) + 30)
        finally:
            for task in tasks:
                task.cancel()
                self._tasks.discard(task)
            for end in (writer, upstream_writer):
                end.close()
                self._writers.discard(end)

    def _request_head(self, head: bytes, pending: list[Exchange]) -> tuple[str, int]:
        line, headers = _headers(head)
        method, path = [*line.split(" "), "", ""][:2]
        exchange = Exchange(method, path, time.monotonic(), headers.get("sec-fetch-dest", ""))
        self.exchanges.append(exchange)
        pending.append(exchange)
        return _body_state(headers, default="head")

    def _answer_head(self, head: bytes, pending: list[Exchange], current: list[Exchange]) -> tuple[str, int]:
        line, headers = _headers(head)
        status = int(line.split(" ")[1])
        if status < 200:  # 100 Continue: the real answer follows
            return "head", 0
        exchange = pending.pop(0) if pending else Exchange("?", "?", time.monotonic())
        exchange.status = status
        current[:] = [exchange]
        if exchange.method == "HEAD" or status in (204, 304):
            return "head", 0
        return _body_state(headers, default="until-close")

    def _answer_end(self, current: list[Exchange]) -> None:
        if current:
            current[-1].finished = time.monotonic()

    async def _pump(
        self,
        source: asyncio.StreamReader,
        destination: asyncio.StreamWriter,
        link: _Link | None,
        ready: float,
        count: CountCallback,
    ) -> None:
        """Copy one direction; with a link, each piece leaves when the link lets it and arrives RTT/2 later."""
        queue: asyncio.Queue[tuple[float, bytes | None]] = asyncio.Queue()
        window = asyncio.Semaphore(WINDOW)  # read no further ahead than this: the sender feels the link

        async def deliver() -> None:
            while True:
                arrival, piece = await queue.get()
                if (wait := arrival - time.monotonic()) > 0:
                    await asyncio.sleep(wait)  # the link's emulated delay, not a guess
                if piece is None:
                    break
                destination.write(piece)
                await destination.drain()
                window.release()
            if destination.can_write_eof():
                destination.write_eof()

        delivering = asyncio.create_task(deliver())
        try:
            while True:
                await window.acquire()
                piece = await source.read(PIECE)
                if not piece:
                    break
                count(piece)
                queue.put_nowait((link.arrival(len(piece), not_before=ready) if link else 0.0, piece))
            last = max(link.free_at, time.monotonic()) + link.delay if link else 0.0
            queue.put_nowait((last, None))
            await delivering
        except (ConnectionError, asyncio.CancelledError):
            delivering.cancel()
            raise
