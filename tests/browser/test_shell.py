"""A reporter opens the app on a phone: it loads from the Kua server alone, without errors."""

import json
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.browser.phone import READY
from tests.support.server import REPO, RunningServer

pytestmark = pytest.mark.browser


def test_a_reporter_opens_the_app(page: Page, reporter_server: RunningServer) -> None:
    requested: list[str] = []
    errors: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: _note_error(message, errors))
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))

    # When a reporter opens the server's address on a phone
    page.goto(reporter_server.base_url)

    # Then the app starts and shows its heading
    page.wait_for_selector(READY, state="attached", timeout=15_000)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # And nothing was fetched from any other host (no CDN, font or analytics)
    server = urlsplit(reporter_server.base_url).netloc
    elsewhere = [url for url in requested if urlsplit(url).scheme in ("http", "https", "ws", "wss")]
    assert [url for url in elsewhere if urlsplit(url).netloc != server] == []
    assert elsewhere, "the browser made no request at all"
    # And the console shows no error (a Content-Security-Policy violation would be one)
    assert errors == []


def _note_error(message: ConsoleMessage, errors: list[str]) -> None:
    if message.type == "error":
        errors.append(f"console: {message.text}")


def test_a_reporter_reads_the_app_in_their_own_language(page: Page, reporter_server: RunningServer) -> None:
    locales = REPO / "frontend/src/shared/i18n/locales"
    catalogs = {path.stem: json.loads(path.read_text()) for path in locales.glob("*.json")}
    own_names = [catalogs[tag]["_meta"]["name"] for tag in ["ru", *sorted(tag for tag in catalogs if tag != "ru")]]
    languages = page.get_by_test_id("language-select").locator("option")
    page.goto(reporter_server.base_url)
    page.wait_for_selector(READY, state="attached", timeout=15_000)
    # Then the first screen offers every language in its own name, Russian first
    expect(languages).to_have_text(own_names)
    # When a reporter chooses Kazakh
    page.get_by_test_id("language-select").select_option("kk")
    # Then the app speaks Kazakh, and still does when opened again
    for _opening in range(2):
        expect(page.locator("html")).to_have_attribute("lang", "kk")
        expect(page.get_by_role("heading", level=1)).to_have_text(catalogs["kk"]["home"]["title"])
        expect(languages).to_have_text(own_names)
        page.reload()
        page.wait_for_selector(READY, state="attached", timeout=15_000)
