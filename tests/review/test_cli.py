"""An operator runs the console's accounts from the command line: `kua reviewers invite | list | disable`,
and `kua recipients pending` to bring reviewers' new keys into the next signed recipient list."""

import shlex
from pathlib import Path

import pytest

from kua.crypto.keys import generate_identity, identity_to_recipient
from tests.review.console import Console, a_reviewer, enroll

pytestmark = pytest.mark.slow


def test_an_invitation_link_from_the_command_line_enrolls_the_reviewer(console: Console) -> None:
    # When the operator invites Aigerim
    result = console.kua(
        "reviewers", "invite", "Aigerim Sultanova", "--role", "admin", KUA_PUBLIC_BASE_URL="https://kua.example.org/"
    )
    assert result.returncode == 0, result.stderr
    header, link = result.stdout.splitlines()
    assert header.startswith("Invitation for Aigerim Sultanova (admin), valid until ") and header.endswith(" UTC:")
    prefix = "https://kua.example.org/review#invite="
    assert link.startswith(prefix)
    # Then the link's token, in the fragment, enrolls her
    reviewer = enroll(console, link.removeprefix(prefix))
    assert reviewer.get("/me").json()["role"] == "admin"


def test_inviting_an_existing_name_or_an_unknown_role_is_refused(console: Console) -> None:
    a_reviewer(console, "Bolat")
    taken = console.kua("reviewers", "invite", "Bolat", "--role", "triager")
    assert taken.returncode == 1 and "exists already" in taken.stderr
    unknown = console.kua("reviewers", "invite", "Dana", "--role", "owner")
    assert unknown.returncode == 2 and "owner" in unknown.stderr


def test_the_list_shows_role_state_last_login_and_key_state(console: Console) -> None:
    aigerim, _bolat = a_reviewer(console, "Aigerim", "admin"), a_reviewer(console, "Bolat")
    aigerim.send("PUT", "/me/recipient", json={"recipient": identity_to_recipient(generate_identity())})
    assert console.kua("reviewers", "disable", "Bolat").returncode == 0
    listed = console.kua("reviewers", "list")
    assert listed.returncode == 0, listed.stderr
    lines = [line.split() for line in listed.stdout.splitlines()]
    assert lines[0] == ["NAME", "ROLE", "STATE", "LAST", "LOGIN", "KEY"]
    today = console.clock().strftime("%Y-%m-%d")
    assert lines[1][:4] == ["Aigerim", "admin", "active", today] and lines[1][-1] == "pending"
    assert lines[2][:4] == ["Bolat", "triager", "disabled", today] and lines[2][-1] == "none"


def test_disabling_an_unknown_reviewer_fails(console: Console) -> None:
    result = console.kua("reviewers", "disable", "Nobody")
    assert result.returncode == 1 and "No reviewer is called 'Nobody'." in result.stderr


def recipient_options(stdout: str) -> dict[str, str]:
    """The NAME=RECIPIENT of each `--recipient` line, as a shell would pass them."""
    options = {}
    for line in stdout.splitlines():
        flag, value = shlex.split(line)
        assert flag == "--recipient"
        name, _, recipient = value.rpartition("=")
        options[name] = recipient
    return options


def test_pending_recipients_go_into_the_next_signed_list(console: Console, tmp_path: Path) -> None:
    # Given a coalition root key, and two reviewers who set their keys in the console
    root_key = tmp_path / "root.key"
    root_public = console.kua("keys", "root-new", "--out", str(root_key), "--no-passphrase").stdout.strip()
    pins = {"KUA_ROOT_PUBLIC_KEYS": root_public}
    aigerim, bolat = a_reviewer(console, "Aigerim Sultanova"), a_reviewer(console, "Bolat")
    keys = {r.name: identity_to_recipient(generate_identity("pq")) for r in (aigerim, bolat)}
    for reviewer in (aigerim, bolat):
        reviewer.send("PUT", "/me/recipient", json={"recipient": keys[reviewer.name]})

    # When the operator asks what is pending, Then both are, for a first list
    pending = console.kua("recipients", "pending")
    assert pending.returncode == 0, pending.stderr
    assert recipient_options(pending.stdout) == keys
    assert "pending: Aigerim Sultanova" in pending.stderr and "--seq 1" in pending.stderr

    # When the lines are given to `kua recipients sign` and the list is published
    signed = tmp_path / "list-1.json"
    options = [part for line in pending.stdout.splitlines() for part in shlex.split(line)]
    sign = console.kua("recipients", "sign", "--root-key", str(root_key), *options, "--seq", "1", "--out", str(signed))
    assert sign.returncode == 0, sign.stderr
    assert console.kua("recipients", "publish", str(signed), **pins).returncode == 0

    # Then their keys are listed, and nothing is pending
    assert aigerim.get("/me").json()["recipient_state"] == "listed"
    nothing = console.kua("recipients", "pending")
    assert recipient_options(nothing.stdout) == keys and "No reviewer is pending" in nothing.stderr

    # When a new reviewer sets a key and Bolat is disabled, Then the next list adds one and leaves one out
    dana = a_reviewer(console, "Dana")
    dana_key = identity_to_recipient(generate_identity("pq"))
    dana.send("PUT", "/me/recipient", json={"recipient": dana_key})
    assert dana.get("/me").json()["recipient_state"] == "pending"
    console.kua("reviewers", "disable", "Bolat")
    following = console.kua("recipients", "pending")
    assert recipient_options(following.stdout) == {"Aigerim Sultanova": keys["Aigerim Sultanova"], "Dana": dana_key}
    assert "pending: Dana" in following.stderr and "left out (disabled): Bolat" in following.stderr
    assert "--seq 2" in following.stderr
