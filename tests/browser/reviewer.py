"""What a reviewer does in the console, for the browser stories and the console benchmark."""

import base64
import json
import re
import shlex
import urllib.request
from pathlib import Path

import pyotp
from playwright.sync_api import Browser, Page, expect

from tests.browser.phone import READY, UI_TIMEOUT
from tests.support.server import REPO, RunningServer, run_kua

DEV_KEYS = REPO / "var" / "dev-keys"
ROOT_KEYS = [DEV_KEYS / "DEVELOPMENT-KEY-root-1.txt", DEV_KEYS / "DEVELOPMENT-KEY-root-2.txt"]
# Generating or unlocking a key (scrypt) and opening age files in the browser: slower than a tap.
KEY_TIMEOUT = 30_000


def kua(server: RunningServer, *args: str) -> str:
    result = run_kua(*args, env=server.env)
    assert result.returncode == 0, f"kua {' '.join(args)}: {result.stdout}{result.stderr}"
    return result.stdout


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
    page, beside the QR code an app would scan, drawn as one SVG path), accept, and pass the recovery codes."""
    return enrol(page, server, path, name=name, password=password)[0]


def enrol(page: Page, server: RunningServer, path: str, *, name: str, password: str) -> tuple[pyotp.TOTP, list[str]]:
    """accept_invitation(), also returning the ten recovery codes the console showed once."""
    totp = fill_in_the_invitation(page, server, path, name=name, password=password)
    return totp, save_recovery_codes(page)


def fill_in_the_invitation(page: Page, server: RunningServer, path: str, *, name: str, password: str) -> pyotp.TOTP:
    """Everything up to the recovery codes: the authenticator's secret, the password, the first code."""
    page.goto(server.base_url + path)
    page.wait_for_selector(READY, state="attached", timeout=20_000)
    expect(page.get_by_test_id("invite-name")).to_have_text(name)
    page.get_by_test_id("invite-totp-show").click()
    totp = pyotp.TOTP(page.get_by_test_id("invite-totp-secret").inner_text().replace(" ", "").strip())
    expect(page.get_by_test_id("invite-totp-qr").locator("path")).to_have_attribute(
        "d", re.compile(r"^(M\d+ \d+h1v1h-1z){100,}$")
    )
    page.get_by_test_id("invite-password").fill(password)
    page.get_by_test_id("invite-password-repeat").fill(password)
    page.get_by_test_id("invite-totp-code").fill(totp.now())
    page.get_by_test_id("invite-accept").click()
    return totp


def save_recovery_codes(page: Page) -> list[str]:
    """Read the recovery codes the console shows once (as the reviewer writes them down), then go on."""
    expect(page.get_by_test_id("recovery-code")).to_have_count(10, timeout=UI_TIMEOUT)
    codes = [code.strip() for code in page.get_by_test_id("recovery-code").all_inner_texts()]
    page.get_by_test_id("recovery-saved").click()
    return codes


def generate_key(page: Page, passphrase: str) -> str:
    """On the key screen: generate a key in the browser, sealed with `passphrase` (only its recipient
    goes to the server), until the console says it is not listed yet. Returns the key's recipient."""
    page.get_by_test_id("key-passphrase").fill(passphrase)
    page.get_by_test_id("key-passphrase-repeat").fill(passphrase)
    page.get_by_test_id("key-generate").click()
    expect(page.get_by_test_id("key-state")).to_have_attribute("data-state", "pending", timeout=KEY_TIMEOUT)
    recipient = (page.get_by_test_id("key-recipient").text_content() or "").strip()  # in a closed <details>
    assert recipient.startswith("age1pq1"), recipient
    return recipient


def list_the_key(page: Page, server: RunningServer, workdir: Path, *, name: str, recipient: str) -> None:
    """The root keys sign a new list with the pending key of `name` (offline, with the CLI: `kua recipients
    pending`, `sign`, `publish`); the key screen, refreshed, says the key is listed."""
    pending = run_kua("recipients", "pending", env=server.env)
    options = shlex.split(pending.stdout)
    assert f"{name}={recipient}" in options, pending.stdout + pending.stderr
    next_seq = re.search(r"--seq (\d+)", pending.stderr)
    assert next_seq is not None, pending.stderr
    seq = int(next_seq.group(1))
    signed = workdir / f"recipient-list-{seq}.json"
    root_options = [arg for key in ROOT_KEYS for arg in ("--root-key", str(key))]
    kua(server, "recipients", "sign", *root_options, *options, "--seq", str(seq), "--out", str(signed))
    kua(server, "recipients", "publish", str(signed))
    page.get_by_test_id("key-refresh").click()
    expect(page.get_by_test_id("key-state")).to_have_attribute("data-state", "listed", timeout=UI_TIMEOUT)


def published_list_seq(server: RunningServer) -> int:
    """The seq of the list the server publishes now (GET /api/v1/recipients)."""
    with urllib.request.urlopen(f"{server.base_url}/api/v1/recipients", timeout=10) as response:
        signed = json.loads(response.read())
    return int(json.loads(base64.b64decode(signed["payload"]))["seq"])


def a_listed_reviewer(
    browser: Browser, server: RunningServer, workdir: Path, *, password: str, passphrase: str
) -> tuple[Page, list[str], str]:
    """Айгуль, an admin: accepts her invitation, generates her key in the console, and the root keys list
    it. Her console page, the page errors it raises (a story asserts there are none), and her recipient."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    console = context.new_page()
    errors: list[str] = []
    console.on("pageerror", lambda error: errors.append(str(error)))
    accept_invitation(console, server, invitation_path(server, "Айгуль", "admin"), name="Айгуль", password=password)
    recipient = generate_key(console, passphrase)
    list_the_key(console, server, workdir, name="Айгуль", recipient=recipient)
    return console, errors, recipient
