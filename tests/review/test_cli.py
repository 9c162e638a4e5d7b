"""An operator runs the console's accounts from the command line: `kua reviewers invite | list | disable`,
and `kua recipients pending` to bring reviewers' new keys into the next signed recipient list."""

import shlex
from pathlib import Path
from typing import Any

import httpx
import pytest

from kua.crypto.keys import generate_identity, identity_to_recipient
from tests.review.console import Console, a_reviewer, audit_actions, enroll

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


def link_token(result: Any) -> str:
    """The token of the one link a command printed, alone on its stdout line."""
    links = [line for line in result.stdout.splitlines() if "#invite=" in line]
    assert len(links) == 1 and " " not in links[0], result.stdout
    return links[0].partition("#invite=")[2]


def test_pending_invitations_are_listed_and_one_can_be_revoked(console: Console) -> None:
    # Given two invitations, one of them used
    for name in ("Dana", "Erlan"):
        assert console.kua("reviewers", "invite", name, "--role", "triager").returncode == 0
    a_reviewer(console, "Bolat")
    # When the operator lists them, Then the unused ones are shown
    listed = console.kua("reviewers", "invitations")
    assert listed.returncode == 0, listed.stderr
    rows = [line.split()[:3] for line in listed.stdout.splitlines()]
    assert rows == [["NAME", "ROLE", "KIND"], ["Dana", "triager", "new"], ["Erlan", "triager", "new"]]
    # When Dana's is revoked, Then it is no longer listed, its link no longer works, and the log says so
    token = link_token(console.kua("reviewers", "invite", "Farida", "--role", "admin"))
    revoked = console.kua("reviewers", "revoke-invitation", "Farida")
    assert revoked.returncode == 0 and "1 invitation(s) for Farida revoked." in revoked.stdout
    assert "Farida" not in console.kua("reviewers", "invitations").stdout
    assert httpx.get(console.url(f"/invitations/{token}")).status_code == 404
    assert audit_actions(console)[-1] == "invitation_revoked"
    # And revoking what is not pending fails, changing nothing
    again = console.kua("reviewers", "revoke-invitation", "Farida")
    assert again.returncode == 1 and "No invitation for 'Farida' is pending." in again.stderr


def test_a_disabled_reviewer_is_enabled_again(console: Console) -> None:
    bolat = a_reviewer(console, "Bolat")
    console.kua("reviewers", "disable", "Bolat")
    console.clock.advance(seconds=30)
    assert bolat.sign_in().status_code == 401
    enabled = console.kua("reviewers", "enable", "Bolat")
    assert enabled.returncode == 0 and "Bolat is active" in enabled.stdout
    assert audit_actions(console)[-1] == "reviewer_enabled"
    console.clock.advance(seconds=30)
    assert bolat.sign_in().status_code == 200
    unknown = console.kua("reviewers", "enable", "Nobody")
    assert unknown.returncode == 1 and "No reviewer is called 'Nobody'." in unknown.stderr


def test_a_role_changes_from_the_next_request(console: Console) -> None:
    bolat = a_reviewer(console, "Bolat")
    assert bolat.get("/audit").status_code == 403
    changed = console.kua("reviewers", "role", "Bolat", "admin")
    assert changed.returncode == 0 and "Bolat was triager and is now admin." in changed.stdout
    assert bolat.get("/me").json()["role"] == "admin" and bolat.get("/audit").status_code == 200
    assert "reviewer_role_changed" in audit_actions(console)
    unknown = console.kua("reviewers", "role", "Bolat", "owner")
    assert unknown.returncode == 2 and bolat.get("/me").json()["role"] == "admin"


def test_a_reviewer_who_lost_both_factors_is_recovered_keeping_the_account(console: Console) -> None:
    # Given Bolat, signed in, with a key, who then loses the password and the authenticator
    bolat = a_reviewer(console, "Bolat")
    recipient = identity_to_recipient(generate_identity())
    bolat.send("PUT", "/me/recipient", json={"recipient": recipient})
    # When the operator recovers the account
    recovered = console.kua("reviewers", "recover", "Bolat", KUA_PUBLIC_BASE_URL="https://kua.example.org")
    assert recovered.returncode == 0, recovered.stderr
    assert "1 session(s) ended" in recovered.stderr
    token = link_token(recovered)
    # Then the old session has ended, and the pending recovery is listed
    assert bolat.get("/me").status_code == 401
    pending = console.kua("reviewers", "invitations").stdout.splitlines()
    assert pending[1].split()[:3] == ["Bolat", "triager", "recovery"]
    # When Bolat opens the link, Then it says it recovers an account
    assert httpx.get(console.url(f"/invitations/{token}")).json()["recovers"] is True
    # When Bolat sets new factors, Then it is the same account, key kept
    again = enroll(console, token, password="a new and rather longer passphrase")
    assert again.id == bolat.id and again.get("/me").json()["recipient"] == recipient
    assert len(again.recovery_codes) == 10
    # And the old password no longer signs in, the new one does
    console.clock.advance(seconds=30)
    assert bolat.sign_in(code=again.code()).status_code == 401
    console.clock.advance(seconds=30)
    assert again.sign_in().status_code == 200
    actions = audit_actions(console)
    assert "reviewer_recovery_started" in actions and "reviewer_recovered" in actions


def test_recovering_an_unknown_or_disabled_reviewer_fails(console: Console) -> None:
    unknown = console.kua("reviewers", "recover", "Nobody")
    assert unknown.returncode == 1 and "No reviewer is called 'Nobody'." in unknown.stderr
    a_reviewer(console, "Bolat")
    console.kua("reviewers", "disable", "Bolat")
    disabled = console.kua("reviewers", "recover", "Bolat")
    assert disabled.returncode == 1 and "enable it first" in disabled.stderr
    assert "No invitation is pending." in console.kua("reviewers", "invitations").stdout


def test_disabling_a_reviewer_revokes_its_recovery_link(console: Console) -> None:
    a_reviewer(console, "Bolat")
    token = link_token(console.kua("reviewers", "recover", "Bolat"))
    console.kua("reviewers", "disable", "Bolat")
    assert httpx.get(console.url(f"/invitations/{token}")).status_code == 404
