"""The application served by a real uvicorn on a loopback port, in a thread of the test process.

For tests that must reach into the app while talking HTTP to it, such as moving its clock
(`services_of(app).clock`); everything else uses a `kua serve` subprocess (tests/support/server.py).
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from kua.api.services import services_of
from tests.support.polling import wait_until
from tests.support.server import START_TIMEOUT, free_port


@dataclass(frozen=True)
class ThreadedServer:
    base_url: str
    data_dir: Path

    def url(self, path: str) -> str:
        return self.base_url + path


@contextmanager
def serving(app: FastAPI) -> Iterator[ThreadedServer]:
    """Serve `app` (lifespan included) until the block ends."""
    config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    wait_until(
        lambda: server.started or not thread.is_alive(), timeout=START_TIMEOUT, what="uvicorn to start", interval=0.02
    )
    if not server.started:
        raise RuntimeError("uvicorn did not start")
    try:
        yield ThreadedServer(f"http://127.0.0.1:{config.port}", services_of(app).settings.data_dir)
    finally:
        server.should_exit = True
        thread.join(15)
