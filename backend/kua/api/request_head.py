"""uvicorn's HTTP protocol with limits on a request's head (request line and headers), for `kua serve`.

uvicorn (0.54, httptools) sets neither: a client may open a connection and send nothing, or trickle
a header one byte a second (slow-loris), and hold a connection and its memory for as long as it
likes; a header of megabytes is buffered whole. Here a head must arrive whole within
`HEAD_TIMEOUT_SECONDS` of the connection opening (or of the request's first byte on a kept-alive
connection), else the connection is closed; and a head of more than `MAX_HEAD_BYTES` is answered
`431` and the connection closed. A phone's heads are well under 4 KiB. Bodies have deadlines of
their own (kua.api.request_body, kua.uploads.receive); idle kept-alive connections close after
uvicorn's `timeout_keep_alive` (5 seconds).
"""

import asyncio
import json

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEAD_TIMEOUT_SECONDS = 15.0
MAX_HEAD_BYTES = 16 * 1024
_TOO_LARGE = json.dumps(
    {"error": {"code": "request_head_too_large", "message": f"The request's headers exceed {MAX_HEAD_BYTES} bytes."}}
).encode()


class LimitedHeadProtocol(HttpToolsProtocol):
    """HttpToolsProtocol with a deadline and a size limit for each request's head."""

    _in_head = False
    _refused = False
    _unparsed_head_bytes = 0
    _parsed_head_bytes = 0
    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        super().data_received(data)
        if self._in_head and not self._refused:
            # The head is still incomplete: all of this chunk is head, buffered by the parser.
            self._unparsed_head_bytes += len(data)
            if self._unparsed_head_bytes > MAX_HEAD_BYTES:
                self._refused = True
        if self._refused:
            self._refuse_head()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if not self._in_head:  # the next request on a kept-alive connection
            self._start_head()

    def on_url(self, url: bytes) -> None:
        self._count_parsed(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count_parsed(len(name) + len(value) + 4)
        if not self._refused:
            super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._stop_head_timer()
        if not self._refused:
            super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self._refused:
            super().on_body(body)

    def on_message_complete(self) -> None:
        if not self._refused:
            super().on_message_complete()

    def _start_head(self) -> None:
        self._in_head = True
        self._unparsed_head_bytes = self._parsed_head_bytes = 0
        self._stop_head_timer()
        self._head_timer = self.loop.call_later(HEAD_TIMEOUT_SECONDS, self._head_too_slow)

    def _stop_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _count_parsed(self, size: int) -> None:
        self._parsed_head_bytes += size
        if self._parsed_head_bytes > MAX_HEAD_BYTES:
            self._refused = True

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self._in_head and not self.transport.is_closing():
            self.transport.close()  # a slow-loris gets no answer: the connection is simply gone

    def _refuse_head(self) -> None:
        self._stop_head_timer()
        if self.transport.is_closing():
            return
        self.transport.write(
            b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
            b"content-type: application/json\r\n"
            b"x-content-type-options: nosniff\r\n"
            b"cache-control: no-store\r\n"
            b"content-length: " + str(len(_TOO_LARGE)).encode() + b"\r\n"
            b"connection: close\r\n\r\n" + _TOO_LARGE
        )
        self.transport.close()
