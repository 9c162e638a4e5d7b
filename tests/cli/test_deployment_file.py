"""`kua deployment write`: the operator makes the reporter app's deployment file from the server's settings.

Given a production server whose coalition published a signed list,
when the operator runs `kua deployment write OUT --app-name ...`,
then OUT pins the server's root keys and threshold and carries the published list byte for byte;
with nothing published, or a list signed by other keys, it refuses and writes nothing.
"""

import json
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kua.crypto.keys import generate_identity, identity_to_recipient
from kua.crypto.recipient_list import sign_recipient_list, verify_recipient_list
from kua.crypto.rootkeys import RootKey
from tests.support.server import kua_env, run_kua

pytestmark = pytest.mark.slow

ROOTS = [RootKey.generate() for _ in range(3)]


def signed_list(seq: int, signers: list[RootKey]) -> bytes:
    now = datetime.now(UTC)
    return sign_recipient_list(
        [("Reviewer 1", identity_to_recipient(generate_identity("pq")))],
        seq=seq,
        not_before=now - timedelta(hours=1),
        not_after=now + timedelta(days=30),
        root_keys=signers,
    )


@pytest.fixture
def production_env(tmp_path: Path) -> dict[str, str]:
    env = kua_env(
        tmp_path / "data",
        KUA_ENV="production",
        KUA_ROOT_PUBLIC_KEYS=",".join(key.public_text for key in ROOTS),
        KUA_ROOT_THRESHOLD="2",
        KUA_PUSH_CONTACT="mailto:security@coalition.example.org",
        KUA_METRICS_TOKEN=secrets.token_hex(32),
    )
    upgraded = run_kua("db", "upgrade", env=env)
    assert upgraded.returncode == 0, upgraded.stderr
    return env


def test_the_operator_writes_the_deployment_file_of_the_published_list(
    production_env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "deployment.json"
    # Given nothing published, the command refuses and writes nothing
    refused = run_kua("deployment", "write", str(out), "--app-name", "Заметки", env=production_env)
    assert refused.returncode == 1 and "No recipient list is published" in refused.stderr
    assert not out.exists()

    # When the coalition publishes a list and the operator writes the file
    document = signed_list(1, ROOTS[:2])
    (tmp_path / "list.json").write_bytes(document)
    assert run_kua("recipients", "publish", str(tmp_path / "list.json"), env=production_env).returncode == 0
    written = run_kua("deployment", "write", str(out), "--app-name", "Заметки", env=production_env)
    assert written.returncode == 0, written.stderr
    assert "seq 1" in written.stdout and f"KUA_DEPLOYMENT_FILE={out} npm run build" in written.stdout

    # Then it pins the server's keys and threshold and carries the published list byte for byte
    deployment = json.loads(out.read_text(encoding="utf-8"))
    assert deployment == {
        "version": 1,
        "development": False,
        "app_name": "Заметки",
        "short_name": "Заметки",
        "root_public_keys": [key.public_text for key in ROOTS],
        "threshold": 2,
        "recipient_list": document.decode(),
    }
    verify_recipient_list(
        deployment["recipient_list"].encode(), root_public_keys=deployment["root_public_keys"], threshold=2
    )
    assert out.stat().st_mode & 0o777 == 0o644


def test_a_list_the_phones_would_refuse_is_not_written(production_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "deployment.json"
    for signers, code in ((ROOTS[:1], "too_few_signatures"), ([ROOTS[0], RootKey.generate()], "unknown_signer")):
        (tmp_path / "list.json").write_bytes(signed_list(1, signers))
        refused = run_kua(
            "deployment",
            "write",
            str(out),
            "--app-name",
            "Notes",
            "--list",
            str(tmp_path / "list.json"),
            env=production_env,
        )
        assert refused.returncode == 1 and code in refused.stderr, refused.stderr
        assert not out.exists()


def test_before_the_first_install_a_signed_list_and_the_settings_suffice(tmp_path: Path) -> None:
    # Given no server yet: no database, no data folder; only the ceremony's list and the planned settings
    env = kua_env(
        tmp_path / "no-data-yet",
        KUA_ENV="production",
        KUA_ROOT_PUBLIC_KEYS=",".join(key.public_text for key in ROOTS),
        KUA_ROOT_THRESHOLD="2",
        KUA_PUSH_CONTACT="mailto:security@coalition.example.org",
    )
    document = signed_list(1, ROOTS[1:])
    (tmp_path / "list-1.json").write_bytes(document)
    out = tmp_path / "deployment.json"
    written = run_kua(
        "deployment", "write", str(out), "--app-name", "Notes", "--list", str(tmp_path / "list-1.json"), env=env
    )
    # Then the file carries that list, and nothing else was created
    assert written.returncode == 0, written.stderr
    assert json.loads(out.read_text())["recipient_list"] == document.decode()
    assert not (tmp_path / "no-data-yet").exists()
