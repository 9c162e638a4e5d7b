"""The hostile scenario at a small size (`make hostile` runs the full one): every honest report is accepted
while attackers flood creations, hold slow bodies, send junk reports and try sign-ins."""

from pathlib import Path

import pytest

from tests.hostile.scenario import SMALL, run

pytestmark = pytest.mark.slow


def test_every_honest_report_is_accepted_under_attack(tmp_path: Path) -> None:
    outcome = run(SMALL, tmp_path / "data")
    assert outcome.reports_accepted == outcome.reports_sent == SMALL.phones * SMALL.reports
    assert not outcome.refusals, outcome.refusals
    assert outcome.photos_accepted == SMALL.phones
    # And every kind of attack ran meanwhile (a sign-in takes a second here: Argon2id)
    for name, answers in outcome.attacks.items():
        assert sum(answers.values()) >= 1, (name, answers)
    print(outcome.table())
