"""An admin is warned in the console when the recipient list expires within 14 days (issue 20, Day-2).

Айгуль, an admin, is listed by a 30-day list: no warning. The root-key holders then sign, through a
signing request (`kua recipients pending OUT`, `sign --key` by each development root key, `publish`),
a list valid for 10 days: the console, reloaded, shows the warning with the days left.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.app_server import serving_the_app
from tests.browser.phone import READY, UI_TIMEOUT
from tests.browser.reviewer import ROOT_KEYS, a_listed_reviewer, kua

pytestmark = pytest.mark.browser


def test_an_admin_sees_the_list_expiry_warning_two_weeks_ahead(browser: Browser, tmp_path: Path) -> None:
    with serving_the_app(tmp_path / "server") as server:
        # Given Айгуль, an admin, listed by a 30-day list: no warning
        console, errors, _recipient = a_listed_reviewer(
            browser, server, tmp_path, password="correct horse battery staple", passphrase="Айгуль's key passphrase"
        )
        expect(console.get_by_test_id("key-state")).to_have_attribute("data-state", "listed", timeout=UI_TIMEOUT)
        expect(console.get_by_test_id("list-expiry")).to_have_count(0)

        # When the holders sign a 10-day list through a signing request, and it is published
        request = tmp_path / "request.json"
        kua(server, "recipients", "pending", str(request), "--valid-days", "10")
        for root_key in ROOT_KEYS:
            kua(server, "recipients", "sign", str(request), "--key", str(root_key), "--yes")
        kua(server, "recipients", "publish", str(request))

        # Then the console, reloaded, warns her with the days left
        console.reload()
        console.wait_for_selector(READY, state="attached", timeout=20_000)
        warning = console.get_by_test_id("list-expiry")
        expect(warning).to_have_attribute("data-days", "9", timeout=UI_TIMEOUT)
        expect(warning).to_contain_text("9")
        assert errors == []
