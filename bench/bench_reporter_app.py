"""Benchmark: the reporter app's weight, its Lighthouse scores, and sealing a photo on the phone.

    .venv/bin/python -m bench.bench_reporter_app [--write-docs] [--lighthouse-runs 3]

(a) Initial JavaScript of frontend/dist: the scripts index.html loads, its modulepreload links and
    their static imports (not the chunks loaded later with `import()`), gzip -9, against a 100 KB
    budget (1 KB = 1024 B); and the total of what the service worker precaches.
(b) Lighthouse 12.2.3, pinned in bench/lighthouse/ (Node 20), mobile defaults (simulated slow 4G,
    4x CPU slowdown), against a real `kua serve` of the build with the development recipient list
    published; the median run by performance score of `--lighthouse-runs`. Goals: performance
    >= 0.95, accessibility and best practices 1.00.
(c) Sealing a 10 MB photo in headless Chromium with the app's own code (src/reporter/outbox/seal.ts
    `sealToList`: Padmé padding, then age to the verified development list), bundled by Vite in
    library mode into a temporary folder, against one WebCrypto AES-GCM encryption of the same
    bytes in the same page (the browser's native floor). Best of 3 each; the ratio is the figure.
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

from playwright.sync_api import Route, sync_playwright
from tests.support.server import RunningServer, run_kua

from bench.performance_doc import write_section

REPO = Path(__file__).resolve().parents[1]
FRONTEND = REPO / "frontend"
DIST = FRONTEND / "dist"
LIGHTHOUSE_DIR = Path(__file__).resolve().parent / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
DEV_KEYS = REPO / "var" / "dev-keys"
DEV_ENV_FILE = REPO / "var" / "kua.dev.env"
KB = 1024
JS_BUDGET = 100 * KB
PHOTO_BYTES = 10 * 1000 * 1000
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

BENCH_ENTRY = """
import {{ verifyRecipientList }} from "{frontend}/src/shared/crypto/index.ts";
import {{ sealToList }} from "{frontend}/src/reporter/outbox/seal.ts";
globalThis.kuaBench = {{ verifyRecipientList, sealToList }};
"""
BUILD_SCRIPT = """
import {{ build }} from "vite";
await build({{
  configFile: false,
  logLevel: "warn",
  root: {root},
  build: {{
    outDir: {out},
    emptyOutDir: true,
    target: "es2022",
    lib: {{ entry: {entry}, formats: ["es"], fileName: () => "bench.js" }},
  }},
}});
"""
SEAL_JS = """async ({ listText, rootPublicKeys, threshold, size, runs }) => {
  const list = kuaBench.verifyRecipientList(listText, { rootPublicKeys, threshold, minSeq: 0, now: new Date() });
  const photo = new Uint8Array(size);
  for (let at = 0; at < size; at += 65536) crypto.getRandomValues(photo.subarray(at, Math.min(size, at + 65536)));
  const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt"]);
  // Warm-up: let the JIT compile the cipher before timing (a phone seals many photos in one session).
  await kuaBench.sealToList(photo.subarray(0, 1 << 20), list);
  await crypto.subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, key, photo.subarray(0, 1 << 20));
  const seal = [], aes = [];
  let sealedBytes = 0;
  for (let run = 0; run < runs; run++) {
    let start = performance.now();
    sealedBytes = (await kuaBench.sealToList(photo, list)).length;
    seal.push(performance.now() - start);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    start = performance.now();
    await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, photo);
    aes.push(performance.now() - start);
  }
  const prefixes = list.recipients.map(({ recipient }) => recipient.slice(0, recipient.lastIndexOf("1")));
  return { seal, aes, sealedBytes, prefixes };
}"""


def build_seal_bundle(workdir: Path) -> Path:
    """The app's sealing code as one ES module (Vite library mode), built outside frontend/."""
    entry, out = workdir / "entry.js", workdir / "out"
    entry.write_text(BENCH_ENTRY.format(frontend=FRONTEND.as_posix()), encoding="utf-8")
    script = BUILD_SCRIPT.format(root=json.dumps(str(workdir)), out=json.dumps(str(out)), entry=json.dumps(str(entry)))
    subprocess.run(["node", "--input-type=module", "-e", script], cwd=FRONTEND, check=True, timeout=300)
    return out / "bench.js"


def seal_rows(workdir: Path, runs: int = 3) -> list[str]:
    bundle = build_seal_bundle(workdir).read_bytes()
    deployment = json.loads((DEV_KEYS / "deployment.json").read_text(encoding="utf-8"))
    origin = "http://127.0.0.1:9"  # never contacted: every request is answered by the route below (a secure context)
    page_html = b'<!doctype html><html><head><script type="module" src="/bench.js"></script></head></html>'

    def serve(route: Route) -> None:
        is_script = route.request.url.endswith("/bench.js")
        route.fulfill(
            status=200,
            body=bundle if is_script else page_html,
            content_type="text/javascript" if is_script else "text/html",
        )

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.route(f"{origin}/**", serve)
            page.goto(f"{origin}/")
            page.wait_for_function("globalThis.kuaBench !== undefined")
            result = page.evaluate(
                SEAL_JS,
                {
                    "listText": deployment["recipient_list"],
                    "rootPublicKeys": deployment["root_public_keys"],
                    "threshold": deployment["threshold"],
                    "size": PHOTO_BYTES,
                    "runs": runs,
                },
            )
        finally:
            browser.close()
    seal, aes = min(result["seal"]), min(result["aes"])
    mb = PHOTO_BYTES / 1e6
    recipients = f"{len(result['prefixes'])} recipient(s) {'/'.join(sorted(set(result['prefixes'])))}1..."
    return [
        f"| seal a 10 MB photo with the app's code (Padmé + age to {recipients}) "
        f"| {seal:.0f} ms ({mb / seal * 1000:.0f} MB/s), {result['sealedBytes'] / 1e6:.2f} MB sealed | |",
        f"| WebCrypto AES-GCM of the same 10 MB, same page (baseline) | {aes:.0f} ms ({mb / aes * 1000:.0f} MB/s) | |",
        f"| ratio app seal / AES-GCM | {seal / aes:.1f}x | |",
    ]


def _load() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    args = parser.parse_args()
    if not (DIST / "index.html").is_file():
        raise SystemExit("frontend/dist is not built: run `make frontend` first.")
    with tempfile.TemporaryDirectory() as workdir:
        rows = weight_rows(DIST)
        rows += lighthouse_rows(args.lighthouse_runs, Path(workdir))
        rows += seal_rows(Path(workdir))
    rows.append(f"| machine load at the end (1, 5, 15 min averages; {os.cpu_count()} cores) | {_load()} | |")
    table = "\n".join(["| measure | value | goal |", "|---|---|---|", *rows])
    print(table)
    if args.write_docs:
        write_section("bench_reporter_app", "Reporter app (`bench/bench_reporter_app.py`, headless Chromium)", table)


if __name__ == "__main__":
    main()
