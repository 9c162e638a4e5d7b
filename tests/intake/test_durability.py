"""Nothing acknowledged is lost: reports keep arriving while the server is killed with `kill -9` at
random moments; after each restart, every report that got a receipt is there, byte for byte."""

import hashlib
import random
import threading
import time
import uuid
from pathlib import Path

import httpx

from tests.intake.reporter import new_report_id, seal_report, send_report
from tests.support.figures import Figures
from tests.support.server import RunningServer

KILLS = 3
REPORTS_PER_ROUND = 40


def _sender(
    server: RunningServer, receipts: dict[uuid.UUID, str], sent: dict[uuid.UUID, bytes], stop: threading.Event
) -> None:
    while not stop.is_set():
        report_id, sealed = new_report_id(), seal_report(f"report {uuid.uuid4()}")
        sent[report_id] = sealed
        try:
            response = send_report(server.base_url, report_id, sealed)
        except httpx.TransportError:
            continue  # the server died mid-request: the phone keeps the report queued
        if response.status_code in (200, 201):
            receipts[report_id] = response.json()["sha256"]


def test_every_acknowledged_report_survives_kill_9(tmp_path: Path, figures: Figures) -> None:
    receipts: dict[uuid.UUID, str] = {}
    sent: dict[uuid.UUID, bytes] = {}
    rng = random.Random(20200429)
    with RunningServer(tmp_path / "data") as server:
        for _round in range(KILLS):
            stop = threading.Event()
            senders = [threading.Thread(target=_sender, args=(server, receipts, sent, stop)) for _ in range(4)]
            for thread in senders:
                thread.start()
            time.sleep(rng.uniform(0.3, 1.2))
            server.kill()  # at a random moment, mid-request for some senders
            stop.set()
            for thread in senders:
                thread.join(timeout=30)
            server.restart()
            # Then every report acknowledged so far is stored, with the hash the receipt promised
            response = httpx.post(server.url("/api/v1/reports/status"), json={"report_ids": [str(i) for i in receipts]})
            stored = {r["report_id"]: r["receipt"] for r in response.json()["reports"]}
            for report_id, sha256 in receipts.items():
                receipt = stored[str(report_id)]
                assert receipt is not None, f"acknowledged report {report_id} was lost"
                assert receipt["sha256"] == sha256 == hashlib.sha256(sent[report_id]).hexdigest()
        # And the phones' retries of everything not acknowledged complete without duplicates
        for report_id, sealed in sent.items():
            if report_id not in receipts:
                response = send_report(server.base_url, report_id, sealed)
                assert response.status_code in (200, 201)
                receipts[report_id] = response.json()["sha256"]
        final = httpx.post(server.url("/api/v1/reports/status"), json={"report_ids": [str(i) for i in sent]}).json()
        assert all(r["stored"] for r in final["reports"]) and len(final["reports"]) == len(sent)
        # Blobs of requests killed before their commit are orphans (removed after a grace period).
        # A phone resends the same ciphertext, so every blob must hold exactly its report's bytes.
        blobs = [p for p in (server.data_dir / "blobs" / "reports").rglob("*") if p.is_file()]
        for path in blobs:
            assert hashlib.sha256(path.read_bytes()).hexdigest() == receipts[uuid.UUID(path.name.split(".")[0])]
        assert {p.name.split(".")[0] for p in blobs} == {str(i) for i in sent}
    orphans = len(blobs) - len(sent)
    figures.record(
        f"kill -9 durability: {KILLS} kills, {len(sent)} reports sent, {len(receipts)} stored, 0 lost, "
        f"{orphans} orphan blob(s) awaiting clean-up"
    )
