"""Benchmark: the review console opens a queue of 1,000 reports and shows them decrypted.

    .venv/bin/python -m bench.bench_console [--reports 1000] [--write-docs]

A real `kua serve` of the build (the console at /review) holds N sealed reports (kua.report v1 JSON,
Padmé-padded, age to a post-quantum reviewer key, as phones seal them). In headless Chromium a
reviewer accepts an invitation (TOTP computed here), imports that key, and opens the queue: the time
from the click until every row shows its report decrypted. The baseline, in the same page and
session: fetching the same list and ciphertexts the way the console does (a page of 200 ids,
then their age files in one request), without decrypting. Goal: at most 3 s for 1,000 reports on
this machine; the ratio shows what opening costs beyond the transfer.
"""

import argparse
import json
import os
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from playwright.sync_api import Page, sync_playwright
from tests.browser.app_server import serving_the_app
from tests.browser.reviewer import accept_invitation, invitation_path
from tests.support.server import RunningServer

from bench.performance_doc import write_section
from kua.crypto import age
from kua.crypto.keys import generate_identity, identity_to_recipient, parse_recipient
from kua.crypto.padding import pad

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "benchmark password 1"
GOAL_SECONDS = 3.0
VILLAGES = ["sortobe", "bular_batyr", "masanchi", "kordai"]
# The baseline: what the console downloads, with the same concurrency, and nothing opened.
DOWNLOAD_ONLY_JS = """async () => {
  const started = performance.now();
  const { csrf_token } = await (await fetch("/api/v1/review/session", { credentials: "same-origin" })).json();
  let before = null;
  let count = 0;
  do {
    const url = "/api/v1/review/reports?limit=200" + (before ? "&before=" + encodeURIComponent(before) : "");
    const page = await (await fetch(url, { credentials: "same-origin" })).json();
    const batch = await fetch("/api/v1/review/reports/ciphertexts", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Kua-CSRF": csrf_token },
      body: JSON.stringify({ report_ids: page.reports.map((report) => report.report_id) }),
    });
    count += (await batch.json()).reports.length;
    before = page.next_before;
  } while (before);
  return { count, ms: performance.now() - started };
}"""
ALL_OPEN_JS = "(n) => document.querySelectorAll('[data-testid=queue-row][data-state=open]').length >= n"


def sample_report(index: int, now: datetime) -> bytes:
    """A report as a relative's phone writes it (frontend/src/shared/report/model.ts), a little different each time."""
    when = (now - timedelta(hours=index)).strftime("%Y-%m-%dT%H:%M")
    report = {
        "format": "kua.report",
        "version": 1,
        "formVersion": 1,
        "reportId": str(uuid.uuid4()),
        "deviceTime": now.isoformat(),
        "language": "ru",
        "happeningNow": index % 97 == 0,
        "reporter": {"role": "relative", "relationToVictim": "сестра", "safeContact": None, "reprisalRisk": "yes"},
        "consent": {"record": True, "photograph": True, "shareWithProsecutor": True, "shareWithUn": index % 2 == 0},
        "kinds": ["detention", "torture"] if index % 3 else ["search"],
        "when": {"precision": "exact", "value": when},
        "where": {"village": VILLAGES[index % len(VILLAGES)], "other": None, "placeType": "home", "gps": None},
        "account": f"Забрали брата ночью, документов не показали, били в отделе. Сообщение {index}.",
        "victims": [{"id": "v1", "name": f"Хасан {index}", "age": 34, "sex": "male", "relationToReporter": "брат"}],
        "perpetrators": {"agency": "Полиция", "unit": "Кордайский РОВД", "count": 6, "clothing": "both"},
        "detention": {
            "when": {"precision": "exact", "value": when},
            "takenTo": "Кордайский РОВД",
            "paperwork": {
                "detentionRecord": "no",
                "warrant": "no",
                "inventory": "unknown",
                "familyNotified": "yes",
                "chargesTold": "no",
                "lawyerAllowed": "unknown",
            },
            "releasedAt": None,
            "whereaboutsUnknown": False,
        },
        "search": None,
        "interrogation": None,
        "torture": None,
        "injuries": [],
        "medical": None,
        "harmToRelatives": [],
        "otherPhotos": [],
    }
    return json.dumps(report, ensure_ascii=False).encode("utf-8")


def seal_and_send(server: RunningServer, recipient: str, count: int) -> int:
    """`count` sealed reports PUT to the server (as phones send them); returns the bytes sent."""
    recipients = [parse_recipient(recipient)]
    now = datetime.now(UTC)
    sealed = [age.encrypt_bytes(pad(sample_report(i, now)), recipients) for i in range(count)]

    def send(ciphertext: bytes) -> None:
        response = client.put(
            f"/api/v1/reports/{uuid.uuid4()}",
            content=ciphertext,
            headers={"Content-Type": "application/octet-stream"},
        )
        assert response.status_code == 201, response.text

    with httpx.Client(base_url=server.base_url, timeout=60) as client, ThreadPoolExecutor(8) as pool:
        list(pool.map(send, sealed))
    return sum(map(len, sealed))


def sign_in_with_key(page: Page, server: RunningServer, identity_file: Path) -> None:
    """Accept an invitation (password, TOTP) and import the reviewer key, as a reviewer does."""
    accept_invitation(page, server, invitation_path(server, "Bench", "triager"), name="Bench", password=PASSWORD)
    page.get_by_test_id("key-passphrase").fill(PASSWORD)
    page.get_by_test_id("key-passphrase-repeat").fill(PASSWORD)
    page.get_by_test_id("key-import-file").set_input_files(str(identity_file))
    page.get_by_test_id("key-import").click()
    page.get_by_test_id("key-done").click(timeout=60_000)


def measure(count: int) -> dict[str, float]:
    identity = generate_identity("pq")
    with tempfile.TemporaryDirectory() as workdir, serving_the_app(Path(workdir)) as server:
        identity_file = Path(workdir) / "reviewer-identity.txt"
        identity_file.write_text(identity + "\n", encoding="utf-8")
        sent = seal_and_send(server, identity_to_recipient(identity), count)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            sign_in_with_key(page, server, identity_file)
            # The queue opened once already (after the key): time a fresh load, as a reviewer's refresh.
            page.wait_for_function(ALL_OPEN_JS, arg=count, timeout=300_000, polling=50)
            baseline = page.evaluate(DOWNLOAD_ONLY_JS)
            assert baseline["count"] == count, baseline
            started = time.perf_counter()
            page.get_by_test_id("queue-refresh").click()
            page.wait_for_function(f"() => !({ALL_OPEN_JS})({count})", timeout=60_000, polling=10)
            page.wait_for_function(ALL_OPEN_JS, arg=count, timeout=300_000, polling=50)
            seconds = time.perf_counter() - started
            browser.close()
    return {"seconds": seconds, "download_seconds": baseline["ms"] / 1000, "bytes": sent}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    figures = measure(args.reports)
    load = ", ".join(f"{average:.1f}" for average in os.getloadavg())
    download = figures["download_seconds"]
    table = "\n".join(
        [
            "| measure | value | goal |",
            "|---|---|---|",
            f"| {args.reports} reports ({figures['bytes'] / 2**20:.1f} MiB sealed): queue shown decrypted "
            f"| {figures['seconds']:.2f} s | ≤ {GOAL_SECONDS:.0f} s |",
            f"| same list and ciphertexts downloaded only (baseline, same page) | {download:.2f} s | |",
            f"| ratio decrypted queue / download | {figures['seconds'] / download:.2f}x | |",
            f"| machine load at the end (1, 5, 15 min averages; 2 cores) | {load} | |",
        ]
    )
    print(table)
    if args.write_docs:
        write_section("bench_console", "Review console (`bench/bench_console.py`, headless Chromium)", table)


if __name__ == "__main__":
    main()
