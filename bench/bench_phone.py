"""Benchmark: a cheap phone on 3G and 2G/EDGE (issue 21), each figure beside its physical limit.

    .venv/bin/python -m bench.bench_phone [--write-docs] [--only load|header|text|photo ...] [--requests]

Headless Chromium with its CPU slowed 6x (CDP `Emulation.setCPUThrottlingRate` on the page; Playwright
gives no CDP session to a service worker, so the service worker runs at full speed) loads the built app
(`make frontend`) from a real `kua serve` with the development recipient list published, through
tests/support/link_proxy.py: one shared link, "3G" 1.6 Mbit/s down, 750 kbit/s up, 300 ms RTT;
"2G/EDGE" 240/200 kbit/s, 800 ms RTT (Chromium's own throttling does not reach 127.0.0.1).

The limit of a transfer is what the link allows for the bytes the proxy saw: bytes up / uplink + bytes
down / downlink + the round trips the protocol needs at least. Sending a report or a photo: a TCP connect
and one request, 2 RTT (the server closes idle connections after 5 s, so a phone that just tapped Send
has none open). The first screen: TCP connect, the HTML, then its scripts and stylesheet all at once
(modulepreload), 3 RTT; any later step of the chain is the app's own cost, not the limit's.

Photos are 3 MB HEIC files (the browser cannot decode them, so no small copy goes first and the figure
is the original's upload); two on 3G, one on 2G (two would add four minutes to the run).
Header bytes per attachment: the stored sealed photo, up to the end of its age header's "---" line,
with the development list (1 reviewer) and with a list of 20 post-quantum reviewers.
"""

import argparse
import os
import random
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from tests.browser.app_server import RECIPIENT_LIST, serving_the_app
from tests.browser.intake_store import IntakeStore
from tests.browser.phone import attach_photo, the_phone_learns_the_list, write_a_search_report
from tests.browser.reviewer import published_list_seq
from tests.support.link_proxy import EDGE, THREE_G, LinkProxy, Profile
from tests.support.server import RunningServer, run_kua

from bench.performance_doc import write_section
from kua.crypto.keys import generate_identity, identity_to_recipient
from kua.crypto.recipient_list import read_verified_before, sign_recipient_list
from kua.crypto.rootkeys import development_root_key

REPO = Path(__file__).resolve().parents[1]
DIST = REPO / "frontend" / "dist"
CHROMIUM = "/usr/bin/chromium"
CPU_SLOWDOWN = 6
# How long the relative reads the review (a summary of her report) before Send: the app loads sealing's
# code and list meanwhile (Engine.prepareToSend). Three seconds is short for a person.
READING_MS = 3000
REVIEWERS = 20
PHOTO_BYTES = 3_000_000
READY = 'html[data-ready="1"]'
# Generous: 2G uploads of 3 MB take minutes; a wait that ends early is a failure, not a figure.
SEND_TIMEOUT_MS = 600_000
QUIET_FLAGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
# About 1,000 characters, as a relative writes them.
ACCOUNT = (
    "Сегодня в шесть утра пришли четверо в форме, без документов. Обыскали квартиру, забрали телефоны "
    "и ноутбук сына, его самого увезли, не сказали куда. Соседи видели машину без номеров. "
) * 6
ACCOUNT = ACCOUNT[:1000]


def heic(seed: int, size: int = PHOTO_BYTES) -> bytes:
    """Random bytes behind a HEIC signature: a photo the browser cannot decode (no small copy first)."""
    return b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + random.Random(seed).randbytes(size - 24)


def limit(link: LinkProxy, profile: Profile, round_trips: int) -> float:
    return (
        link.bytes_up * 8 / profile.up_bits_per_second
        + link.bytes_down * 8 / profile.down_bits_per_second
        + round_trips * profile.rtt
    )


def row(measure: str, seconds: float, limit_seconds: float, detail: str = "", goal: str = "") -> str:
    """measure | measured | physical limit | value (the ratio) | goal."""
    ratio = seconds / limit_seconds
    return f"| {measure} | {seconds:.2f} s{detail} | {limit_seconds:.2f} s | {ratio:.2f}x | {goal} |"


@contextmanager
def a_phone(browser: Browser, url: str) -> Iterator[Page]:
    """A fresh phone (no cache, no service worker) with its CPU slowed, opening nothing yet."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(SEND_TIMEOUT_MS)
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    try:
        yield page
    finally:
        context.close()


def install(page: Page, url: str) -> None:
    """Open the app and wait until its service worker is active (the precache complete) and controls it."""
    page.goto(url)
    page.wait_for_selector(READY, state="attached")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_selector(READY, state="attached")


def write_report(page: Page, *, photos: list[bytes]) -> None:
    """Through the wizard up to the review: a search, the account, `photos` at full size, consent."""

    def tell(page: Page) -> None:
        page.get_by_test_id("account-text").fill(ACCOUNT)
        for number, photo in enumerate(photos):
            attach_photo(
                page, {"name": f"IMG_{number}.HEIC", "mimeType": "image/heic", "buffer": photo}, downscale=False
            )

    write_a_search_report(page, tell)


# Timed in the page, from the tap on Send to the new outbox item turning "sent": Playwright's own polling
# runs in the slowed page too (a second or more at 6x), so the bench waits on a promise instead of polling.
ARM_SEND_TIMER_JS = """(known) => {
  const before = new Set(known);
  let tapped = null;
  const onTap = (event) => {
    if (event.target.closest('[data-testid="step-send"]')) tapped ??= performance.now();
  };
  document.addEventListener("click", onTap, true);
  window.__kuaSendTimer = new Promise((resolve) => {
    const check = () => {
      for (const item of document.querySelectorAll('[data-testid="outbox-item"][data-state="sent"]')) {
        if (tapped !== null && !before.has(item.dataset.reportId)) {
          observer.disconnect();
          document.removeEventListener("click", onTap, true);
          resolve([item.dataset.reportId, (performance.now() - tapped) / 1000]);
          return;
        }
      }
    };
    const observer = new MutationObserver(check);
    const watched = { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] };
    observer.observe(document.body, watched);
  });
}"""


def send_and_time(page: Page, link: LinkProxy) -> tuple[str, float]:
    """Tap Send with the byte counts reset; seconds until the outbox shows the receipt ("sent")."""
    link.reset_counts()
    page.evaluate(ARM_SEND_TIMER_JS, [])  # each measured Send is a fresh phone's first
    page.get_by_test_id("step-send").click()
    report_id, seconds = page.evaluate("window.__kuaSendTimer")
    return str(report_id), float(seconds)


def header_bytes(sealed: bytes) -> int:
    """Bytes of an age file up to the end of its header's "---" line."""
    end = sealed.index(b"\n---")
    return sealed.index(b"\n", end + 1) + 1


# The measurements ---------------------------------------------------------------------------------


# Resolves once every file of the service worker's precache manifest is in its cache (both stages).
# Awaited in the page rather than polled by Playwright, whose polling runs in the slowed page.
ALL_PRECACHED_JS = """async (paths) => {
  for (;;) {
    const cached = new Set();
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) cached.add(new URL(request.url).pathname);
    }
    if (paths.every((path) => cached.has(path))) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}"""
PRECACHE_URL = re.compile(r"""["']?url["']?\s*:\s*["']([^"']+)["']""")


def precache_paths() -> list[str]:
    """The paths in the built service worker's precache manifest."""
    worker = (DIST / "sw.js").read_text(encoding="utf-8")
    return sorted({"/" + url.lstrip("/") for url in PRECACHE_URL.findall(worker)})


def first_load_rows(browser: Browser, server: RunningServer, log_requests: bool = False) -> list[str]:
    """A cold load on 2G: the first screen; the app usable offline (its service worker active, so the
    install stage of the precache is in: docs/reporter-app.md#offline); then the whole precache."""
    with LinkProxy(server.port, EDGE) as link, a_phone(browser, link.base_url) as page:
        started = time.monotonic()
        page.goto(link.base_url)
        page.wait_for_selector(READY, state="attached")
        first_screen = time.monotonic() - started
        screen_limit = limit(link, EDGE, 3)
        screen_bytes, screen_requests = link.bytes_down, len(link.exchanges)
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        offline = time.monotonic() - started
        offline_limit = limit(link, EDGE, 3)
        requests = list(link.exchanges)
        offline_bytes, offline_connections = link.bytes_down, link.connections
        duplicates = len(requests) - len({(e.method, e.path) for e in requests})
        page.evaluate(ALL_PRECACHED_JS, precache_paths())
        everything = time.monotonic() - started
        if log_requests:
            for e in link.exchanges:
                end = f"{e.finished - started:6.2f}" if e.finished else "     -"
                print(f"  {e.started - started:6.2f} {end} {e.status} {e.bytes_down:7d} {e.destination:8} {e.path}")
        return [
            row(
                "first screen on 2G, 6x CPU (cold)",
                first_screen,
                screen_limit,
                f" ({screen_bytes / 1000:.0f} KB down, {screen_requests} requests; limit: those bytes + 3 RTT)",
            ),
            row(
                "app usable offline on 2G, cold (service worker active: a text report can be written, sealed "
                "and queued offline in the language the app opened in)",
                offline,
                offline_limit,
                f" ({offline_bytes / 1000:.0f} KB down, {len(requests)} requests ({duplicates} fetched twice), "
                f"{offline_connections} connections; limit: those bytes + 3 RTT)",
                "≤ 12 s",
            ),
            row(
                "whole precache on 2G, cold (adds other languages, webfonts, ...)",
                everything,
                limit(link, EDGE, 3),
                f" ({link.bytes_down / 1000:.0f} KB down, {len(link.exchanges)} requests)",
            ),
        ]


def text_rows(browser: Browser, server: RunningServer, reviewers: int) -> list[str]:
    rows = []
    for profile in (THREE_G, EDGE):
        with LinkProxy(server.port, profile) as link, a_phone(browser, link.base_url) as page:
            install(page, link.base_url)
            # The phone asks for the server's list in the background after it opens: measured before it stored
            # it, Send would share the link with that request (and with 20 reviewers, seal to the shipped list).
            the_phone_learns_the_list(page, published_list_seq(server))
            write_report(page, photos=[])
            page.wait_for_timeout(READING_MS)  # the relative reads the review before the tap
            _, seconds = send_and_time(page, link)
            up, down = link.bytes_up / 1000, link.bytes_down / 1000
            detail = f" ({up:.1f} KB up, {down:.1f} KB down, {len(link.exchanges)} requests)"
            rows.append(
                row(
                    f"text report (~1,000 characters) Send → receipt, {profile.name}, {reviewers} reviewer(s)",
                    seconds,
                    limit(link, profile, 2),
                    detail,
                    "≤ 1.3",
                )
            )
    return rows


def photo_rows(browser: Browser, server: RunningServer) -> list[str]:
    rows = []
    for profile, count in ((THREE_G, 2), (EDGE, 1)):
        with LinkProxy(server.port, profile) as link, a_phone(browser, link.base_url) as page:
            install(page, link.base_url)
            write_report(page, photos=[heic(seed) for seed in range(count)])
            _, seconds = send_and_time(page, link)
            detail = f" ({link.bytes_up / 1e6:.2f} MB up, {len(link.exchanges)} requests)"
            rows.append(
                row(
                    f"{count} photo(s) of 3 MB Send → receipt, {profile.name}, 1 reviewer",
                    seconds,
                    limit(link, profile, 2),
                    detail,
                    "≤ 1.1",
                )
            )
    return rows


def header_bytes_of_a_photo(browser: Browser, server: RunningServer) -> int:
    """A report with a small photo, unthrottled; the stored photo's header."""
    with LinkProxy(server.port) as link, a_phone(browser, link.base_url) as page:
        install(page, link.base_url)
        write_report(page, photos=[heic(99, 20_000)])
        report_id, _ = send_and_time(page, link)
    store = IntakeStore(server)
    [attachment_id] = store.declared_attachments(report_id)
    upload = store.upload(str(attachment_id))
    assert upload is not None and upload.blob is not None, "the photo is not stored"
    return header_bytes(upload.blob.read_bytes())


def header_rows(one: int, many: int) -> list[str]:
    """The header of a photo sealed with 1 reviewer in the list, and with 20 (the first is the baseline)."""
    return [
        f"| age header per attachment, 1 reviewer | {one} B | | {one} B | |",
        f"| age header per attachment, {REVIEWERS} reviewers | {many} B ({many / one:.1f}x the header with 1) "
        f"| {one} B (1 reviewer, same run) | {many} B | ≤ 2048 |",
    ]


def publish_list_of(server: RunningServer, workdir: Path, reviewers: int) -> None:
    """Sign (with the development root keys) and publish a list of the development reviewer and
    `reviewers - 1` new post-quantum reviewers, one sequence number after the development list."""
    development = read_verified_before(RECIPIENT_LIST.read_bytes())
    entries = [(reviewer.name, reviewer.recipient) for reviewer in development.reviewers]
    entries += [(f"Reviewer {n}", identity_to_recipient(generate_identity("pq"))) for n in range(2, reviewers + 1)]
    now = datetime.now(UTC).replace(microsecond=0)
    signed = sign_recipient_list(
        entries,
        seq=development.seq + 1,
        not_before=now - timedelta(minutes=5),
        not_after=now + timedelta(days=1),
        root_keys=[development_root_key(1), development_root_key(2)],
    )
    path = workdir / f"recipient-list-{reviewers}.json"
    path.write_bytes(signed)
    published = run_kua("recipients", "publish", str(path), env=server.env)
    assert published.returncode == 0, published.stdout + published.stderr


PARTS = ("load", "header", "text", "photo")


def measure(
    workdir: Path, log: Callable[[str], None], parts: tuple[str, ...] = PARTS, *, log_requests: bool = False
) -> list[str]:
    """The rows of `parts`, in the order of the table (the 20-reviewer rows after the list of 20 is published);
    `parts=("load",)` is the cold load alone (first screen, offline, whole precache: about 40 s)."""
    rows: list[str] = []
    with serving_the_app(workdir) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=QUIET_FLAGS)

        def measured(new: list[str]) -> None:
            rows.extend(new)
            for line in new:
                log(line)

        try:
            if "load" in parts:
                measured(first_load_rows(browser, server, log_requests))
            header_one = header_bytes_of_a_photo(browser, server) if "header" in parts else 0
            if "text" in parts:
                measured(text_rows(browser, server, 1))
            if "photo" in parts:
                measured(photo_rows(browser, server))
            if not {"header", "text"} & set(parts):
                return rows
            publish_list_of(server, workdir, REVIEWERS)
            if "header" in parts:
                measured(header_rows(header_one, header_bytes_of_a_photo(browser, server)))
            if "text" in parts:
                measured(text_rows(browser, server, REVIEWERS))
        finally:
            browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write-docs", action="store_true")
    # Some rows only, while working on one of them (the whole run takes about 7 minutes).
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument("--requests", action="store_true", help="print every request of the cold load")
    args = parser.parse_args()
    if args.write_docs and set(args.only) != set(PARTS):
        raise SystemExit("--write-docs records the whole table: run it without --only.")
    if not (DIST / "index.html").is_file():
        raise SystemExit("frontend/dist is not built: run `make frontend` first.")
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as workdir:
        rows = measure(
            Path(workdir), lambda line: print(line, flush=True), tuple(args.only), log_requests=args.requests
        )
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    rows.append(
        f"| run: {time.monotonic() - started:.0f} s; machine load at the end ({os.cpu_count()} cores) | {load} | | | |"
    )
    table = "\n".join(
        ["| measure | measured | physical limit or baseline | value | goal |", "|---|---|---|---|---|", *rows]
    )
    print(table)
    if args.write_docs:
        write_section(
            "bench_phone",
            "A cheap phone on 3G and 2G (`bench/bench_phone.py`: `make bench`, or "
            "`.venv/bin/python -m bench.bench_phone --write-docs`)",
            table,
        )


if __name__ == "__main__":
    main()
