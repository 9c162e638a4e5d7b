"""The served app may compile its own WebAssembly (issue 21): hash-wasm's SHA-256 of a large photo is about
5x faster than JavaScript on a phone, and needs 'wasm-unsafe-eval' in the CSP
(backend/kua/api/security_headers.py). Without it the app still seals, only slower
(src/shared/crypto/digest.ts falls back to @noble/hashes), so this is the test that notices."""

import pytest
from playwright.sync_api import Browser

from tests.support.server import RunningServer

pytestmark = pytest.mark.browser

EMPTY_MODULE = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]  # "\0asm", version 1
INSTANTIATE_JS = """async (bytes) => {
  try {
    await WebAssembly.instantiate(new Uint8Array(bytes));
    return "compiled";
  } catch (error) {
    return String(error);
  }
}"""


def test_the_served_app_may_compile_its_webassembly(browser: Browser, reporter_server: RunningServer) -> None:
    page = browser.new_page()
    try:
        page.goto(reporter_server.url("/"))
        outcome = page.evaluate(INSTANTIATE_JS, EMPTY_MODULE)
    finally:
        page.close()
    assert outcome == "compiled"
