"""A virtual X display for WebKitGTK, on a display number Xvfb picks itself (`-displayfd`): no clash with others."""

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from tests.support.server import stop_gently

XVFB = shutil.which("Xvfb") or "/usr/bin/Xvfb"


@contextmanager
def virtual_display() -> Iterator[str]:
    """Start Xvfb (loopback only: no TCP), yield its DISPLAY (":N"), stop it by its PID at the end."""
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [XVFB, "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "1280x1024x24"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        # Xvfb writes the number once it accepts connections; an empty read means it died.
        with os.fdopen(read_end) as numbers:
            number = numbers.readline().strip()
        assert number, f"Xvfb exited ({process.poll()}) before choosing a display"
        yield f":{number}"
    finally:
        stop_gently(process, timeout=5)
