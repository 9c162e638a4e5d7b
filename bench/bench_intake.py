"""Benchmark: report submissions per second against the same server's /healthz, in one run.

    .venv/bin/python -m bench.bench_intake [--seconds 10] [--write-docs]

One `kua serve` (one uvicorn worker) per database, SQLite and PostgreSQL (when one answers on
127.0.0.1:5432); wrk (Debian's package) with 32 connections sends `GET /healthz`, then `PUT` of a
4 KB age file under a fresh UUID per request. Printed: the rates, their ratio (goal: at least 0.5)
and p50/p99 latencies. Every PUT must answer 201: any other status fails the run.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import tempfile
from contextlib import ExitStack
from pathlib import Path

from tests.support.databases import fresh_postgres_database
from tests.support.server import RunningServer

from bench.performance_doc import write_section
from kua.crypto import age
from kua.crypto.keys import generate_identity, identity_to_recipient, parse_recipient

CONNECTIONS = 32
LUA = """
local body = io.open("{body}", "rb"):read("*a")
local counter, threads = 0, 0
setup = function(thread) thread:set("tid", threads); threads = threads + 1 end
request = function()
  counter = counter + 1
  local id = string.format("{run:08x}-%04x-7000-8000-%012x", tid, counter)
  return wrk.format("PUT", "/api/v1/reports/" .. id, {{["Content-Type"] = "application/octet-stream"}}, body)
end
"""
DONE = """
done = function(summary, latency, requests)
  io.write(string.format('KUA {"requests": %d, "seconds": %f, "p50_ms": %f, "p99_ms": %f, "status_errors": %d,'
    .. ' "socket_errors": %d}\\n', summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(99) / 1e3, summary.errors.status, summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
"""


def wrk(url: str, script: Path, seconds: int) -> dict[str, float]:
    result = subprocess.run(
        ["wrk", "-t1" if CONNECTIONS == 1 else "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("KUA "))
    figures: dict[str, float] = json.loads(line[4:])
    figures["rate"] = figures["requests"] / figures["seconds"]
    return figures


def measure(database: str, seconds: int, workdir: Path) -> tuple[dict[str, float], dict[str, float]]:
    body = workdir / "report.age"
    body.write_bytes(
        age.encrypt_bytes(os.urandom(3900), [parse_recipient(identity_to_recipient(generate_identity("x25519")))])
    )
    put_script, get_script = workdir / "put.lua", workdir / "get.lua"
    put_script.write_text(LUA.format(body=body, run=random.getrandbits(32)) + DONE)
    get_script.write_text(DONE)
    settings = {"KUA_RATE_LIMIT_PER_MINUTE": "100000000", "KUA_RATE_LIMIT_BURST": "100000000"}
    with ExitStack() as stack:
        if database == "postgres":
            settings["KUA_DATABASE_URL"] = stack.enter_context(fresh_postgres_database())
        server = stack.enter_context(RunningServer(workdir / f"data-{database}", **settings))
        health = wrk(server.url("/healthz"), get_script, seconds)
        ingest = wrk(server.base_url, put_script, seconds)
    if ingest["status_errors"] or ingest["socket_errors"]:
        raise SystemExit(f"{database}: {ingest['status_errors']} bad statuses, {ingest['socket_errors']} socket errors")
    return health, ingest


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (make bench does)")
    rows = [
        "| database | /healthz req/s | PUT report req/s | ratio (goal ≥ 0.50) | PUT p50 / p99 ms |",
        "|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as workdir:
        for database in ("sqlite", "postgres"):
            health, ingest = measure(database, args.seconds, Path(workdir))
            rows.append(
                f"| {database} | {health['rate']:.0f} | {ingest['rate']:.0f} | {ingest['rate'] / health['rate']:.2f} "
                f"| {ingest['p50_ms']:.1f} / {ingest['p99_ms']:.1f} |"
            )
    table = "\n".join(rows)
    print(table)
    if args.write_docs:
        write_section(
            "bench_intake", "Report ingest (`bench/bench_intake.py`, 4 KB age files, 32 connections, 1 worker)", table
        )


if __name__ == "__main__":
    main()
