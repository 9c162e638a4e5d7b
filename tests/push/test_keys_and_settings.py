"""The VAPID key (`kua push keys`, or the first `kua serve`) and the push settings a production server
insists on."""

import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from kua.config import Settings
from kua.crypto.rootkeys import RootKey
from kua.push import vapid
from kua.push.endpoints import EndpointPolicy, resolves_publicly
from kua.push.payload import ACTIVITY, PLAINTEXT_LENGTH
from tests.support.server import kua_env, run_kua


@pytest.mark.slow
def test_push_keys_creates_the_key_once_and_rotates_only_when_asked(tmp_path: Path) -> None:
    env = kua_env(tmp_path / "data")
    # When the operator creates the key
    created = run_kua("push", "keys", env=env)
    assert created.returncode == 0, created.stderr
    public_key = created.stdout.strip()
    key_file = tmp_path / "data" / "push" / "vapid-private-key.pem"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    loaded = vapid.load(key_file.parent)
    assert loaded is not None and loaded.public_key == public_key
    # Then running it again refuses to replace it
    pem = key_file.read_bytes()
    again = run_kua("push", "keys", env=env)
    assert again.returncode == 1 and "--rotate" in again.stderr
    assert key_file.read_bytes() == pem
    # And --rotate replaces it, warning that every subscription must be renewed
    assert run_kua("db", "upgrade", env=env).returncode == 0
    rotated = run_kua("push", "keys", "--rotate", env=env)
    assert rotated.returncode == 0, rotated.stderr
    assert rotated.stdout.strip() != public_key and "subscribe again" in rotated.stderr
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_every_push_has_the_same_fixed_plaintext() -> None:
    assert len(ACTIVITY) == PLAINTEXT_LENGTH and ACTIVITY.startswith(b'{"v":1,"kind":"activity"}')


def production(tmp_path: Path, **values: object) -> Settings:
    values = {
        "env": "production",
        "root_public_keys": [RootKey.generate().public_text],
        "push_contact": "mailto:security@coalition.example.org",
        **values,
    }
    return Settings(_env_file=None, data_dir=tmp_path, **values)  # type: ignore[arg-type]


def test_production_needs_a_real_push_contact_and_no_loopback(tmp_path: Path) -> None:
    assert production(tmp_path).push_contact == "mailto:security@coalition.example.org"
    with pytest.raises(ValidationError, match="KUA_PUSH_CONTACT is a placeholder"):
        production(tmp_path, push_contact="mailto:push@kua.invalid")
    with pytest.raises(ValidationError, match="mailto: or https://"):
        production(tmp_path, push_contact="push@coalition.example.org")
    with pytest.raises(ValidationError, match="KUA_PUSH_ALLOW_LOOPBACK is for development"):
        production(tmp_path, push_allow_loopback=True)
    hosts = production(tmp_path, push_service_hosts="FCM.googleapis.com, push.example.org").push_service_hosts
    assert hosts == ["fcm.googleapis.com", "push.example.org"]


def test_an_endpoint_is_sent_to_only_if_its_name_resolves_to_public_addresses() -> None:
    assert not resolves_publicly("https://localhost/push")
    assert not resolves_publicly("https://no-such-host.invalid/push")
    assert not EndpointPolicy((), allow_loopback=False).allows_loopback("http://127.0.0.1:1/push")
