"""Settings: a production server refuses placeholder secrets and development keys; a laptop warns; a
retired setting is ignored with a warning."""

import logging
import os
import re
import secrets
from pathlib import Path

import pytest
from pydantic import ValidationError

from kua import config
from kua.config import Settings, load_settings
from kua.crypto.rootkeys import RootKey, development_root_key, is_development_root_key
from kua.dev_setup import set_up_development

REAL_SECRET = secrets.token_urlsafe(48)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No KUA_* variable from the developer's shell, and every warning counted afresh."""
    for name in list(os.environ):
        if name.startswith("KUA_"):
            monkeypatch.delenv(name)
    monkeypatch.setattr(config, "_warned", set())


def settings(data_dir: Path, **values: object) -> Settings:
    return Settings(_env_file=None, data_dir=data_dir, **values)  # type: ignore[arg-type]


def a_root_key() -> str:
    return RootKey.generate().public_text


def test_production_refuses_to_run_without_root_keys(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="KUA_ROOT_PUBLIC_KEYS is empty"):
        settings(tmp_path, env="production")


def test_production_is_the_default(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="Refusing to run outside development"):
        settings(tmp_path)


def test_production_starts_with_real_secrets_and_root_keys(tmp_path: Path) -> None:
    keys = [a_root_key(), a_root_key()]
    loaded = settings(
        tmp_path,
        env="production",
        root_public_keys=keys,
        root_threshold=2,
        push_contact="mailto:security@coalition.example.org",
        blob_store="s3",
        s3_bucket="kua-reports",
        s3_access_key_id="kua",
        s3_secret_access_key=REAL_SECRET,
    )
    assert loaded.root_public_keys == keys
    assert REAL_SECRET not in repr(loaded)


@pytest.mark.parametrize("token", ["changeme", "short-token"])
def test_production_refuses_a_guessable_metrics_token(tmp_path: Path, token: str) -> None:
    production = {"env": "production", "root_public_keys": [a_root_key()], "push_contact": "mailto:ops@example.org"}
    with pytest.raises(ValidationError, match="KUA_METRICS_TOKEN is a placeholder or shorter than 32"):
        settings(tmp_path, metrics_token=token, **production)
    assert settings(tmp_path, metrics_token=REAL_SECRET, **production).metrics_token is not None


def test_development_accepts_placeholders_with_one_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="kua.config"):
        settings(tmp_path, env="development")
        settings(tmp_path, env="development")
    contact_warnings = [r for r in caplog.records if "KUA_PUSH_CONTACT" in r.getMessage()]
    assert len(contact_warnings) == 1
    assert contact_warnings[0].levelno == logging.WARNING


def test_an_old_env_file_with_the_retired_secret_key_still_starts_a_production_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Given a production env file written when Kua still asked for KUA_SECRET_KEY, which nothing read
    env_file = tmp_path / "kua.env"
    env_file.write_text(
        f"KUA_SECRET_KEY={REAL_SECRET}\nKUA_ROOT_PUBLIC_KEYS={a_root_key()}\n"
        "KUA_PUSH_CONTACT=mailto:security@coalition.example.org\n"
    )
    monkeypatch.setenv("KUA_ENV_FILE", str(env_file))
    monkeypatch.setenv("KUA_DATA_DIR", str(tmp_path / "var"))
    # When the settings load (twice, as the server and its recorder process each load them)
    with caplog.at_level(logging.WARNING, logger="kua.config"):
        loaded = load_settings()
        load_settings()
    # Then they load, the key is kept nowhere, and one warning line says it is no longer used
    assert loaded.env == "production"
    assert REAL_SECRET not in repr(loaded) and not hasattr(loaded, "secret_key")
    assert [r.getMessage() for r in caplog.records] == [
        "KUA_SECRET_KEY is set but no longer used; remove it from the settings."
    ]


def test_the_retired_secret_key_in_the_environment_is_ignored_with_the_same_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("KUA_SECRET_KEY", REAL_SECRET)
    with caplog.at_level(logging.WARNING, logger="kua.config"):
        settings(tmp_path, env="production", root_public_keys=[a_root_key()], push_contact="mailto:a@example.org")
    assert [r.getMessage() for r in caplog.records] == [
        "KUA_SECRET_KEY is set but no longer used; remove it from the settings."
    ]


@pytest.mark.parametrize("made_in", ["the data folder", "another folder"])
def test_production_refuses_a_development_root_key(tmp_path: Path, made_in: str) -> None:
    # Given `kua dev-setup` made development root keys, in this data folder or on another machine
    laptop = tmp_path / ("data" if made_in == "the data folder" else "laptop")
    set_up_development(laptop)
    development_key = (laptop / "dev-keys" / "root-public-keys.txt").read_text().splitlines()[-1]
    # When an operator puts one of them in the production settings, Then Kua refuses to start
    with pytest.raises(ValidationError, match="development root key"):
        settings(
            tmp_path / "data",
            env="production",
            root_public_keys=[a_root_key(), development_key],
        )


def test_development_root_keys_are_recognised_by_the_key_alone() -> None:
    assert is_development_root_key(development_root_key(2).public_text)
    assert not is_development_root_key(RootKey.generate().public_text)


def test_the_app_build_refuses_the_same_development_root_keys() -> None:
    # frontend/build/deployment.ts lists them so that only a development build may pin them
    source = (Path(__file__).resolve().parents[2] / "frontend" / "build" / "deployment.ts").read_text()
    listed = source.split("DEVELOPMENT_ROOT_PUBLIC_KEYS: readonly string[] = [", 1)[1].split("];", 1)[0]
    assert re.findall(r"kuaroot1[a-z0-9]+", listed) == [development_root_key(n).public_text for n in (1, 2)]


def test_the_threshold_cannot_exceed_the_root_keys(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="KUA_ROOT_THRESHOLD is 3"):
        settings(tmp_path, env="development", root_public_keys=[a_root_key(), a_root_key()], root_threshold=3)


def test_a_root_key_must_look_like_one(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="not a root public key"):
        settings(tmp_path, env="development", root_public_keys=["kuaroot1notreallyakey"])


def test_settings_come_from_kua_variables_and_the_env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = a_root_key(), a_root_key()
    env_file = tmp_path / "kua.env"
    env_file.write_text(f"KUA_ENV=development\nKUA_ROOT_PUBLIC_KEYS={first} , {second}\nKUA_ROOT_THRESHOLD=1\n")
    monkeypatch.setenv("KUA_ENV_FILE", str(env_file))
    monkeypatch.setenv("KUA_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("KUA_ROOT_THRESHOLD", "2")  # the environment wins over the file
    loaded = load_settings()
    assert loaded.env == "development"
    assert loaded.root_public_keys == [first, second]
    assert loaded.root_threshold == 2
    assert loaded.database_url == f"sqlite:///{tmp_path / 'var' / 'kua.sqlite3'}"


def test_a_missing_env_file_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUA_ENV_FILE", str(tmp_path / "absent.env"))
    with pytest.raises(config.ConfigurationError, match="does not exist"):
        load_settings()


def test_limits_have_their_documented_defaults(tmp_path: Path) -> None:
    loaded = settings(tmp_path, env="development")
    assert (loaded.max_report_bytes, loaded.max_attachment_bytes) == (2 * 1024 * 1024, 50 * 1024 * 1024)
    assert loaded.upload_expiry_days == 2
    assert loaded.report_reserve_bytes == 2 * 1024 * 1024 * 1024  # 10 % of 20 GiB
    assert loaded.public_base_url == "http://127.0.0.1:8000"
    assert not loaded.is_https
