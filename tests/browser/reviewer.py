"""What a reviewer does in the console, for the browser stories and the console benchmark."""

import re

import pyotp
from playwright.sync_api import Page, expect

from tests.browser.phone import READY
from tests.support.server import RunningServer, run_kua


def invitation_path(server: RunningServer, name: str, role: str) -> str:
    """`kua reviewers invite NAME --role ROLE`: the link's path and fragment (this server is not the
    configured public address)."""
    invited = run_kua("reviewers", "invite", name, "--role", role, env=server.env)
    assert invited.returncode == 0, invited.stdout + invited.stderr
    link = re.search(r"https?://\S+?(/review#invite=\S+)", invited.stdout)
    assert link is not None, invited.stdout
    return link.group(1)


def accept_invitation(page: Page, server: RunningServer, path: str, *, name: str, password: str) -> pyotp.TOTP:
    """Open the invitation (made out to `name`), enrol the authenticator (its secret read from the
    page) and accept."""
    page.goto(server.base_url + path)
    page.wait_for_selector(READY, state="attached", timeout=20_000)
    expect(page.get_by_test_id("invite-name")).to_have_text(name)
    page.get_by_test_id("invite-totp-show").click()
    totp = pyotp.TOTP(page.get_by_test_id("invite-totp-secret").inner_text().replace(" ", "").strip())
    page.get_by_test_id("invite-password").fill(password)
    page.get_by_test_id("invite-password-repeat").fill(password)
    page.get_by_test_id("invite-totp-code").fill(totp.now())
    page.get_by_test_id("invite-accept").click()
    return totp
