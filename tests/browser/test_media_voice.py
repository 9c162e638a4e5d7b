"""A voice account: a relative, offline, tells what happened instead of typing it; the phone dies mid-sentence;
what was said is still there when the app opens again, and only ever as ciphertext, on the phone and on the
server; the reviewer plays it in the console, slower or faster, and attaches a transcript.

Two browsers against a real `kua serve`: the relative's phone (Chromium with a fake microphone that plays a
tone, its profile on disk) and the reviewer's desktop browser. The reviewer's key is listed first and the phone
fetches that list while online, so the recording is sealed to it.
"""

import base64
import contextlib
import os
import re
import signal
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.app_server import serving_the_app
from tests.browser.intake_store import IntakeStore
from tests.browser.phone import (
    MAX_STEPS,
    UI_TIMEOUT,
    Answer,
    Phone,
    fill_in_report,
    outbox_ids,
    outbox_item,
    send_report,
    store_counts,
)
from tests.browser.reviewer import KEY_TIMEOUT, a_listed_reviewer
from tests.browser.seized import indexeddb_dump
from tests.support.polling import wait_until

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
KEY_PASSPHRASE = "the reviewer's long passphrase"
# Every chunk MediaRecorder hands the page, copied to the test as it is made (the phone never stores it).
RECORDED_CHUNKS_JS = """() => {
  const Original = window.MediaRecorder;
  if (!Original || Original.wrappedForTest) return;
  window.MediaRecorder = class extends Original {
    static wrappedForTest = true;
    constructor(...args) {
      super(...args);
      this.addEventListener("dataavailable", async (event) => {
        const bytes = new Uint8Array(await event.data.arrayBuffer());
        let text = "";
        for (const byte of bytes) text += String.fromCharCode(byte);
        window.recordedChunk(btoa(text));
      });
    }
  };
}"""
STORED_LIST_JS = """async () => {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open("kua");
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const list = await new Promise((resolve) => {
    const request = db.transaction("settings").objectStore("settings").get("recipientList");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
  });
  db.close();
  // The signed envelope carries the list as base64 of its JSON.
  return list ? atob(JSON.parse(list.text).payload) : "";
}"""
# Container magic numbers: WebM/Matroska (EBML), Ogg, MP4 ("ftyp"), and Opus's own header.
AUDIO_MAGIC = {"WebM": b"\x1a\x45\xdf\xa3", "Ogg": b"OggS", "MP4": b"ftypM4A", "Opus header": b"OpusHead"}


def the_phone_records_chunks(page: Page, chunks: list[bytes]) -> None:
    page.expose_function("recordedChunk", lambda text: chunks.append(base64.b64decode(text)))
    page.add_init_script(f"({RECORDED_CHUNKS_JS})()")
    page.reload()
    page.wait_for_selector('html[data-ready="1"]', state="attached")


def the_phone_holds(page: Page, needles: dict[str, bytes]) -> list[str]:
    """The names of the needles found anywhere in the phone's IndexedDB (Blobs and buffers as bytes)."""
    dump = indexeddb_dump(page)
    return [name for name, needle in needles.items() if needle.decode("latin1") in dump]


def the_phone_dies(phone: Phone) -> None:
    """SIGKILL to every process of this phone's browser (found by its profile folder), as Android kills an app."""
    profile = f"--user-data-dir={phone.profile}".encode()
    for process in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if process.name.isdigit() and profile in (process / "cmdline").read_bytes():
                os.kill(int(process.name), signal.SIGKILL)
    # Playwright notices the browser is gone; closing what is left only tidies up.
    with contextlib.suppress(Exception):
        phone.close()


def walk_to(page: Page, testid: str, answers: dict[str, Answer]) -> None:
    """Next through the wizard, answering on the way, until `testid` shows."""
    pending = dict(answers)
    heading = page.get_by_role("heading", level=1)
    for _ in range(MAX_STEPS):
        for answer in list(pending):
            if page.get_by_test_id(answer).first.is_visible():
                pending.pop(answer)(page)
        if page.get_by_test_id(testid).first.is_visible():
            return
        title = heading.inner_text()
        page.get_by_test_id("step-next").click()
        expect(heading).not_to_have_text(title, timeout=UI_TIMEOUT)
    raise AssertionError(f"the wizard never showed {testid}")


def the_reviewer_opens(console: Page, report_id: str) -> None:
    row = console.locator(f'[data-testid="queue-row"][data-report-id="{report_id}"]')
    expect(row).to_have_attribute("data-state", "open", timeout=KEY_TIMEOUT)
    row.click()
    expect(console.get_by_test_id("report-detail")).to_have_attribute("data-report-id", report_id, timeout=UI_TIMEOUT)


def test_a_voice_account_survives_a_killed_phone_and_only_the_reviewer_hears_it(
    phone: Phone, browser: Browser, tmp_path: Path
) -> None:
    transcript_canary = f"KUA-TRANSCRIPT-{uuid.uuid4().hex}"
    with serving_the_app(tmp_path / "server") as server:
        store = IntakeStore(server)

        # Given a reviewer whose key the root keys list
        console, console_errors, recipient = a_listed_reviewer(
            browser, server, tmp_path, password=PASSWORD, passphrase=KEY_PASSPHRASE
        )

        # And a phone that was online once since, so it holds that list
        page = phone.open(server.base_url)
        phone.wait_for_service_worker(page)
        wait_until(lambda: recipient in page.evaluate(STORED_LIST_JS), timeout=30, what="the phone to fetch the list")
        chunks: list[bytes] = []
        the_phone_records_chunks(page, chunks)
        known = outbox_ids(page)

        # When the relative, offline, starts a report and tells the account aloud for about four seconds
        phone.context.set_offline(True)
        page.get_by_test_id("new-report").click()
        walk_to(
            page,
            "voice-record",
            {
                "kind-detention": lambda page: page.get_by_test_id("kind-detention").check(),
                "consent-record": lambda page: page.get_by_test_id("consent-record").check(),
            },
        )
        page.get_by_test_id("voice-record").click()
        expect(page.get_by_test_id("voice-elapsed")).to_have_text(re.compile(r"00:0[4-9]"), timeout=UI_TIMEOUT)
        wait_until(lambda: len(chunks) >= 2, timeout=10, what="two chunks recorded")
        wait_until(
            lambda: (store_counts(page) or {}).get("recordingChunks", 0) >= 2,
            timeout=10,
            what="two chunks stored, encrypted",
        )

        # Then what the phone stored so far is ciphertext only: no container magic, no byte run of the audio
        recorded = b"".join(chunks)
        needles = {
            **AUDIO_MAGIC,
            "the first chunk's start": chunks[0][:32],
            "a run of the recorded audio": recorded[len(recorded) // 2 : len(recorded) // 2 + 48],
        }
        assert the_phone_holds(page, needles) == []

        # When the phone dies mid-sentence
        the_phone_dies(phone)

        # Then, opened again (still offline), the draft holds the recording, finished from what was stored
        page = phone.open(server.base_url, offline=True)
        page.get_by_role("button", name="Продолжить").click()
        walk_to(page, "voice-item", {})
        expect(page.get_by_test_id("voice-item")).to_have_count(1, timeout=UI_TIMEOUT)
        # And the chunks are gone, the recording sealed to the list: still nothing in the clear
        counts = store_counts(page) or {}
        assert (counts.get("recordings"), counts.get("recordingChunks")) == (0, 0), counts
        assert the_phone_holds(page, needles) == []

        # When the phone is back online and the relative sends the report
        fill_in_report(page, {})
        phone.context.set_offline(False)
        report_id = send_report(page, known)
        expect(outbox_item(page, report_id)).to_have_attribute("data-state", "sent", timeout=60_000)
        (attachment,) = store.declared_attachments(report_id)
        wait_until(
            lambda: (upload := store.upload(str(attachment))) is not None and upload.complete,
            timeout=60,
            what="the recording's upload to complete",
        )

        # Then the server never held the audio in the clear
        assert store.where_found(needles) == []

        # When the reviewer opens the report in the console
        console.get_by_test_id("nav-queue").click()
        the_reviewer_opens(console, report_id)
        recording = console.get_by_test_id("voice-recording")
        expect(recording).to_have_attribute("data-hash-ok", "1", timeout=KEY_TIMEOUT)
        expect(recording).to_have_attribute("data-provenance", "valid")

        # Then it plays: a real duration of more than a second, enough data to start
        audio = recording.get_by_test_id("voice-audio")
        wait_until(
            lambda: audio.evaluate("a => a.readyState >= 2 && Number.isFinite(a.duration) && a.duration > 1"),
            timeout=30,
            what="the recording to load with its duration",
        )
        # And the reviewer slows it down, then speeds it up
        for rate in ("0.75", "1.5"):
            recording.get_by_test_id(f"voice-speed-{rate}").click()
            expect(audio).to_have_js_property("playbackRate", float(rate))

        # When the reviewer attaches a transcript
        recording.get_by_test_id("voice-transcript-text").fill(f"Меня били в отделе. {transcript_canary}")
        recording.get_by_test_id("voice-transcript-add").click()
        expect(recording.get_by_test_id("voice-transcript")).to_contain_text(transcript_canary, timeout=KEY_TIMEOUT)

        # Then after a reload it is still there, beside the recording and not among the loose notes
        console.reload()
        console.get_by_test_id("unlock-passphrase").fill(KEY_PASSPHRASE)
        console.get_by_test_id("unlock-submit").click()
        expect(console.get_by_test_id("unlock-passphrase")).to_be_hidden(timeout=30_000)  # scrypt, then the bar
        the_reviewer_opens(console, report_id)
        recording = console.get_by_test_id("voice-recording")
        expect(recording.get_by_test_id("voice-transcript")).to_contain_text(transcript_canary, timeout=KEY_TIMEOUT)
        expect(console.get_by_test_id("note-item")).to_have_count(0)
        # And the server keeps the transcript only sealed
        assert store.where_found({"the transcript": transcript_canary.encode()}) == []
        assert console_errors == []
        console.context.close()
