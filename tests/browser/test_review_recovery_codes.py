"""A reviewer keeps the recovery codes shown once at enrolment, signs in with one when the authenticator
is not at hand, sees how many are left, and makes a new set (docs/review.md, "Recovery codes")."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.app_server import serving_the_app
from tests.browser.phone import READY, UI_TIMEOUT
from tests.browser.reviewer import enrol, fill_in_the_invitation, invitation_path, save_recovery_codes
from tests.support.server import run_kua

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
CODE = re.compile(r"^[a-z2-7]{4}(-[a-z2-7]{4}){3}$")


def sign_in(page: Page, *, name: str, password: str, code: str) -> None:
    page.get_by_test_id("signin-name").fill(name)
    page.get_by_test_id("signin-password").fill(password)
    page.get_by_test_id("signin-totp").fill(code)
    page.get_by_test_id("signin-submit").click()


def test_a_reviewer_signs_in_with_a_recovery_code_and_makes_a_new_set(browser: Browser, tmp_path: Path) -> None:
    with serving_the_app(tmp_path / "server") as server:
        context = browser.new_context()
        console = context.new_page()
        # Given Aigerim enrolled and was shown ten codes, which she downloaded
        path = invitation_path(server, "Aigerim", "triager")
        fill_in_the_invitation(console, server, path, name="Aigerim", password=PASSWORD)
        expect(console.get_by_test_id("recovery-codes")).to_be_visible(timeout=UI_TIMEOUT)
        with console.expect_download() as download_info:
            console.get_by_test_id("recovery-download").click()
        downloaded = Path(download_info.value.path()).read_text(encoding="utf-8")
        codes = save_recovery_codes(console)
        assert len(set(codes)) == 10 and all(CODE.match(code) for code in codes), codes
        assert all(code in downloaded.splitlines() for code in codes)

        # When she signs out and signs in with a recovery code, typed in capitals with spaces
        console.get_by_test_id("signout").click()
        expect(console.get_by_test_id("signin-notice")).to_be_visible(timeout=UI_TIMEOUT)
        sign_in(console, name="Aigerim", password=PASSWORD, code=codes[0].upper().replace("-", " "))

        # Then the console says nine are left, and offers a new set
        left = console.get_by_test_id("recovery-left")
        expect(left).to_have_attribute("data-left", "9", timeout=UI_TIMEOUT)
        expect(left).to_contain_text("9")
        console.get_by_test_id("recovery-renew").click()
        fresh = save_recovery_codes(console)
        assert len(set(fresh)) == 10 and not set(fresh) & set(codes)
        console.wait_for_selector(READY, state="attached")
        expect(console.get_by_test_id("recovery-left")).to_have_count(0)

        # And an old unused code no longer signs in, a new one does
        console.get_by_test_id("signout").click()
        sign_in(console, name="Aigerim", password=PASSWORD, code=codes[1])
        expect(console.get_by_test_id("problem")).to_be_visible(timeout=UI_TIMEOUT)
        sign_in(console, name="Aigerim", password=PASSWORD, code=fresh[0])
        expect(console.get_by_test_id("recovery-left")).to_have_attribute("data-left", "9", timeout=UI_TIMEOUT)
        context.close()


def test_a_recovery_link_says_so_and_gives_the_account_new_factors(browser: Browser, tmp_path: Path) -> None:
    with serving_the_app(tmp_path / "server") as server:
        context = browser.new_context()
        console = context.new_page()
        # Given Aigerim enrolled, then forgot her password; the operator recovers her account
        enrol(console, server, invitation_path(server, "Aigerim", "admin"), name="Aigerim", password=PASSWORD)
        recovered = run_kua("reviewers", "recover", "Aigerim", env=server.env)
        assert recovered.returncode == 0, recovered.stderr
        link = re.search(r"https?://\S+?(/review#invite=\S+)", recovered.stdout)
        assert link is not None, recovered.stdout
        context.close()
        # When she opens the link in a new browser, Then the console says it recovers her account
        context = browser.new_context()
        console = context.new_page()
        console.goto(server.base_url + link.group(1))
        expect(console.get_by_test_id("invite-recovers")).to_be_visible(timeout=UI_TIMEOUT)
        new_password = "a brand new and longer passphrase"
        fill_in_the_invitation(console, server, link.group(1), name="Aigerim", password=new_password)
        # And she gets new codes and is signed in as the same admin
        assert len(save_recovery_codes(console)) == 10
        expect(console.get_by_test_id("nav-audit")).to_be_visible(timeout=UI_TIMEOUT)
        context.close()
