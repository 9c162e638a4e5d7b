"""Benchmark: the reporter app's weight, its Lighthouse scores, and sealing a photo on the phone.

    .venv/bin/python -m bench.bench_reporter_app [--write-docs] [--lighthouse-runs 3]

(a) Initial JavaScript of frontend/dist: the scripts index.html loads, its modulepreload links and
    their static imports (not the chunks loaded later with `import()`), gzip -9, against a 100 KB
    budget (1 KB = 1024 B); and the total of what the service worker precaches.
(b) Lighthouse 12.2.3, pinned in bench/lighthouse/ (Node 20), mobile defaults (simulated slow 4G,
    4x CPU slowdown), against a real `kua serve` of the build with the development recipient list
    published; the median run by performance score of `--lighthouse-runs`. Goals: performance
    >= 0.95, accessibility and best practices 1.00.
(c) Attaching a 3.5 MB and a 20 MB file until sealed, in headless Chromium with the CPU slowed 6x
    (CDP `Emulation.setCPUThrottlingRate`), with the app's own streamed sealing
    (src/reporter/outbox/sealAttachment.ts: the file's stream, Padmé, age to one post-quantum
    recipient, SHA-256 of plaintext and ciphertext, 1 MiB pieces written to IndexedDB) bundled by
    Vite in library mode (bench/streamed_seal.py), against one WebCrypto AES-GCM of the same bytes
    in the same page (the browser's native floor) and typage's age encryption alone (the JS
    cipher's floor). Best of 3 each; the ratio to AES-GCM is the figure. Then the renderer's peak
    resident memory above idle while sealing a 50 MB file (unthrottled, worst of 3).
    `--seal-only` runs only this part and writes only its own section.
"""

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from posixpath import dirname, normpath
from typing import Any

from playwright.sync_api import sync_playwright
from tests.support.server import RunningServer, run_kua

from bench.performance_doc import write_section
from bench.streamed_seal import MIB, seal_page

REPO = Path(__file__).resolve().parents[1]
FRONTEND = REPO / "frontend"
DIST = FRONTEND / "dist"
LIGHTHOUSE_DIR = Path(__file__).resolve().parent / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
DEV_KEYS = REPO / "var" / "dev-keys"
DEV_ENV_FILE = REPO / "var" / "kua.dev.env"
KB = 1024
JS_BUDGET = 100 * KB
CATEGORIES = ("performance", "accessibility", "best-practices")
GOALS = {"performance": "≥ 0.95", "accessibility": "1.00", "best-practices": "1.00"}
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}

# Static `import ... from "x"`, `import "x"` and `export ... from "x"` in minified ES modules; never `import("x")`.
STATIC_IMPORT = re.compile(r"""\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"'\s]+\.js)["']""")
PRECACHE_URL = re.compile(r"""["']?url["']?\s*:\s*["']([^"']+)["']""")


# (a) weight -------------------------------------------------------------------------------------


class _Entries(HTMLParser):
    """The module scripts, modulepreload links and stylesheets of index.html."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.scripts.append(str(values["src"]))
        elif tag == "link" and values.get("rel") == "modulepreload" and values.get("href"):
            self.scripts.append(str(values["href"]))
        elif tag == "link" and values.get("rel") == "stylesheet" and values.get("href"):
            self.styles.append(str(values["href"]))


def _dist_path(url: str) -> str:
    """A URL path of the build ("/assets/x.js") as a path relative to dist ("assets/x.js")."""
    return normpath(url.split("?")[0].lstrip("/"))


def initial_files(dist: Path) -> tuple[list[str], list[str]]:
    """(scripts, stylesheets) the first load fetches: entries, modulepreloads and their static imports."""
    entries = _Entries()
    entries.feed((dist / "index.html").read_text(encoding="utf-8"))
    pending, scripts = [_dist_path(url) for url in entries.scripts], []
    while pending:
        script = pending.pop()
        if script in scripts:
            continue
        scripts.append(script)
        for target in STATIC_IMPORT.findall((dist / script).read_text(encoding="utf-8")):
            pending.append(_dist_path(target) if target.startswith("/") else normpath(f"{dirname(script)}/{target}"))
    return sorted(scripts), [_dist_path(url) for url in entries.styles]


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def precached_files(dist: Path) -> list[str]:
    """The URLs of the precache manifest injected into sw.js."""
    return sorted({_dist_path(url) for url in PRECACHE_URL.findall((dist / "sw.js").read_text(encoding="utf-8"))})


def weight_rows(dist: Path) -> list[str]:
    scripts, styles = initial_files(dist)
    js = sum(gzip_size(dist / script) for script in scripts)
    css = sum(gzip_size(dist / style) for style in styles)
    precache = precached_files(dist)
    raw = sum((dist / name).stat().st_size for name in precache)
    packed = sum(gzip_size(dist / name) for name in precache)
    verdict = "within" if js <= JS_BUDGET else "OVER"
    return [
        f"| initial JS, gzip ({len(scripts)} files: entry, modulepreloads, static imports) "
        f"| {js / KB:.1f} KB ({verdict} budget) | ≤ 100 KB |",
        f"| initial CSS, gzip ({len(styles)} files) | {css / KB:.1f} KB | |",
        f"| precache ({len(precache)} files) | {raw / KB:.0f} KB raw, {packed / KB:.0f} KB gzip | |",
    ]


# (b) Lighthouse ---------------------------------------------------------------------------------


def _env_file(path: Path) -> dict[str, str]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    pairs = [line.split("=", 1) for line in lines if line and not line.startswith("#") and "=" in line]
    return {name.strip(): value.strip() for name, value in pairs}


def _serving_settings() -> dict[str, str]:
    """The root keys `make run` gives the server, so that it publishes the development list."""
    env = _env_file(DEV_ENV_FILE)
    return {name: env[name] for name in ("KUA_ROOT_PUBLIC_KEYS", "KUA_ROOT_THRESHOLD")}


def lighthouse_binary() -> Path:
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_DIR, check=True)
    return binary


def lighthouse_run(binary: Path, url: str, output: Path, attempts: int = 3) -> dict[str, Any]:
    """One Lighthouse run; run again when Lighthouse itself fails (now and then it loses its own trace,
    NO_NAVSTART, and asks to be run again), at most `attempts` times."""
    command = [
        str(binary),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox",
    ]
    for attempt in range(1, attempts + 1):
        done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False, timeout=300)
        if done.returncode == 0:
            break
        print(f"Lighthouse failed (attempt {attempt} of {attempts}; its message is above).", file=sys.stderr)
    else:
        raise RuntimeError(f"Lighthouse failed {attempts} times in a row.")
    result: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return result


def failed_audits(report: dict[str, Any]) -> list[str]:
    """Titles of the audits that did not pass (binary ones failed, scored ones under 0.9), by category."""
    failed = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            score, mode = audit.get("score"), audit.get("scoreDisplayMode")
            if score is None or mode not in ("binary", "numeric", "metricSavings"):
                continue
            if (mode == "binary" and score < 1) or score < 0.9:
                failed.append(f"{category}: {audit['title']}")
    return sorted(set(failed))


def lighthouse_rows(runs: int, workdir: Path) -> list[str]:
    binary = lighthouse_binary()
    with RunningServer(workdir / "data", **_serving_settings()) as server:
        published = run_kua("recipients", "publish", str(DEV_KEYS / "recipient-list.json"), env=server.env)
        assert published.returncode == 0, published.stdout + published.stderr
        reports = [lighthouse_run(binary, server.url("/"), workdir / f"lighthouse-{run}.json") for run in range(runs)]
    reports.sort(key=lambda report: report["categories"]["performance"]["score"] or 0)
    median = reports[len(reports) // 2]
    version = median.get("lighthouseVersion", "?")
    rows = []
    for category in CATEGORIES:
        scores = [report["categories"][category]["score"] or 0 for report in reports]
        rows.append(
            f"| Lighthouse {version} mobile: {median['categories'][category]['title'].lower()} "
            f"(median of {runs}; all: {', '.join(f'{s:.2f}' for s in scores)}) "
            f"| {statistics.median(scores):.2f} | {GOALS[category]} |"
        )
    metrics = ", ".join(f"{name} {median['audits'][audit]['displayValue']}" for audit, name in METRICS.items())
    rows.append(f"| Lighthouse metrics (median run) | {metrics} | LCP ≤ 2.5 s |")
    failed = failed_audits(median)
    rows.append(f"| Lighthouse audits not passed (median run) | {'; '.join(failed) if failed else 'none'} | none |")
    return rows


# (c) sealing a photo ----------------------------------------------------------------------------

SEAL_SECTION = "bench_reporter_app_seal"
SEAL_TITLE = "Sealing on the phone (`bench/bench_reporter_app.py` part (c), headless Chromium, 6x CPU)"
SEAL_SIZES = (3_500_000, 20_000_000)
MEMORY_BYTES = 50_000_000
MEMORY_GOAL_MB = 40
THROTTLE = 6


def seal_rows(workdir: Path, runs: int = 3) -> list[str]:
    """Streamed sealing (bench/streamed_seal.py) at 6x CPU: time against the baselines, and peak memory."""
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            with seal_page(browser, workdir) as page:
                page.seal(9 * MIB, open_after=False)  # compiles the cipher and both hashes, as a first file would
                page.throttle(THROTTLE)
                for size in SEAL_SIZES:
                    sealings = [page.seal(size, open_after=False) for _ in range(runs)]
                    baselines = [page.baselines_ms(size) for _ in range(runs)]
                    seal, aes, cipher = (
                        min(s.ms for s in sealings),
                        min(b[0] for b in baselines),
                        min(b[1] for b in baselines),
                    )
                    memory = max(s.peak_above_idle for s in sealings)
                    mb = size / 1e6
                    rows += [
                        f"| {mb:g} MB: attach until sealed (stream, Padmé, age, 2 SHA-256, 1 MiB pieces in "
                        f"IndexedDB), {THROTTLE}x CPU | {seal:.0f} ms, {memory / 1e6:.0f} MB above idle | |",
                        f"| {mb:g} MB: typage's age encryption alone, in memory (the JS cipher's floor) "
                        f"| {cipher:.0f} ms ({seal / cipher:.1f}x of it) | |",
                        f"| {mb:g} MB: WebCrypto AES-GCM, same page (baseline) | {aes:.0f} ms | |",
                        f"| {mb:g} MB: ratio sealing / AES-GCM, {THROTTLE}x CPU | {seal / aes:.1f}x | ≤ 5 |",
                    ]
                page.throttle(1)
                peak = max(page.seal(MEMORY_BYTES, open_after=False).peak_above_idle for _ in range(runs))
        finally:
            browser.close()
    rows.append(
        f"| renderer memory above idle while sealing {MEMORY_BYTES / 1e6:g} MB (peak RSS, worst of {runs}) "
        f"| {peak / 1e6:.1f} MB | < {MEMORY_GOAL_MB} MB |"
    )
    return rows


def _load() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--seal-only", action="store_true", help="only part (c), its own section of the doc")
    args = parser.parse_args()
    if args.seal_only:
        with tempfile.TemporaryDirectory() as workdir:
            table = "\n".join(["| measure | value | goal |", "|---|---|---|", *seal_rows(Path(workdir))])
        print(table)
        if args.write_docs:
            write_section(SEAL_SECTION, SEAL_TITLE, table)
        return
    if not (DIST / "index.html").is_file():
        raise SystemExit("frontend/dist is not built: run `make frontend` first.")
    with tempfile.TemporaryDirectory() as workdir:
        rows = weight_rows(DIST)
        rows += lighthouse_rows(args.lighthouse_runs, Path(workdir))
        sealing = seal_rows(Path(workdir))
    rows.append(f"| machine load at the end (1, 5, 15 min averages; {os.cpu_count()} cores) | {_load()} | |")
    table = "\n".join(["| measure | value | goal |", "|---|---|---|", *rows])
    seal_table = "\n".join(["| measure | value | goal |", "|---|---|---|", *sealing])
    print(table, seal_table, sep="\n\n")
    if args.write_docs:
        write_section("bench_reporter_app", "Reporter app (`bench/bench_reporter_app.py`, headless Chromium)", table)
        write_section(SEAL_SECTION, SEAL_TITLE, seal_table)


if __name__ == "__main__":
    main()
