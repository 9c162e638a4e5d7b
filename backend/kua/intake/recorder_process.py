"""The report recorder's own process: `python -m kua.intake.recorder_process FD`, started by kua.intake.recorder.

It reads pending reports from the socket FD (kua.intake.recorder_wire), writes every report that has
arrived as one group (kua.intake.group_commit), and answers each group with one frame of outcomes.
It ends when its parent closes the socket, or dies: a group being committed is finished first, and
its reports are answered to nobody, which a phone's retry settles (the same bytes get the original
receipt).
"""

import gc
import logging
import signal
import socket
import sys

from kua.db.engine import create_database_engine
from kua.intake.group_commit import GroupWriter
from kua.intake.recorder_wire import FrameReader, answers_frame, pending_of

MAX_GROUP = 256
_RECEIVE_BYTES = 1 << 20


def serve(sock: socket.socket) -> None:
    """Record what arrives on `sock` until its other end closes."""
    frames = FrameReader()
    arrived: list[bytes] = []
    while not arrived:  # the database URL comes first
        if not (data := sock.recv(_RECEIVE_BYTES)):
            return
        arrived = frames.feed(data)
    engine = create_database_engine(arrived.pop(0).decode())
    writer = GroupWriter(engine)
    gc.freeze()  # what start-up imported is never garbage: no collection need look at it again
    try:
        while True:
            while not arrived:
                if not (data := sock.recv(_RECEIVE_BYTES)):
                    return  # the parent closed the socket, or died
                arrived = frames.feed(data) + _already_there(sock, frames)
            jobs = [pending_of(value) for value in arrived[:MAX_GROUP]]
            arrived = arrived[MAX_GROUP:]
            outcomes = writer.write([pending for _job, pending in jobs])
            sock.sendall(answers_frame((job, o) for (job, _pending), o in zip(jobs, outcomes, strict=True)))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the parent is gone: nobody waits for an answer
    finally:
        engine.dispose()


def _already_there(sock: socket.socket, frames: FrameReader) -> list[bytes]:
    """Every frame that has already arrived, without waiting for more: these join the group."""
    values: list[bytes] = []
    while True:
        try:
            data = sock.recv(_RECEIVE_BYTES, socket.MSG_DONTWAIT)
        except BlockingIOError:
            return values
        if not data:
            return values  # the end: serve() sees it at its next read
        values += frames.feed(data)


def main() -> None:
    # The parent decides when this process ends, by closing the socket: a Ctrl-C or a SIGTERM sent to
    # the whole process group must not cut a commit short or leave the parent's requests unanswered.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
    with socket.socket(fileno=int(sys.argv[1])) as sock:
        serve(sock)


if __name__ == "__main__":
    main()
