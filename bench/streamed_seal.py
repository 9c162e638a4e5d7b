"""The reporter app's streamed sealing (src/reporter/outbox/sealAttachment.ts) in headless Chromium.

Shared by bench/bench_reporter_app.py part (c) and tests/browser/test_streamed_seal.py: the app's
own modules bundled by Vite in library mode into a temporary folder, served on a loopback origin
(a secure context) by a Playwright route, and the renderer's resident memory sampled from
/proc while a file is sealed. The file is built in the page from random data a MiB at a time, each
MiB handed to a Blob at once, so the browser's blob store holds it, not the JS heap (as a photo
picked from the gallery is a disk-backed File).
"""

import json
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, CDPSession, Page, Route

REPO = Path(__file__).resolve().parents[1]
FRONTEND = REPO / "frontend"
ORIGIN = "http://127.0.0.1:9"  # never contacted: the route below answers every request
MIB = 1024 * 1024

ENTRY = """
import {{ generateHybridIdentity, identityToRecipient }} from "{frontend}/node_modules/age-encryption/dist/index.js";
import {{ open, sealRaw }} from "{frontend}/src/shared/crypto/index.ts";
import {{ sealAttachment }} from "{frontend}/src/reporter/outbox/sealAttachment.ts";
import {{ storedCiphertext }} from "{frontend}/src/reporter/store/attachmentPieces.ts";
import {{ openKuaDb }} from "{frontend}/src/reporter/store/db.ts";
globalThis.kuaSeal = {{
  generateHybridIdentity, identityToRecipient, open, sealRaw, sealAttachment, storedCiphertext, openKuaDb,
}};
"""
BUILD = """
import {{ build }} from "vite";
await build({{
  configFile: false,
  logLevel: "warn",
  root: {root},
  build: {{
    outDir: {out},
    emptyOutDir: true,
    target: "es2022",
    lib: {{ entry: {entry}, formats: ["es"], fileName: () => "seal.js" }},
    rolldownOptions: {{ output: {{ codeSplitting: false }} }},
  }},
}});
"""

# Prepares a file of `size` random bytes, a reviewer key pair and the database. The Blob constructor
# copies each part, so one MiB buffer makes them all and leaves no garbage behind.
PREPARE_JS = """async ({ size }) => {
  const parts = [];
  const part = new Uint8Array(1 << 20);
  for (let at = 0; at < size; at += part.length) {
    for (let i = 0; i < part.length; i += 65536) crypto.getRandomValues(part.subarray(i, i + 65536));
    parts.push(new Blob([part.subarray(0, Math.min(part.length, size - at))]));
  }
  const file = new Blob(parts);
  const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
  const identity = await kuaSeal.generateHybridIdentity();
  const recipient = await kuaSeal.identityToRecipient(identity);
  const db = globalThis.sealDb ?? (globalThis.sealDb = await kuaSeal.openKuaDb());
  globalThis.sealCase = { file, identity, recipient, db, hex };
}"""
SEAL_JS = """async () => {
  const { file, recipient, db } = globalThis.sealCase;
  const start = performance.now();
  const sealed = await kuaSeal.sealAttachment(db, [recipient], "bench-draft", file);
  return { ...sealed, ms: performance.now() - start };
}"""
# Reassembles the stored pieces and opens them: SHA-256 (WebCrypto) of the original, the age file and the plaintext.
OPEN_JS = """async (attachmentId) => {
  const { file, identity, db, hex } = globalThis.sealCase;
  const originalSha256 = hex(await crypto.subtle.digest("SHA-256", await file.arrayBuffer()));
  const record = await db.get("attachments", attachmentId);
  const source = kuaSeal.storedCiphertext(db, record);
  const ageFile = new Uint8Array(await (await source.slice(0, source.size)).arrayBuffer());
  const plaintext = await kuaSeal.open(ageFile, [identity]);
  return {
    originalSha256,
    pieces: record.pieces,
    ageFileSha256: hex(await crypto.subtle.digest("SHA-256", ageFile)),
    plaintextSha256: hex(await crypto.subtle.digest("SHA-256", plaintext)),
    plaintextBytes: plaintext.length,
  };
}"""
# The same bytes, in memory: one WebCrypto AES-GCM (the browser's native floor) and typage's
# ChaCha20-Poly1305 alone (age to the same recipient, no padding, hashing or storage: the JS cipher's floor).
BASELINES_JS = """async () => {
  const { file, recipient } = globalThis.sealCase;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt"]);
  await crypto.subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, key, bytes.subarray(0, 1 << 20));
  let start = performance.now();
  await crypto.subtle.encrypt({ name: "AES-GCM", iv: crypto.getRandomValues(new Uint8Array(12)) }, key, bytes);
  const aes = performance.now() - start;
  start = performance.now();
  await kuaSeal.sealRaw(bytes, [recipient]);
  return { aes, cipher: performance.now() - start };
}"""
FORGET_JS = """async (attachmentId) => {
  const { db } = globalThis.sealCase;
  const tx = db.transaction(["attachments", "attachmentPieces"], "readwrite");
  await Promise.all([
    tx.objectStore("attachments").delete(attachmentId),
    tx.objectStore("attachmentPieces").delete(IDBKeyRange.bound([attachmentId, 0], [attachmentId, Infinity])),
    tx.done,
  ]);
  globalThis.sealCase = undefined;
}"""


def build_bundle(workdir: Path) -> bytes:
    """The app's sealing modules as one ES module (Vite library mode), built outside frontend/."""
    entry, out = workdir / "entry.js", workdir / "out"
    entry.write_text(ENTRY.format(frontend=FRONTEND.as_posix()), encoding="utf-8")
    script = BUILD.format(root=json.dumps(str(FRONTEND)), out=json.dumps(str(out)), entry=json.dumps(str(entry)))
    subprocess.run(["node", "--input-type=module", "-e", script], cwd=FRONTEND, check=True, timeout=300)
    return (out / "seal.js").read_bytes()


def _rss_bytes(pid: int) -> int:
    """Resident memory of `pid` (VmRSS), 0 once the process is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


class RendererMemory:
    """The summed resident memory of this browser's renderer processes (their pids from CDP SystemInfo)."""

    def __init__(self, browser_cdp: CDPSession) -> None:
        info = browser_cdp.send("SystemInfo.getProcessInfo")
        self.pids = [int(process["id"]) for process in info["processInfo"] if process["type"] == "renderer"]
        if not self.pids:
            raise RuntimeError("Chromium reported no renderer process.")

    def now(self) -> int:
        return sum(_rss_bytes(pid) for pid in self.pids)

    @contextmanager
    def peak(self) -> Iterator[list[int]]:
        """Samples every 10 ms while the block runs; the list yielded holds the samples afterwards."""
        samples: list[int] = []
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                samples.append(self.now())
                done.wait(0.01)

        thread = threading.Thread(target=sample, daemon=True)
        thread.start()
        try:
            yield samples
        finally:
            done.set()
            thread.join()
            samples.append(self.now())


@dataclass(frozen=True)
class Sealing:
    bytes: int
    ms: float
    idle_rss: int
    peak_rss: int
    sealed: dict[str, Any]
    opened: dict[str, Any] | None
    samples: int

    @property
    def peak_above_idle(self) -> int:
        return self.peak_rss - self.idle_rss


class SealPage:
    """One Chromium page with the bundle loaded; seals files of a given size and measures them."""

    def __init__(self, page: Page, memory: RendererMemory) -> None:
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.memory = memory

    def throttle(self, rate: float) -> None:
        self.cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})

    def _settled_rss(self) -> int:
        """Resident memory after a full garbage collection, once it stops falling: the idle baseline."""
        self.cdp.send("HeapProfiler.collectGarbage")
        # Freed pages go back to the system lazily: polled until two readings 10 ms apart differ by < 1 MB.
        previous = self.memory.now()
        for _ in range(200):
            time.sleep(0.01)
            current = self.memory.now()
            if abs(current - previous) < MIB:
                return current
            previous = current
        return previous

    def seal(self, size: int, *, open_after: bool) -> Sealing:
        self.page.evaluate(PREPARE_JS, {"size": size})
        idle = self._settled_rss()
        with self.memory.peak() as samples:
            sealed = self.page.evaluate(SEAL_JS)
        opened = self.page.evaluate(OPEN_JS, sealed["attachmentId"]) if open_after else None
        self.page.evaluate(FORGET_JS, sealed["attachmentId"])
        return Sealing(size, sealed["ms"], idle, max(samples), sealed, opened, len(samples))

    def baselines_ms(self, size: int) -> tuple[float, float]:
        """(WebCrypto AES-GCM, typage's age encryption alone) of `size` bytes in memory, in ms."""
        self.page.evaluate(PREPARE_JS, {"size": size})
        result = self.page.evaluate(BASELINES_JS)
        self.page.evaluate("() => { globalThis.sealCase = undefined; }")
        return float(result["aes"]), float(result["cipher"])


@contextmanager
def seal_page(browser: Browser, workdir: Path) -> Iterator[SealPage]:
    """A page of `browser` with the app's streamed sealing loaded as `kuaSeal`."""
    bundle = build_bundle(workdir)
    html = b'<!doctype html><html><head><script type="module" src="/seal.js"></script></head></html>'

    def serve(route: Route) -> None:
        script = route.request.url.endswith("/seal.js")
        route.fulfill(
            status=200, body=bundle if script else html, content_type="text/javascript" if script else "text/html"
        )

    context = browser.new_context()
    try:
        page = context.new_page()
        page.route(f"{ORIGIN}/**", serve)
        page.goto(f"{ORIGIN}/")
        page.wait_for_function("globalThis.kuaSeal !== undefined")
        yield SealPage(page, RendererMemory(browser.new_browser_cdp_session()))
    finally:
        context.close()
