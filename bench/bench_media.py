"""Benchmark: voice recordings and photos on the phone, in headless Chromium with a fake microphone.

    .venv/bin/python -m bench.bench_media [--write-docs] [--seconds 20]

(a) Bytes per minute of voice: the fake microphone (a tone: `--use-fake-device-for-media-stream`)
    recorded for `--seconds` (at least 20) by two MediaRecorders on the same stream at once, the
    app's settings (src/reporter/voice/capture.ts: its MIME type order, 24 kbit/s, 2-s chunks) and the
    browser's default bitrate (the baseline); bytes divided by the seconds, times 60.
(b) Sealing, with the app's own code (src/reporter/outbox/seal.ts `sealToList`: Padmé padding, then
    age to the verified development list), bundled by Vite in library mode: one minute of the
    recorded voice (the recording repeated to a minute's bytes) and a 1 MB photo (random bytes),
    each against one WebCrypto AES-GCM pass over the same bytes in the same page. Best of 5 runs
    of 20 repetitions each.
"""

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

from bench.bench_reporter_app import BUILD_SCRIPT, CHROMIUM, DEV_KEYS, FRONTEND
from bench.performance_doc import write_section

PHOTO_BYTES = 1_000_000
MIN_SECONDS = 20

BENCH_ENTRY = """
import {{ verifyRecipientList }} from "{frontend}/src/shared/crypto/index.ts";
import {{ sealToList }} from "{frontend}/src/reporter/outbox/seal.ts";
import {{ CHUNK_MS, VOICE_BITS_PER_SECOND, VOICE_MIME_TYPES }} from "{frontend}/src/reporter/voice/capture.ts";
globalThis.kuaBench = {{ verifyRecipientList, sealToList, CHUNK_MS, VOICE_BITS_PER_SECOND, VOICE_MIME_TYPES }};
"""

RECORD_JS = """async (seconds) => {
  const { CHUNK_MS, VOICE_BITS_PER_SECOND, VOICE_MIME_TYPES } = kuaBench;
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true },
  });
  const mimeType = VOICE_MIME_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
  const record = (options) => {
    const recorder = new MediaRecorder(stream, options);
    const chunks = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    const stopped = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start(CHUNK_MS);
    return { recorder, stopped, chunks };
  };
  const app = record({ ...(mimeType ? { mimeType } : {}), audioBitsPerSecond: VOICE_BITS_PER_SECOND });
  const baseline = record(mimeType ? { mimeType } : {});
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  app.recorder.stop();
  baseline.recorder.stop();
  await Promise.all([app.stopped, baseline.stopped]);
  const elapsed = (performance.now() - started) / 1000;
  stream.getTracks().forEach((track) => track.stop());
  const bytes = async (chunks) => new Uint8Array(await new Blob(chunks).arrayBuffer());
  const appBytes = await bytes(app.chunks);
  globalThis.recorded = appBytes;
  return {
    mime: app.recorder.mimeType,
    seconds: elapsed,
    appBytes: appBytes.length,
    baselineBytes: (await bytes(baseline.chunks)).length,
  };
}"""

SEAL_JS = """async ({ listText, rootPublicKeys, threshold, minuteBytes, photoBytes, runs }) => {
  const list = kuaBench.verifyRecipientList(listText, { rootPublicKeys, threshold, minSeq: 0, now: new Date() });
  const voice = new Uint8Array(minuteBytes);
  for (let at = 0; at < minuteBytes; at += recorded.length) voice.set(recorded.subarray(0, minuteBytes - at), at);
  const photo = new Uint8Array(photoBytes);
  for (let at = 0; at < photoBytes; at += 65536) {
    crypto.getRandomValues(photo.subarray(at, Math.min(photoBytes, at + 65536)));
  }
  const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt"]);
  // Each run repeats the work: one AES-GCM pass over a minute of voice is below the timer's resolution.
  const reps = 20;
  const time = async (work) => {
    await work(); // warm-up: the JIT compiles the cipher first, as after a phone's first seal
    const all = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      for (let rep = 0; rep < reps; rep++) await work();
      all.push((performance.now() - start) / reps);
    }
    return Math.min(...all);
  };
  const aes = (bytes) => () =>
    crypto.subtle.encrypt({ name: "AES-GCM", iv: crypto.getRandomValues(new Uint8Array(12)) }, key, bytes);
  let sealedVoice = 0;
  return {
    recipients: list.recipients.length,
    voiceSeal: await time(async () => (sealedVoice = (await kuaBench.sealToList(voice, list)).length)),
    voiceAes: await time(aes(voice)),
    photoSeal: await time(() => kuaBench.sealToList(photo, list)),
    photoAes: await time(aes(photo)),
    sealedVoice,
  };
}"""


def build_bundle(workdir: Path) -> bytes:
    entry, out = workdir / "entry.js", workdir / "out"
    entry.write_text(BENCH_ENTRY.format(frontend=FRONTEND.as_posix()), encoding="utf-8")
    script = BUILD_SCRIPT.format(root=json.dumps(str(workdir)), out=json.dumps(str(out)), entry=json.dumps(str(entry)))
    subprocess.run(["node", "--input-type=module", "-e", script], cwd=FRONTEND, check=True, timeout=300)
    return (out / "bench.js").read_bytes()


def measure(bundle: bytes, seconds: float) -> tuple[dict[str, float], dict[str, float]]:
    deployment = json.loads((DEV_KEYS / "deployment.json").read_text(encoding="utf-8"))
    origin = "http://127.0.0.1:9"  # never contacted: the route below answers (a secure context, for the microphone)
    page_html = b'<!doctype html><html><head><script type="module" src="/bench.js"></script></head></html>'

    def serve(route: Route) -> None:
        is_script = route.request.url.endswith("/bench.js")
        route.fulfill(
            status=200,
            body=bundle if is_script else page_html,
            content_type="text/javascript" if is_script else "text/html",
        )

    flags = ["--no-sandbox", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=flags)
        try:
            page = browser.new_page()
            page.route(f"{origin}/**", serve)
            page.goto(f"{origin}/")
            page.wait_for_function("globalThis.kuaBench !== undefined")
            voice = page.evaluate(RECORD_JS, seconds)
            minute_bytes = round(voice["appBytes"] / voice["seconds"] * 60)
            sealing = page.evaluate(
                SEAL_JS,
                {
                    "listText": deployment["recipient_list"],
                    "rootPublicKeys": deployment["root_public_keys"],
                    "threshold": deployment["threshold"],
                    "minuteBytes": minute_bytes,
                    "photoBytes": PHOTO_BYTES,
                    "runs": 5,
                },
            )
        finally:
            browser.close()
    return voice, sealing


def rows(voice: dict[str, float], sealing: dict[str, float]) -> list[str]:
    per_minute = voice["appBytes"] / voice["seconds"] * 60
    baseline = voice["baselineBytes"] / voice["seconds"] * 60
    return [
        f"| voice, app settings ({voice['mime']}, 24 kbit/s), fake microphone {voice['seconds']:.0f} s "
        f"| {per_minute / 1000:.0f} KB per minute | ≤ 200 KB |",
        f"| voice, browser's default bitrate, same stream at the same time (baseline) "
        f"| {baseline / 1000:.0f} KB per minute | |",
        f"| ratio app / default bitrate | {per_minute / baseline:.2f}x | |",
        f"| seal one minute of voice with the app's code (Padmé + age to {sealing['recipients']} recipient(s)) "
        f"| {sealing['voiceSeal']:.1f} ms, {sealing['sealedVoice'] / 1000:.0f} KB sealed | |",
        f"| WebCrypto AES-GCM of the same minute, same page (baseline) | {sealing['voiceAes']:.2f} ms | |",
        f"| ratio voice seal / AES-GCM | {sealing['voiceSeal'] / sealing['voiceAes']:.1f}x | |",
        f"| seal 1 MB of photo with the app's code | {sealing['photoSeal']:.1f} ms | |",
        f"| WebCrypto AES-GCM of the same 1 MB, same page (baseline) | {sealing['photoAes']:.2f} ms | |",
        f"| ratio photo seal / AES-GCM | {sealing['photoSeal'] / sealing['photoAes']:.1f}x | |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--seconds", type=float, default=MIN_SECONDS)
    args = parser.parse_args()
    if args.seconds < MIN_SECONDS:
        raise SystemExit(f"Record at least {MIN_SECONDS} s: shorter runs are mostly the container's header.")
    with tempfile.TemporaryDirectory() as workdir:
        voice, sealing = measure(build_bundle(Path(workdir)), args.seconds)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    table_rows = [
        *rows(voice, sealing),
        f"| machine load at the end (1, 5, 15 min; {os.cpu_count()} cores) | {load} | |",
    ]
    table = "\n".join(["| measure | value | goal |", "|---|---|---|", *table_rows])
    print(table)
    if args.write_docs:
        write_section(
            "bench_media", "Media: voice and photo sealing (`bench/bench_media.py`, headless Chromium)", table
        )


if __name__ == "__main__":
    main()
