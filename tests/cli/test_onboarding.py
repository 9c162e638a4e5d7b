"""Onboarding that works the first time: `make run PORT=...` tells the commands it runs the server's
address, `kua dev-setup` keeps it in var/kua.dev.env, and every link `kua reviewers` prints is built
on it, alone on its stdout line, with warnings and advice on stderr (so a copy-paste takes the link)."""

import os
import shutil
import subprocess
from pathlib import Path

from tests.support.server import REPO, kua_env, run_kua


def links_alone_on_their_lines(stdout: str, base_url: str) -> list[str]:
    links = [line for line in stdout.splitlines() if "://" in line]
    assert links and all(line.startswith(f"{base_url}/review#invite=") and " " not in line for line in links), stdout
    return links


def test_make_run_gives_every_command_the_address_it_serves_on(tmp_path: Path) -> None:
    # Given stand-in `kua` commands that note the address they are given
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "kua").write_text(f'#!/bin/sh\necho "$1 $KUA_PUBLIC_BASE_URL" >> {tmp_path / "seen"}\n')
    (bin_dir / "kua").chmod(0o755)
    # When a developer runs `make run PORT=8123` (its prerequisites taken as done)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KUA_", "MAKE"))}
    make = [shutil.which("make") or "make", "-s", "-o", "venv", "-o", "frontend", "run", "PORT=8123", f"BIN={bin_dir}"]
    result = subprocess.run(make, cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    # Then dev-setup, the migration, the publication and the server all get http://127.0.0.1:8123
    seen = (tmp_path / "seen").read_text().splitlines()
    assert [line.split()[0] for line in seen] == ["dev-setup", "db", "recipients", "serve"]
    assert {line.split()[1] for line in seen} == {"http://127.0.0.1:8123"}


def test_an_invitation_from_a_dev_setup_on_another_port_links_to_that_port(tmp_path: Path) -> None:
    # Given dev-setup told the server's address, as `make run PORT=8123` does
    data_dir, base_url = tmp_path / "var", "http://127.0.0.1:8123"
    assert run_kua("dev-setup", env=kua_env(data_dir, KUA_PUBLIC_BASE_URL=base_url)).returncode == 0
    env_file = data_dir / "kua.dev.env"
    assert f"KUA_PUBLIC_BASE_URL={base_url}\n" in env_file.read_text()
    # When the developer later runs commands with only the env file
    env = {k: v for k, v in kua_env(data_dir).items() if k not in ("KUA_ENV", "KUA_DATA_DIR")}
    env["KUA_ENV_FILE"] = str(env_file)
    assert run_kua("db", "upgrade", env=env).returncode == 0
    invited = run_kua("reviewers", "invite", "Aigerim", "--role", "admin", env=env)
    assert invited.returncode == 0, invited.stderr
    # Then the link is on that port, alone on its stdout line; the settings' warnings and the advice are on stderr
    header, link = invited.stdout.splitlines()
    assert header.startswith("Invitation for Aigerim (admin)") and links_alone_on_their_lines(link, base_url)
    assert "WARNING" in invited.stderr and "Send it privately" in invited.stderr


def test_with_a_console_host_invitations_link_to_it(tmp_path: Path) -> None:
    # Given a console on a host name of its own (docs/deploy.md, "The console on its own host name")
    data_dir, console_url = tmp_path / "var", "https://review.example.org"
    env = kua_env(data_dir, KUA_PUBLIC_BASE_URL="https://reports.example.org", KUA_CONSOLE_BASE_URL=console_url)
    assert run_kua("db", "upgrade", env=env).returncode == 0
    # When an operator invites a reviewer, Then the link opens the console there
    invited = run_kua("reviewers", "invite", "Bolat", "--role", "triager", env=env)
    assert invited.returncode == 0, invited.stderr
    links_alone_on_their_lines(invited.stdout, console_url)
