"""Nothing acknowledged is lost: reports keep arriving while the server is killed with `kill -9` at
random moments; after each restart, every report that got a receipt is there, byte for byte.

Most reports are small and kept in their database row (the commit is their only fsync); one in four
is large enough to go to a blob file first, so both ways of storing are killed mid-way."""

import hashlib
import random
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest

from kua.intake.reports import INLINE_MAX_BYTES
from tests.intake.reporter import new_report_id, report_status, seal_report, send_report
from tests.intake.storage import orphan_blobs, stored_reports
from tests.support.figures import Figures
from tests.support.polling import wait_until
from tests.support.server import RunningServer

pytestmark = pytest.mark.slow

KILLS = 3
LARGE_SHARE = 0.25


def _sender(
    server: RunningServer, receipts: dict[uuid.UUID, str], sent: dict[uuid.UUID, bytes], stop: threading.Event
) -> None:
    rng = random.Random()
    while not stop.is_set():
        text = f"report {uuid.uuid4()}"
        if rng.random() < LARGE_SHARE:
            text = text.ljust(INLINE_MAX_BYTES + 1000, ".")
        report_id, sealed = new_report_id(), seal_report(text)
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
            acknowledged = len(receipts)
            for thread in senders:
                thread.start()
            # Requests in flight first (a loaded machine may take seconds for the first), then a random moment
            wait_until(lambda n=acknowledged: len(receipts) > n, timeout=60, what="a report acknowledged in this round")
            time.sleep(rng.uniform(0.3, 1.2))  # a random moment is what is tested, with requests in flight
            server.kill()  # at a random moment, mid-request for some senders
            stop.set()
            for thread in senders:
                thread.join(timeout=30)
            server.restart()
            # Then every report acknowledged so far is stored, with the hash the receipt promised
            response = report_status(server.base_url, *receipts)
            stored = {r["report_id"]: r["receipt"] for r in response.json()["reports"]}
            for report_id, sha256 in receipts.items():
                receipt = stored[str(report_id)]
                assert receipt is not None, f"acknowledged report {report_id} was lost"
                assert receipt["sha256"] == sha256 == hashlib.sha256(sent[report_id]).hexdigest()
            # And the bytes themselves, in the row or in the blob file it names, are the ones sent
            ciphertexts = stored_reports(server)
            for report_id in receipts:
                assert hashlib.sha256(ciphertexts[report_id]).hexdigest() == receipts[report_id]
        # And the phones' retries of everything not acknowledged complete without duplicates
        for report_id, sealed in sent.items():
            if report_id not in receipts:
                response = send_report(server.base_url, report_id, sealed)
                assert response.status_code in (200, 201)
                receipts[report_id] = response.json()["sha256"]
        final = report_status(server.base_url, *sent).json()
        assert all(r["stored"] for r in final["reports"]) and len(final["reports"]) == len(sent)
        ciphertexts = stored_reports(server)
        assert {i: hashlib.sha256(c).hexdigest() for i, c in ciphertexts.items()} == receipts
        # Blobs of large reports killed before their commit are orphans (removed after a grace period).
        # A phone resends the same ciphertext, so each must hold exactly its report's bytes.
        orphans = orphan_blobs(server)
        for path in orphans:
            assert hashlib.sha256(path.read_bytes()).hexdigest() == receipts[uuid.UUID(path.name.split(".")[0])]
    large = sum(len(c) > INLINE_MAX_BYTES for c in ciphertexts.values())
    figures.record(
        f"kill -9 durability: {KILLS} kills, {len(sent)} reports sent ({large} large, in blob files), "
        f"{len(receipts)} stored, 0 lost, {len(orphans)} orphan blob(s) awaiting clean-up"
    )
