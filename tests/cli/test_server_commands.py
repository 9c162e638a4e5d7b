"""`kua serve`, `kua db ...` and `kua dev-setup`, run as an operator would: as commands."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kua.config import Settings
from kua.crypto.recipient_list import sign_recipient_list, verify_recipient_list
from kua.crypto.rootkeys import RootKey, development_root_key, read_root_key_file, write_root_key_file
from kua.db.migrate import head_revision
from kua.dev_setup import REVIEWER_IDENTITY_FILE, ROOT_KEY_FILES, WARNING, set_up_development
from tests.support.server import REPO, free_port, kua_env, run_kua

pytestmark = pytest.mark.slow

MIGRATIONS = REPO / "migrations"


def test_serve_refuses_a_database_without_the_newest_schema(tmp_path: Path) -> None:
    env = kua_env(tmp_path)
    result = run_kua("serve", "--port", str(free_port()), env=env)
    assert result.returncode == 1
    assert "run `kua db upgrade` first" in result.stderr


def test_the_operator_migrates_up_and_down(tmp_path: Path) -> None:
    env = kua_env(tmp_path / "data")
    upgraded = run_kua("db", "upgrade", env=env)
    assert upgraded.returncode == 0, upgraded.stderr
    newest = head_revision(MIGRATIONS)
    assert f"Database schema is at {newest}" in upgraded.stdout
    assert f"current: {newest}" in run_kua("db", "current", env=env).stdout
    downgraded = run_kua("db", "downgrade", "base", env=env)
    assert downgraded.returncode == 0, downgraded.stderr
    assert "base (no tables)" in downgraded.stdout


def test_db_upgrade_works_from_any_directory(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_kua("db", "upgrade", env=kua_env(tmp_path / "data"), cwd=elsewhere)
    assert result.returncode == 0, result.stderr


def test_production_settings_with_a_placeholder_stop_every_command(tmp_path: Path) -> None:
    result = run_kua("db", "upgrade", env=kua_env(tmp_path, KUA_ENV="production"))
    assert result.returncode == 1
    assert "KUA_PUSH_CONTACT is a placeholder" in result.stderr
    assert "Traceback" not in result.stderr


def test_dev_setup_refuses_outside_development(tmp_path: Path) -> None:
    result = run_kua("dev-setup", env=kua_env(tmp_path, KUA_ENV="production"))
    assert result.returncode == 1
    assert "only with KUA_ENV=development" in result.stderr
    assert not (tmp_path / "dev-keys").exists()


def test_dev_setup_makes_development_keys_once(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    env = kua_env(data_dir)
    # When a developer runs dev-setup on a fresh checkout
    first = run_kua("dev-setup", env=env)
    assert first.returncode == 0, first.stderr
    keys_dir = data_dir / "dev-keys"
    # Then every key file says what it is, in its name and on its first line
    for name in [*ROOT_KEY_FILES, REVIEWER_IDENTITY_FILE]:
        assert name.startswith("DEVELOPMENT-KEY")
        assert (keys_dir / name).read_text().splitlines()[0] == f"# {WARNING}"
        assert (keys_dir / name).stat().st_mode & 0o077 == 0
    # And the recipient list is signed by both development root keys
    root_public_keys = [
        line for line in (keys_dir / "root-public-keys.txt").read_text().splitlines() if not line.startswith("#")
    ]
    assert len(root_public_keys) == 2
    verified = verify_recipient_list(
        (keys_dir / "recipient-list.json").read_bytes(), root_public_keys=root_public_keys, threshold=2
    )
    assert verified.seq == 1
    assert len(verified.recipients) == 1 and verified.recipients[0].startswith("age1pq1")
    assert (verified.not_after - verified.not_before).days >= 365
    # And the env file it wrote makes valid development settings
    env_file = data_dir / "kua.dev.env"
    settings = Settings(_env_file=env_file)  # type: ignore[call-arg]
    assert settings.env == "development"
    assert "KUA_SECRET_KEY" not in env_file.read_text()  # retired: nothing reads it
    assert settings.root_public_keys == root_public_keys
    assert settings.root_threshold == 2
    assert "kua.dev.env" in first.stdout and "DEVELOPMENT KEY" in first.stdout

    # When it runs again, Then it keeps every key and setting
    before = {path.name: path.read_bytes() for path in [*keys_dir.iterdir(), env_file]}
    second = run_kua("dev-setup", env=env)
    assert second.returncode == 0, second.stderr
    assert "created" not in second.stdout
    assert {path.name: path.read_bytes() for path in [*keys_dir.iterdir(), env_file]} == before


def development_root_keys(data_dir: Path) -> list[str]:
    listing = (data_dir / "dev-keys" / "root-public-keys.txt").read_text().splitlines()
    return [line for line in listing if line and not line.startswith("#")]


def test_a_production_server_refuses_development_root_keys_made_in_another_folder(tmp_path: Path) -> None:
    # Given `kua dev-setup` ran in folder A (another checkout, another laptop)
    assert run_kua("dev-setup", env=kua_env(tmp_path / "a")).returncode == 0
    # When an operator configures production in folder B, where no dev-keys folder exists, with A's root keys
    production = kua_env(
        tmp_path / "b",
        KUA_ENV="production",
        KUA_ROOT_PUBLIC_KEYS=",".join(development_root_keys(tmp_path / "a")),
        KUA_ROOT_THRESHOLD="2",
        KUA_PUSH_CONTACT="mailto:operators@example.org",
    )
    # Then no command starts, and the one line says why
    for command in (["db", "upgrade"], ["serve", "--port", str(free_port())]):
        result = run_kua(*command, env=production)
        assert result.returncode == 1, result.stdout
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert "includes a development root key from `kua dev-setup`, whose secret is public" in result.stderr
    assert not (tmp_path / "b" / "dev-keys").exists()


def test_dev_setup_replaces_a_random_root_key_of_an_older_version(tmp_path: Path) -> None:
    # Given a development folder whose first root key is random, and signed its list (as dev-setup did before)
    set_up_development(tmp_path)
    keys_dir = tmp_path / "dev-keys"
    random_key = RootKey.generate()
    (keys_dir / ROOT_KEY_FILES[0]).unlink()
    write_root_key_file(keys_dir / ROOT_KEY_FILES[0], random_key, None, comment=WARNING)
    now = datetime.now(UTC)
    (keys_dir / "recipient-list.json").write_bytes(
        sign_recipient_list(
            [
                (
                    "Development reviewer",
                    verify_recipient_list(
                        (keys_dir / "recipient-list.json").read_bytes(),
                        root_public_keys=development_root_keys(tmp_path),
                        threshold=2,
                    ).recipients[0],
                )
            ],
            seq=1,
            not_before=now - timedelta(minutes=5),
            not_after=now + timedelta(days=30),
            root_keys=[random_key, development_root_key(2)],
        )
    )
    # When dev-setup runs again
    outcomes = {o.path.name: o for o in set_up_development(tmp_path)}
    # Then the key is the recognisable development key again, and the list is signed anew with a higher seq
    assert outcomes[ROOT_KEY_FILES[0]].action == "updated"
    assert read_root_key_file(keys_dir / ROOT_KEY_FILES[0], None).public_text == development_root_key(1).public_text
    assert outcomes["recipient-list.json"].action == "updated" and "seq 2" in outcomes["recipient-list.json"].what
    assert development_root_keys(tmp_path) == [development_root_key(n).public_text for n in (1, 2)]


def test_dev_setup_renews_an_expired_recipient_list_with_a_higher_seq(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    set_up_development(tmp_path, now=now)
    a_year_later = set_up_development(tmp_path, now=now + timedelta(days=400))
    renewed = next(o for o in a_year_later if o.path.name == "recipient-list.json")
    assert renewed.action == "updated"
    assert "seq 2" in renewed.what
    # and the reporter app's next build pins the renewed list
    deployment = next(o for o in a_year_later if o.path.name == "deployment.json")
    assert deployment.action == "updated"
    assert json.loads(deployment.path.read_text())["recipient_list"] == renewed.path.read_text()
    assert all(o.action == "kept" for o in a_year_later if o not in (renewed, deployment))
