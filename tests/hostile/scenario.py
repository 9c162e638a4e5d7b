"""The hostile scenario: honest phones send reports through a real `kua serve` while attackers, at once,
flood upload creations, hold slow bodies, send junk reports and try sign-ins (issue 16).

    .venv/bin/python -m tests.hostile.scenario [--phones 40] [--reports 10] [--seconds-between 0.2]
        [--attacker-addresses 3] [--write-docs]

`make hostile` runs the full size and writes the figures into docs/reliability.md;
tests/hostile/test_scenario.py runs a small size and asserts that every honest report was accepted.
Each phone and each attacker speaks from its own loopback address (127.0.0.0/8), so from its own
client pseudonym, as different networks would; the server runs with its default limits.
"""

import argparse
import base64
import hashlib
import os
import socket
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from bench.performance_doc import write_section

from kua.config import WRITES_BURST, WRITES_PER_MINUTE
from kua.crypto.age.header import AGE_MAGIC
from tests.hostile.neighbours import client_from
from tests.intake.reporter import reporter_token_for, seal_report
from tests.support.polling import wait_until
from tests.support.server import RunningServer, run_kua
from tests.uploads.phone import PATCH_TYPE, TUS, seal_photo

DOC = Path(__file__).resolve().parents[2] / "docs" / "reliability.md"
REPORT_TEXT_CHARS = 2_300  # padded and sealed: about 4 KB, as in the chaos run
PHOTO_BYTES = 100_000
JUNK_REPORT_BYTES = 100_000
# The server's defaults, stated so that the test support's raised limits do not apply here.
DEFAULT_LIMITS = {"KUA_RATE_LIMIT_PER_MINUTE": str(WRITES_PER_MINUTE), "KUA_RATE_LIMIT_BURST": str(WRITES_BURST)}
ADMIN = "Scenario Admin"
SLOW_BODIES_HELD = 60  # per attacker address: under the cap of 64 bodies in progress per client
SLOW_BYTE_SECONDS = 5.0


@dataclass(frozen=True)
class Size:
    phones: int
    reports: int  # per phone
    seconds_between: float  # a phone's pause between two reports
    attacker_addresses: int  # per kind of attack


FULL = Size(phones=40, reports=10, seconds_between=4.0, attacker_addresses=3)
SMALL = Size(phones=6, reports=4, seconds_between=0.3, attacker_addresses=1)


@dataclass
class Tally:
    """What one side saw: answers by status, and the latency of each honest report."""

    answers: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, what: str, latency: float | None = None) -> None:
        with self.lock:
            self.answers[what] += 1
            if latency is not None:
                self.latencies.append(latency)


@dataclass
class Outcome:
    size: Size
    seconds: float
    reports_sent: int
    reports_accepted: int
    photos_accepted: int
    refusals: Counter[str]
    latencies: list[float]
    attacks: dict[str, Counter[str]]

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0

    def table(self) -> str:
        rows = [
            ("honest phones (one address each) x reports", f"{self.size.phones} x {self.size.reports}"),
            ("honest reports accepted", f"{self.reports_accepted} of {self.reports_sent}"),
            ("honest photos (100 KB, tus) completed", f"{self.photos_accepted} of {self.size.phones}"),
            ("honest refusals", str(sum(self.refusals.values())) + _listing(self.refusals)),
            ("report latency p50 / p99 / max", "{:.0f} / {:.0f} / {:.0f} ms".format(*self._latency_ms())),
            ("duration", f"{self.seconds:.0f} s"),
        ]
        for name, answers in self.attacks.items():
            total = sum(answers.values())
            if name == "slow bodies":
                held = f"{SLOW_BODIES_HELD} held at once per address, a byte every {SLOW_BYTE_SECONDS:g} s"
                rows.append((f"attack: {name} ({self.size.attacker_addresses} addresses)", held + _listing(answers)))
                continue
            rows.append(
                (
                    f"attack: {name} ({self.size.attacker_addresses} addresses)",
                    f"{total / self.seconds:.1f}/s ({total} in all){_listing(answers)}",
                )
            )
        lines = ["| figure | value |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows)]
        return "\n".join(lines)

    def _latency_ms(self) -> tuple[float, float, float]:
        return (self.percentile(0.5) * 1000, self.percentile(0.99) * 1000, max(self.latencies, default=0) * 1000)


def _listing(counter: Counter[str]) -> str:
    return ": " + ", ".join(f"{k} x{v}" for k, v in sorted(counter.items())) if counter else ""


def honest_phone(server: RunningServer, address: str, size: Size, tally: Tally, photos: Tally) -> None:
    """One family's phone: a photo over tus, then its reports, each with a reporter token, one after another."""
    with client_from(address, server.base_url, timeout=120) as phone:
        photo = seal_photo(PHOTO_BYTES)
        created = phone.post(
            "/api/v1/uploads/",
            headers={**TUS, "Upload-Length": str(len(photo.ciphertext)), "Upload-Metadata": photo.metadata()},
        )
        if created.status_code == 201:
            sent = phone.patch(
                created.headers["Location"],
                headers={**TUS, "Upload-Offset": "0", "Content-Type": PATCH_TYPE},
                content=photo.ciphertext,
            )
            photos.count(str(sent.status_code))
        else:
            photos.count(str(created.status_code))
        for number in range(size.reports):
            report_id = uuid.uuid4()
            sealed = seal_report(f"report {number} from {address}".ljust(REPORT_TEXT_CHARS, "."))
            token_sha256 = hashlib.sha256(reporter_token_for(report_id).encode()).hexdigest()
            started = time.monotonic()
            try:
                answer = phone.put(
                    f"/api/v1/reports/{report_id}",
                    content=sealed,
                    headers={
                        "Content-Type": "application/octet-stream",
                        "Kua-Reporter-Token-Sha256": token_sha256,
                        "Kua-Attachment-Ids": str(photo.upload_id),
                    },
                )
            except httpx.TransportError as error:
                tally.count(type(error).__name__)
                continue
            elapsed = time.monotonic() - started
            ok = answer.status_code == 201 and answer.json()["sha256"] == hashlib.sha256(sealed).hexdigest()
            tally.count("accepted" if ok else f"{answer.status_code} {_code(answer)}", elapsed if ok else None)
            time.sleep(size.seconds_between)  # the pace of a family writing, not a wait for the server


def _answer(answer: httpx.Response) -> str:
    code = _code(answer)
    return f"{answer.status_code} {code}" if code else str(answer.status_code)


def _code(answer: httpx.Response) -> str:
    try:
        return str(answer.json()["error"]["code"])
    except (ValueError, KeyError, TypeError):
        return ""


def _metadata() -> str:
    values = {"id": str(uuid.uuid4()), "sha256": hashlib.sha256(os.urandom(8)).hexdigest()}
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


def creation_flood(client: httpx.Client, tally: Tally) -> None:
    """Declare the largest upload and never send a byte (the attack of finding 1)."""
    answer = client.post(
        "/api/v1/uploads/", headers={**TUS, "Upload-Length": str(50 * 1024 * 1024), "Upload-Metadata": _metadata()}
    )
    tally.count(_answer(answer))


def junk_report(client: httpx.Client, tally: Tally) -> None:
    """A report of random bytes behind the age header: it passes every check the server can make."""
    body = AGE_MAGIC + os.urandom(JUNK_REPORT_BYTES)
    answer = client.put(
        f"/api/v1/reports/{uuid.uuid4()}", content=body, headers={"Content-Type": "application/octet-stream"}
    )
    tally.count(_answer(answer))


def sign_in_attempt(client: httpx.Client, tally: Tally) -> None:
    """A guessed password for the real reviewer's name, or a guessed name."""
    name = ADMIN if tally.answers.total() % 2 == 0 else f"reviewer-{uuid.uuid4().hex[:6]}"
    answer = client.post(
        "/api/v1/review/session", json={"name": name, "password": os.urandom(9).hex(), "totp_code": "123456"}
    )
    tally.count(_answer(answer))


def slow_body(server: RunningServer, address: str, tally: Tally, stop: threading.Event) -> None:
    """A report PUT that sends its head, the age header, then one byte every SLOW_BYTE_SECONDS until the server
    cuts it (the attack of finding 2); counts the server's answer, or that it was still held when the run ended."""
    head = (
        f"PUT /api/v1/reports/{uuid.uuid4()} HTTP/1.1\r\nHost: kua\r\nContent-Type: application/octet-stream\r\n"
        "Content-Length: 1000000\r\n\r\n"
    ).encode() + AGE_MAGIC
    try:
        with socket.create_connection(("127.0.0.1", server.port), source_address=(address, 0)) as connection:
            connection.sendall(head)
            connection.settimeout(SLOW_BYTE_SECONDS)
            while not stop.is_set():
                try:
                    answer = connection.recv(4096)
                    tally.count(answer.split(b" ", 2)[1].decode() if answer.startswith(b"HTTP/1.1 ") else "closed")
                    return
                except TimeoutError:
                    connection.sendall(b"x")
            tally.count("held to the end")
    except OSError as error:
        tally.count(type(error).__name__)


def attacker(
    call: Callable[[httpx.Client, Tally], None],
    server: RunningServer,
    address: str,
    tally: Tally,
    stop: threading.Event,
) -> None:
    """Send requests as fast as the answers come (a refusal's Retry-After is ignored, as an attacker would)."""
    with client_from(address, server.base_url, timeout=60) as client:
        while not stop.is_set():
            try:
                call(client, tally)
            except httpx.TransportError as error:
                tally.count(type(error).__name__)


def slow_attacker(
    server: RunningServer, address: str, tally: Tally, stop: threading.Event, held: int = SLOW_BODIES_HELD
) -> None:
    """Keep `held` slow bodies open from one address, opening a new one whenever the server cuts one."""

    def keep_one() -> None:
        while not stop.is_set():
            slow_body(server, address, tally, stop)

    workers = [threading.Thread(target=keep_one, daemon=True) for _ in range(held)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


@contextmanager
def attacks(server: RunningServer, size: Size) -> Iterator[dict[str, Tally]]:
    tallies = {name: Tally() for name in ("creation flood", "slow bodies", "junk reports", "sign-in attempts")}
    stop = threading.Event()
    threads = []
    for n in range(size.attacker_addresses):
        calls = (
            ("creation flood", creation_flood),
            ("junk reports", junk_report),
            ("sign-in attempts", sign_in_attempt),
        )
        for kind, (name, call) in enumerate(calls):
            address = f"127.0.{2 + kind}.{n + 1}"
            threads.append(
                threading.Thread(target=attacker, args=(call, server, address, tallies[name], stop), daemon=True)
            )
        threads.append(
            threading.Thread(
                target=slow_attacker, args=(server, f"127.0.5.{n + 1}", tallies["slow bodies"], stop), daemon=True
            )
        )
    for thread in threads:
        thread.start()
    try:
        yield tallies
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)


def run(size: Size, data_dir: Path) -> Outcome:
    with RunningServer(data_dir, **DEFAULT_LIMITS) as server:
        invited = run_kua("reviewers", "invite", ADMIN, "--role", "admin", env=server.env)
        assert invited.returncode == 0, invited.stderr
        reports, photos = Tally(), Tally()
        started = time.monotonic()
        with attacks(server, size) as tallies:
            # The attacks are under way (each fast one answered at least once) before the first family sends.
            fast = [tally for name, tally in tallies.items() if name != "slow bodies"]
            wait_until(lambda: all(tally.answers for tally in fast), timeout=60, what="the attacks to start")
            phones = [
                threading.Thread(target=honest_phone, args=(server, f"127.0.9.{n + 1}", size, reports, photos))
                for n in range(size.phones)
            ]
            for phone in phones:
                phone.start()
            for phone in phones:
                phone.join()
            seconds = time.monotonic() - started
        log = server.log()
    if " 500 " in log or "Traceback" in log:
        raise AssertionError(f"the server failed under attack:\n{log[-3000:]}")
    refusals = Counter({k: v for k, v in reports.answers.items() if k != "accepted"})
    return Outcome(
        size=size,
        seconds=seconds,
        reports_sent=size.phones * size.reports,
        reports_accepted=reports.answers["accepted"],
        photos_accepted=photos.answers["204"],
        refusals=refusals,
        latencies=reports.latencies,
        attacks={name: tally.answers for name, tally in tallies.items()},
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=FULL.phones)
    parser.add_argument("--reports", type=int, default=FULL.reports)
    parser.add_argument("--seconds-between", type=float, default=FULL.seconds_between)
    parser.add_argument("--attacker-addresses", type=int, default=FULL.attacker_addresses)
    parser.add_argument("--write-docs", action="store_true", help="write the figures into docs/reliability.md")
    options = parser.parse_args()
    size = Size(options.phones, options.reports, options.seconds_between, options.attacker_addresses)
    with tempfile.TemporaryDirectory(prefix="kua-hostile-") as folder:
        outcome = run(size, Path(folder) / "data")
    table = outcome.table()
    print(table)
    if options.write_docs:
        write_section("hostile", "Hostile scenario", table, doc=DOC)
    accepted_all = outcome.reports_accepted == outcome.reports_sent and not outcome.refusals
    return 0 if accepted_all else 1


if __name__ == "__main__":
    sys.exit(main())
