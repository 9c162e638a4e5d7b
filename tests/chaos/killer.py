"""Kills `kua serve` with SIGKILL at random moments of a run and starts it again on the same port and data.

The moments are drawn (seeded) as shares of the run's progress (tests/chaos/client.py `Progress`),
one in each of `kills` equal slices of 5-85 %; a kill follows the acknowledgement that reached its
share at once (and some progress since the last restart), so every planned kill happens however fast
the run goes, while phones are sending. The proxy in front keeps listening: while the server is
down, phones see their connections refused or reset, nothing else.
"""

import random
import threading
import time
from collections.abc import Callable

from tests.chaos.client import Progress
from tests.support.server import RunningServer


class Killer:
    """A background thread: `kills` SIGKILLs of `server`, each followed by a restart."""

    def __init__(
        self, server: RunningServer, kills: int, progress: Progress, seed: int, in_flight: Callable[[], int]
    ) -> None:
        self.server = server
        self.progress = progress
        self.in_flight = in_flight
        self.rng = random.Random(seed)
        share = 0.8 / max(1, kills)
        self.moments = [0.05 + share * (index + self.rng.random()) for index in range(kills)]
        self.kills = 0
        self.kill_progress: list[float] = []  # the run's progress at each kill
        self.kill_in_flight: list[int] = []  # client connections open at each kill
        self.downtime_seconds = 0.0
        self.error: BaseException | None = None
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="chaos-killer", daemon=True)

    def __enter__(self) -> "Killer":
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        with self.progress.changed:
            self._stop = True
            self.progress.changed.notify_all()
        self._thread.join(timeout=120)

    def _run(self) -> None:
        try:
            restarted_at = -1.0
            for moment in self.moments:

                def due(moment: float = moment, restarted_at: float = restarted_at) -> bool:
                    share = self.progress.fraction()
                    return self._stop or (share >= moment and share > restarted_at)

                with self.progress.changed:
                    self.progress.changed.wait_for(due)
                    if self._stop:
                        return
                    self.kill_progress.append(self.progress.fraction())
                self.kill_in_flight.append(self.in_flight())
                self.server.kill()
                down = time.monotonic()
                self.kills += 1
                time.sleep(self.rng.uniform(0.0, 1.0))  # the server stays down a moment
                self.server.restart(same_port=True)
                self.downtime_seconds += time.monotonic() - down
                restarted_at = self.progress.fraction()
        except BaseException as error:  # a server that does not come back fails the run, loudly
            self.error = error
