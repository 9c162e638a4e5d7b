"""The chaos run: phones drain their outboxes through a faulty network while the server is killed with `kill -9`.

    .venv/bin/python -m tests.chaos.run [--reports 500] [--photos 50] [--photo-mb 1 10] [--kills 5]
        [--phones 6] [--seed 7] [--database sqlite|postgres|both] [--write-docs]

`make chaos` runs the full size on SQLite and PostgreSQL and writes the figures into
docs/reliability.md; tests/chaos/test_chaos.py runs a small size in `make test`. The verdict is read
from the database and the blob folder (tests/chaos/verdict.py), after the phones' outboxes are
empty, then again after one more restart (the start-up clean-up must not remove anything either).
"""

import argparse
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bench.performance_doc import write_section

from kua.crypto import age
from tests.chaos.client import WAKE_UPS, Phone, Photo, Progress, Report
from tests.chaos.killer import Killer
from tests.chaos.proxy import faulty_network
from tests.chaos.verdict import Verdict, judge
from tests.intake.reporter import REVIEWER, seal_report
from tests.support.databases import fresh_postgres_database
from tests.support.server import RunningServer

DOC = Path(__file__).resolve().parents[2] / "docs" / "reliability.md"
MB = 1_000_000
REPORT_TEXT_CHARS = 2_300  # padded and sealed to a post-quantum recipient: about 4 KB


@dataclass(frozen=True)
class Size:
    reports: int
    photos: int
    photo_bytes: tuple[int, int]
    kills: int
    phones: int
    deadline_seconds: float


FULL = Size(reports=500, photos=50, photo_bytes=(1 * MB, 10 * MB), kills=5, phones=6, deadline_seconds=1800)
SMALL = Size(reports=40, photos=4, photo_bytes=(1 * MB, 2 * MB), kills=2, phones=4, deadline_seconds=600)


@dataclass
class Outcome:
    size: Size
    seed: int
    database: str
    verdict: Verdict
    after_restart: Verdict
    kills: int
    kill_progress: list[float]
    kill_in_flight: list[int]
    downtime_seconds: float
    faults: Counter[str]
    requests: int
    tally: Counter[str] = field(default_factory=Counter)
    wall_seconds: float = 0.0
    seal_seconds: float = 0.0
    photo_sizes: list[int] = field(default_factory=list)
    checksummed_photos: int = 0


def seal_outboxes(size: Size, seed: int) -> list[list[Report]]:
    """The phones' outboxes: `size.reports` sealed reports, `size.photos` sealed photos attached to some."""
    rng = random.Random(seed)
    reports = [
        Report(
            uuid.UUID(int=rng.getrandbits(128), version=4),
            seal_report(f"Report {index}. " + "".join(rng.choices("абвгдежзийклмнопрстуф ", k=REPORT_TEXT_CHARS))),
        )
        for index in range(size.reports)
    ]
    for index in range(size.photos):
        length = rng.randint(*size.photo_bytes)
        photo = Photo(
            uuid.UUID(int=rng.getrandbits(128), version=4),
            age.encrypt_bytes(os.urandom(length), [REVIEWER]),
            checksum=index % 2 == 0,
        )
        rng.choice(reports).photos.append(photo)
    return [reports[phone :: size.phones] for phone in range(size.phones)]


def run_chaos(size: Size, seed: int, work_dir: Path, database_url: str | None = None) -> Outcome:
    """One run: seal, start the server and the proxy, drain every phone under kills, judge."""
    started = time.monotonic()
    outboxes = seal_outboxes(size, seed)
    seal_seconds = time.monotonic() - started
    photos = [photo for outbox in outboxes for report in outbox for photo in report.photos]
    progress = Progress(size.reports, sum(photo.length for photo in photos))
    settings = {"KUA_DATABASE_URL": database_url} if database_url else {}
    with RunningServer(work_dir / "data", **settings) as server, faulty_network(server.port, seed) as (proxy, draw):
        phones = [
            Phone(f"phone-{index}", proxy.base_url, outbox, progress, seed * 1000 + index)
            for index, outbox in enumerate(outboxes)
        ]
        started = time.monotonic()
        deadline = started + size.deadline_seconds
        with Killer(server, size.kills, progress, seed + 1, lambda: proxy.open_connections) as killer:
            threads = [threading.Thread(target=phone.drain, args=(deadline,), name=phone.name) for phone in phones]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        wall_seconds = time.monotonic() - started
        if killer.error is not None:
            raise RuntimeError("the server did not come back after a kill") from killer.error
        for phone in phones:
            if phone.error is not None:
                raise RuntimeError(f"{phone.name} failed") from phone.error
        verdict = judge(server, outboxes)
        server.restart(same_port=True)  # the start-up clean-up must leave everything acknowledged
        after_restart = judge(server, outboxes)
    tally: Counter[str] = Counter()
    for phone in phones:
        tally.update(phone.tally)
    return Outcome(
        size=size,
        seed=seed,
        database="PostgreSQL" if database_url else "SQLite",
        verdict=verdict,
        after_restart=after_restart,
        kills=killer.kills,
        kill_progress=killer.kill_progress,
        kill_in_flight=killer.kill_in_flight,
        downtime_seconds=killer.downtime_seconds,
        faults=Counter(draw.drawn),
        requests=len(proxy.seen),
        tally=tally,
        wall_seconds=wall_seconds,
        seal_seconds=seal_seconds,
        photo_sizes=[photo.length for photo in photos],
        checksummed_photos=sum(photo.checksum for photo in photos),
    )


def table(outcome: Outcome, command: str) -> str:
    """The figures as a Markdown table."""
    verdict, size, tally, faults = outcome.verdict, outcome.size, outcome.tally, outcome.faults
    sizes = outcome.photo_sizes
    photo_range = f"{min(sizes) / MB:.1f}-{max(sizes) / MB:.1f} MB" if sizes else "none"
    tus_requests = tally["tus HEAD"] + tally["tus POST"] + tally["tus PATCH"]
    tus_refusals = ", ".join(
        f"{count} x {name.removeprefix('answered ')}" for name, count in sorted(tally.items()) if "answered " in name
    )
    rows = [
        ("command", f"`{command}`"),
        ("database", outcome.database),
        ("phones (concurrent clients)", str(size.phones)),
        (
            "reports: sent / acknowledged / stored",
            _three(size.reports, size.reports - _unacked(verdict, "report"), verdict.reports_stored),
        ),
        (
            "photos: sent / acknowledged / stored",
            _three(size.photos, size.photos - _unacked(verdict, "photo"), verdict.photos_stored),
        ),
        ("photo sizes", f"{photo_range}, {outcome.checksummed_photos} of {size.photos} with `Upload-Checksum`"),
        ("bytes stored (checked by SHA-256)", f"{verdict.bytes_stored / MB:,.1f} MB"),
        (
            "server kills (SIGKILL): at progress (connections open)",
            f"{outcome.kills}: "
            + ", ".join(
                f"{share:.0%} ({n})" for share, n in zip(outcome.kill_progress, outcome.kill_in_flight, strict=True)
            ),
        ),
        ("server down (kills to healthy again)", f"{outcome.downtime_seconds:.1f} s in all"),
        (
            "**lost / duplicated / SHA-256 mismatches**",
            f"**{len(verdict.lost)} / {len(verdict.duplicated)} / {len(verdict.hash_mismatches)}**",
        ),
        ("same after one more restart (start-up clean-up)", "clean" if outcome.after_restart.clean else "NOT CLEAN"),
        ("requests through the proxy", f"{outcome.requests:,}"),
        ("faults met", ", ".join(f"{faults[kind]} {label}" for kind, label in FAULT_LABELS)),
        (
            "report PUTs (first tries + retries)",
            f"{tally['report PUTs']:,} ({tally['report PUTs'] - size.reports:,} retries)",
        ),
        ("receipts recovered by sending again (200)", str(tally["receipt recovered by sending again"])),
        ("200 answers that were not receipts (portal)", str(tally["not a receipt (200 without one)"])),
        (
            "tus requests (HEAD, POST, PATCH)",
            f"{tus_requests:,}: {tally['tus HEAD']} HEAD, {tally['tus POST']} POST, {tally['tus PATCH']} PATCH; "
            f"{tally['tus retries']} tus-js-client retries",
        ),
        ("tus 409 / 460 answers", tus_refusals or "none"),
        (
            "failed attempts (`offline`: every item of a pass that met no network)",
            ", ".join(f"{tally[f'failed: {code}']} {code}" for code in ("offline", "server", "refused")),
        ),
        ("refusals (no automatic retry in the app)", _refusals(tally)),
        ("drain passes (wake-ups with only refused items left)", f"{tally['passes']} ({tally[WAKE_UPS]})"),
        ("wall time (sealing excluded)", f"{outcome.wall_seconds:.0f} s (sealing took {outcome.seal_seconds:.0f} s)"),
        ("seed", str(outcome.seed)),
    ]
    return "\n".join(["| figure | value |", "|---|---|", *(f"| {name} | {value} |" for name, value in rows)])


FAULT_LABELS = (
    ("pass_through", "passed"),
    ("delay", "delayed"),
    ("throttle", "throttled"),
    ("cut_body", "cut mid-body"),
    ("cut_body_silently", "cut mid-body silently"),
    ("cut_response", "cut mid-response"),
    ("bad_gateway", "502"),
    ("captive_portal", "captive portal"),
)


def _refusals(tally: Counter[str]) -> str:
    found = [
        f"{count} x {name.removeprefix('refused: ')}" for name, count in sorted(tally.items()) if "refused: " in name
    ]
    return ", ".join(found) or "none"


def _unacked(verdict: Verdict, kind: str) -> int:
    return sum(item.startswith(kind) for item in verdict.unacknowledged)


def _three(a: int, b: int, c: int) -> str:
    return f"{a:,} / {b:,} / {c:,}"


@contextmanager
def _database(kind: str) -> Iterator[str | None]:
    if kind == "sqlite":
        yield None
        return
    with fresh_postgres_database() as url:  # skips (pytest's Skipped) when no PostgreSQL answers
        yield url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=FULL.reports)
    parser.add_argument("--photos", type=int, default=FULL.photos)
    parser.add_argument("--photo-mb", type=float, nargs=2, default=(1, 10), metavar=("MIN", "MAX"))
    parser.add_argument("--kills", type=int, default=FULL.kills)
    parser.add_argument("--phones", type=int, default=FULL.phones)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--deadline", type=float, default=FULL.deadline_seconds, help="seconds")
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--write-docs", action="store_true", help="write the figures into docs/reliability.md")
    args = parser.parse_args()
    size = Size(
        reports=args.reports,
        photos=args.photos,
        photo_bytes=(int(args.photo_mb[0] * MB), int(args.photo_mb[1] * MB)),
        kills=args.kills,
        phones=args.phones,
        deadline_seconds=args.deadline,
    )
    command = "python -m tests.chaos.run " + " ".join(sys.argv[1:]).replace(" --write-docs", "").strip()
    failed = False
    for kind in ("sqlite", "postgres") if args.database == "both" else (args.database,):
        print(f"==> Chaos on {kind}: {size}", flush=True)
        try:
            with _database(kind) as url, tempfile.TemporaryDirectory(prefix="kua-chaos-") as folder:
                outcome = run_chaos(size, args.seed, Path(folder), url)
        except pytest.skip.Exception as skipped:
            print(f"==> Skipped {kind}: {skipped}", flush=True)
            continue
        figures = table(outcome, command.replace("--database both", f"--database {kind}"))
        print(figures, flush=True)
        clean = outcome.verdict.clean and outcome.after_restart.clean and outcome.kills == size.kills
        if not clean:
            failed = True
            print(outcome.verdict.problems() or f"only {outcome.kills} of {size.kills} kills happened", flush=True)
        elif args.write_docs:
            write_section(f"chaos-{kind}", f"Chaos run on {outcome.database}", figures, doc=DOC)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
