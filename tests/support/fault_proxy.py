"""A loopback HTTP proxy between a browser and a `kua serve`, with faults switched on demand.

    with FaultProxy(server.port) as proxy:
        page.goto(proxy.base_url)
        proxy.set(Fault.cut_body(after_bytes=1_000_000))    # the next upload loses its connection
        proxy.set(Fault.captive_portal(method="PUT", path_prefix="/api/v1/reports/"))
        proxy.set(Fault.pass_through())
        proxy.choose(lambda request: rng.choice([Fault.delay(0.5), Fault.throttle(100_000), ...]))

`set_offline` in Playwright does not reach requests made by a service worker, and throttling has no
effect on 127.0.0.1 (docs: offline-sync brief), so faults are injected here, on the wire.

HTTP/1.1 only, as browsers speak to a plain-http origin: one upstream connection per browser
connection, request heads parsed, bodies streamed (Content-Length or chunked) and responses copied
as they come. A fault applies to requests whose method and path match; `times` limits how many it
affects (for `cut_body`: how many cuts), after which the proxy passes everything through again.
Every request seen is recorded in `seen`, with the fault it met, and counted in `counts`.

`choose` hands every request to a function instead (the chaos harness draws one at random): the fault
it returns applies to that request alone, with a byte budget of its own, and `times` is ignored.
A throttle caps both directions of its request; `cut_response` lets the request reach the server
whole, then drops the connection after `after_bytes` of the answer (the server acted, the client
never learns of it).
"""

import asyncio
import contextlib
import threading
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Literal

FaultKind = Literal["pass_through", "unreachable", "cut_body", "cut_response", "answer", "delay", "throttle"]
READ_SIZE = 64 * 1024

CAPTIVE_PORTAL_PAGE = b"""<!doctype html>
<html><head><meta charset="utf-8"><title>Free Wi-Fi</title></head>
<body><h1>Welcome to Free Wi-Fi</h1><form method="post"><button>Accept the terms and connect</button></form></body>
</html>
"""


@dataclass(frozen=True)
class Fault:
    """What happens to matching requests; build one with the class methods."""

    kind: FaultKind
    method: str | None = None
    path_prefix: str = "/"
    times: int | None = None
    after_bytes: int = 0
    status: int = 0
    content_type: str = ""
    body: bytes = b""
    seconds: float = 0.0
    bytes_per_second: float = 0.0

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and path.startswith(self.path_prefix)

    @classmethod
    def pass_through(cls) -> "Fault":
        return cls("pass_through")

    @classmethod
    def unreachable(cls) -> "Fault":
        """Every new connection (and request) is dropped at once, as when the network is down."""
        return cls("unreachable")

    @classmethod
    def cut_body(
        cls,
        after_bytes: int,
        *,
        method: str | None = "PATCH",
        path_prefix: str = "/api/v1/uploads/",
        times: int = 1,
        silent_seconds: float = 0.0,
    ) -> "Fault":
        """Forward `after_bytes` of request body (counted over every matching request), then drop both ends.

        With `silent_seconds`, the server's end hears nothing for that long, then a reset: a phone that
        walked out of coverage, not one that closed its connection.
        """
        return cls("cut_body", method, path_prefix, times, after_bytes=after_bytes, seconds=silent_seconds)

    @classmethod
    def bad_gateway(cls, *, method: str | None = None, path_prefix: str = "/", times: int | None = None) -> "Fault":
        return cls("answer", method, path_prefix, times, status=502, content_type="text/plain", body=b"Bad Gateway")

    @classmethod
    def captive_portal(cls, *, method: str | None = None, path_prefix: str = "/", times: int | None = None) -> "Fault":
        """A `200 OK` login page, as a hotel or cafe Wi-Fi gives before the terms are accepted."""
        return cls("answer", method, path_prefix, times, status=200, content_type="text/html", body=CAPTIVE_PORTAL_PAGE)

    @classmethod
    def delay(
        cls, seconds: float, *, method: str | None = None, path_prefix: str = "/", times: int | None = None
    ) -> "Fault":
        return cls("delay", method, path_prefix, times, seconds=seconds)

    @classmethod
    def throttle(
        cls, bytes_per_second: float, *, method: str | None = None, path_prefix: str = "/", times: int | None = None
    ) -> "Fault":
        """The request body and its answer trickle at `bytes_per_second` each, as on a weak mobile signal."""
        return cls("throttle", method, path_prefix, times, bytes_per_second=bytes_per_second)

    @classmethod
    def cut_response(
        cls, after_bytes: int, *, method: str | None = None, path_prefix: str = "/", times: int | None = None
    ) -> "Fault":
        """Forward the request whole, then drop both ends after `after_bytes` of the server's answer."""
        return cls("cut_response", method, path_prefix, times, after_bytes=after_bytes)


@dataclass
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]
    fault: FaultKind
    body_bytes_forwarded: int = 0


@dataclass
class _Request:
    head: bytes
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)


class _Cut(Exception):
    """The byte budget of a `cut_body` fault ran out: drop both connections."""


@dataclass
class _Answer:
    """How the answer to the request in flight on one connection travels back: a byte budget, a rate."""

    budget: int | None = None
    bytes_per_second: float = 0.0


Chooser = Callable[[SeenRequest], Fault]


class FaultProxy:
    """The proxy, in a background thread with its own event loop, on a free port of 127.0.0.1."""

    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1") -> None:
        self.upstream_host = upstream_host
        self.upstream_port = upstream_port  # change it after restarting the server on a new port
        self.port = 0
        self.seen: list[SeenRequest] = []
        self.cuts = 0
        self.counts: Counter[FaultKind] = Counter()
        self._chooser: Chooser | None = None
        self._fault = Fault.pass_through()
        self._budget = 0
        self._lock = threading.RLock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fault-proxy", daemon=True)
        self._server: asyncio.Server | None = None
        self._connections: dict[asyncio.Task[None], asyncio.StreamWriter] = {}

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def set(self, fault: Fault) -> None:
        """Switch to `fault` for the requests that start from now on."""
        with self._lock:
            self._fault, self._budget = fault, fault.after_bytes

    @property
    def open_connections(self) -> int:
        """Client connections open now (each may be mid-request)."""
        return len(self._connections)

    def choose(self, chooser: Chooser | None) -> None:
        """Let `chooser` pick the fault of every request from now on (None: back to `set`'s fault).

        It sees the method, path and headers (not the body); its fault applies to that request only.
        """
        with self._lock:
            self._chooser = chooser

    @property
    def fault(self) -> Fault:
        return self._fault

    def __enter__(self) -> "FaultProxy":
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(10)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _listen(self) -> asyncio.Server:
        return await asyncio.start_server(self._accept, "127.0.0.1", 0)

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        # Reset every connection: each handler then meets the end of its stream and returns.
        for writer in self._connections.values():
            writer.transport.abort()
        # A handler inside a `delay` sleeps through the reset: end it too.
        for task in self._connections:
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections[task] = writer
        finished = False
        try:
            await self._serve(reader, writer)
            finished = True
        except (ConnectionError, asyncio.IncompleteReadError, _Cut):
            pass
        finally:
            del self._connections[task]
            # A request cut short, or a broken connection: reset (RST), as a lost network does.
            writer.close() if finished else writer.transport.abort()

    def _claim(self, request: _Request) -> tuple[Fault, bool]:
        """The fault this request meets (pass-through if none), and whether it is the request's own.

        A fault set with `set` is shared, and counted against `times`; a chooser's is the request's own.
        """
        with self._lock:
            if self._chooser is not None:
                fault = self._chooser(SeenRequest(request.method, request.path, request.headers, "pass_through"))
                self.counts[fault.kind] += 1
                return fault, True
            fault = self._shared_fault(request)
            self.counts[fault.kind] += 1
            return fault, False

    def _shared_fault(self, request: _Request) -> Fault:
        with self._lock:
            fault = self._fault
            if fault.kind == "unreachable":
                return fault
            if not fault.matches(request.method, request.path) or fault.times == 0:
                return Fault.pass_through()
            if fault.kind != "cut_body" and fault.times is not None:
                self._fault = replace(fault, times=fault.times - 1)
            return fault

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self._fault.kind == "unreachable":
            writer.transport.abort()
            return
        upstream: tuple[asyncio.StreamWriter, asyncio.Task[None]] | None = None
        answer = _Answer()
        try:
            while (request := await _read_request(reader)) is not None:
                fault, own = self._claim(request)
                seen = SeenRequest(request.method, request.path, request.headers, fault.kind)
                self.seen.append(seen)
                if fault.kind == "unreachable":
                    writer.transport.abort()
                    return
                if fault.kind == "answer":
                    async for _piece in _body_pieces(reader, request):
                        pass
                    writer.write(_response(fault))
                    await writer.drain()
                    return
                if fault.kind == "delay":
                    await asyncio.sleep(fault.seconds)  # the fault itself: a slow network, on purpose
                # Set before the request goes on: its answer follows it (HTTP/1.1 clients do not pipeline).
                answer.budget = fault.after_bytes if fault.kind == "cut_response" else None
                answer.bytes_per_second = fault.bytes_per_second if fault.kind == "throttle" else 0.0
                if upstream is None:
                    upstream_reader, upstream_writer = await asyncio.open_connection(
                        self.upstream_host, self.upstream_port
                    )
                    upstream = upstream_writer, asyncio.create_task(_copy(upstream_reader, writer, answer))
                upstream_writer = upstream[0]
                upstream_writer.write(request.head)
                budget = fault.after_bytes  # a chosen cut_body's own budget
                async for piece in _body_pieces(reader, request):
                    allowed, cut = piece, False
                    if fault.kind == "cut_body" and own:
                        allowed, cut = piece[:budget], len(piece) >= budget
                        budget -= len(allowed)
                        self.cuts += cut
                    elif fault.kind == "cut_body":
                        allowed, cut = self._spend(fault, piece)
                    upstream_writer.write(allowed)
                    seen.body_bytes_forwarded += len(allowed)
                    await upstream_writer.drain()
                    if fault.kind == "throttle":
                        await asyncio.sleep(len(allowed) / fault.bytes_per_second)  # the fault: a weak signal
                    if cut and fault.seconds:
                        writer.transport.abort()  # the phone's side at once; the server's after a silence
                        await asyncio.sleep(fault.seconds)
                        upstream_writer.transport.abort()
                        raise _Cut
                    if cut:
                        # A clean close (FIN): the server reads every byte sent, then meets the end mid-body.
                        upstream_writer.close()
                        with contextlib.suppress(ConnectionError):
                            await upstream_writer.wait_closed()
                        raise _Cut
        finally:
            if upstream is not None:
                upstream[1].cancel()
                upstream[0].close()

    def _spend(self, fault: Fault, piece: bytes) -> tuple[bytes, bool]:
        """What of `piece` may pass while the budget lasts, and whether the connection is cut after it."""
        with self._lock:
            if self._fault is not fault:  # switched to another fault meanwhile
                return piece, False
            if len(piece) < self._budget:
                self._budget -= len(piece)
                return piece, False
            allowed, self._budget = piece[: self._budget], fault.after_bytes
            self._fault = replace(fault, times=None if fault.times is None else fault.times - 1)
            self.cuts += 1
            return allowed, True


async def _read_request(reader: asyncio.StreamReader) -> _Request | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lines = head.decode("latin-1").split("\r\n")
    method, path, _version = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return _Request(head, method, path, headers)


async def _body_pieces(reader: asyncio.StreamReader, request: _Request) -> AsyncIterator[bytes]:
    """The request body as it arrives, raw (chunked framing included)."""
    if "chunked" in request.headers.get("transfer-encoding", "").lower():
        while True:
            size_line = await reader.readuntil(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            yield size_line
            if size == 0:
                while (trailer := await reader.readuntil(b"\r\n")) != b"\r\n":
                    yield trailer
                yield b"\r\n"
                return
            left = size + 2  # the data and its CRLF
            while left:
                piece = await reader.read(min(left, READ_SIZE))
                if not piece:
                    raise asyncio.IncompleteReadError(b"", left)
                left -= len(piece)
                yield piece
        return
    left = int(request.headers.get("content-length", "0"))
    while left:
        piece = await reader.read(min(left, READ_SIZE))
        if not piece:
            raise asyncio.IncompleteReadError(b"", left)
        left -= len(piece)
        yield piece


async def _copy(source: asyncio.StreamReader, destination: asyncio.StreamWriter, answer: _Answer) -> None:
    """Responses, from the server to the browser, byte for byte; the browser's side closes with the server's.

    `answer` may cap the rate of the answer in flight, or cut it (a reset, both ends) after a budget.
    """
    try:
        while piece := await source.read(READ_SIZE):
            if answer.budget is not None and len(piece) >= answer.budget:
                destination.write(piece[: answer.budget])
                await destination.drain()
                destination.transport.abort()
                return
            if answer.budget is not None:
                answer.budget -= len(piece)
            destination.write(piece)
            await destination.drain()
            if answer.bytes_per_second:
                await asyncio.sleep(len(piece) / answer.bytes_per_second)  # a throttle fault on the answer
    except ConnectionError:
        pass
    destination.close()


def _response(fault: Fault) -> bytes:
    reason = {200: "OK", 502: "Bad Gateway"}.get(fault.status, "Error")
    head = (
        f"HTTP/1.1 {fault.status} {reason}\r\nContent-Type: {fault.content_type}\r\n"
        f"Content-Length: {len(fault.body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
    )
    return head.encode("latin-1") + fault.body
