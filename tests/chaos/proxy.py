"""The phones' network for the chaos run: the fault proxy of the browser tests, with a fault drawn per request.

tests/support/fault_proxy.py does the work on the wire (HTTP/1.1 parsed, bodies streamed); this
module only decides, with a seeded random generator, what each request meets. Shares of all
requests (`MIX`):

- pass through;
- delay: 0.1-1.5 s before the request goes on;
- throttle: body and answer capped at 0.25-4 MB/s each way;
- cut the request body: the server gets a random prefix of it, then the end of the stream;
- cut it silently: the same prefix, then the phone's connection is reset at once while the server's
  hears nothing more for 2-5 s, then a reset (a phone that walked out of coverage);
- cut the response: the request arrives whole and is handled, the answer stops after 0-400 bytes
  (a receipt or a tus offset the phone never reads);
- 502 Bad Gateway, without forwarding;
- a captive portal's `200 text/html` page, without forwarding.

A request without a body cannot be cut mid-body: it meets a response cut instead.
"""

import random
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from tests.support.fault_proxy import Fault, FaultProxy, SeenRequest

MIX: dict[str, float] = {
    "pass_through": 0.52,
    "delay": 0.08,
    "throttle": 0.08,
    "cut_body": 0.08,
    "cut_body_silently": 0.03,
    "cut_response": 0.08,
    "bad_gateway": 0.065,
    "captive_portal": 0.065,
}


class FaultDraw:
    """Draws one fault per request from `MIX` (thread-safe, reproducible from the seed)."""

    def __init__(self, seed: int) -> None:
        # Two generators: the n-th request meets the n-th kind whatever the lengths drawn before it.
        self.kind_rng = random.Random(seed)
        self.rng = random.Random(seed + 1)
        self.kinds = list(MIX)
        self.weights = list(MIX.values())
        self.drawn: Counter[str] = Counter()
        self._lock = threading.Lock()

    def __call__(self, request: SeenRequest) -> Fault:
        with self._lock:
            kind = self.kind_rng.choices(self.kinds, self.weights)[0]
            length = int(request.headers.get("content-length", "0") or 0)
            if kind.startswith("cut_body") and length == 0:
                kind = "cut_response"
            self.drawn[kind] += 1
            if kind == "delay":
                return Fault.delay(self.rng.uniform(0.1, 1.5))
            if kind == "throttle":
                return Fault.throttle(self.rng.uniform(0.25e6, 4e6))
            if kind == "cut_body":
                return Fault.cut_body(self.rng.randrange(length), method=None, path_prefix="/")
            if kind == "cut_body_silently":
                silence = self.rng.uniform(2.0, 5.0)
                return Fault.cut_body(self.rng.randrange(length), method=None, path_prefix="/", silent_seconds=silence)
            if kind == "cut_response":
                return Fault.cut_response(self.rng.randrange(400))
            if kind == "bad_gateway":
                return Fault.bad_gateway()
            if kind == "captive_portal":
                return Fault.captive_portal()
            return Fault.pass_through()


@contextmanager
def faulty_network(upstream_port: int, seed: int) -> Iterator[tuple[FaultProxy, FaultDraw]]:
    """A proxy on 127.0.0.1 in front of `upstream_port` that breaks requests at random (see `MIX`)."""
    draw = FaultDraw(seed)
    with FaultProxy(upstream_port) as proxy:
        proxy.choose(draw)
        yield proxy, draw
