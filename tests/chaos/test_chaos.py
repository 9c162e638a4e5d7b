"""Nothing acknowledged is lost, nothing is stored twice: phones sync through a network that delays,
throttles, cuts bodies and answers, answers 502 and captive-portal pages, while the server is killed
with `kill -9` and started again; the server's database and blob folder then hold exactly what the
phones sent, byte for byte.

The small size of `make chaos` (tests/chaos/run.py). Seeded, with a generous deadline and no timing
assertion: a slow machine makes it slower, not red.
"""

from pathlib import Path

import pytest

from tests.chaos.proxy import MIX
from tests.chaos.run import SMALL, run_chaos, table
from tests.support.figures import Figures

pytestmark = pytest.mark.slow

# Its first 48 fault draws (a run makes at least 48 requests) hold every kind of fault at least 3 times.
SEED = 20260509


def test_phones_syncing_through_faults_and_kills_lose_and_duplicate_nothing(tmp_path: Path, figures: Figures) -> None:
    # Given phones holding sealed reports and photos, a faulty network and a server that gets killed
    outcome = run_chaos(SMALL, SEED, tmp_path)
    # Then every planned kill happened while the phones were sending
    assert outcome.kills == SMALL.kills
    # And every phone emptied its outbox: every report has its receipt, every photo is complete
    assert not outcome.verdict.unacknowledged, outcome.verdict.problems()
    # And the server holds each of them once, with the SHA-256 the phone computed, also after a restart
    assert outcome.verdict.clean, outcome.verdict.problems()
    assert outcome.after_restart.clean, outcome.after_restart.problems()
    assert (outcome.verdict.reports_stored, outcome.verdict.photos_stored) == (SMALL.reports, SMALL.photos)
    # And the network did break things: every kind of fault was met (a body-less request cut mid-body
    # counts as a cut response)
    assert all(outcome.faults[kind] > 0 for kind in MIX if not kind.startswith("cut_body"))
    assert outcome.faults["cut_body"] + outcome.faults["cut_body_silently"] > 0
    figures.record(
        f"chaos: {SMALL.reports} reports and {SMALL.photos} photos through {outcome.requests} faulty requests, "
        f"{outcome.kills} kill -9: 0 lost, 0 duplicated, every SHA-256 equal ({outcome.wall_seconds:.0f} s)"
    )
    print(table(outcome, "pytest tests/chaos"))
