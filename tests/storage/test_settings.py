"""Choosing the blob store from the environment alone: KUA_BLOB_STORE and the KUA_S3_* settings."""

import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from kua import config
from kua.config import Settings, load_settings
from kua.storage.factory import blob_store
from kua.storage.local import LocalBlobStore
from kua.storage.s3 import S3BlobStore


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("KUA_"):
            monkeypatch.delenv(name)
    monkeypatch.setattr(config, "_warned", set())


def development(tmp_path: Path, **values: object) -> Settings:
    return Settings(_env_file=None, env="development", data_dir=tmp_path, **values)  # type: ignore[arg-type]


def test_the_local_folder_is_the_default(tmp_path: Path) -> None:
    store = blob_store(development(tmp_path))
    assert isinstance(store, LocalBlobStore) and store.root == tmp_path.resolve() / "blobs"


def test_an_s3_store_is_built_from_the_environment_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "s3-secret-" + "x" * 30
    for name, value in {
        "KUA_ENV": "development",
        "KUA_DATA_DIR": str(tmp_path),
        "KUA_BLOB_STORE": "s3",
        "KUA_S3_ENDPOINT_URL": "http://127.0.0.1:9",
        "KUA_S3_BUCKET": "kua-reports",
        "KUA_S3_REGION": "eu-central-1",
        "KUA_S3_ACCESS_KEY_ID": "kua-server",
        "KUA_S3_SECRET_ACCESS_KEY": secret,
    }.items():
        monkeypatch.setenv(name, value)
    settings = load_settings()
    store = blob_store(settings)
    assert isinstance(store, S3BlobStore) and store.bucket == "kua-reports"
    assert store.client.meta.region_name == "eu-central-1"
    assert secret not in repr(settings) and secret not in repr(store)


def test_s3_without_a_bucket_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="KUA_S3_BUCKET is empty"):
        development(tmp_path, blob_store="s3")


def test_half_a_key_pair_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="KUA_S3_ACCESS_KEY_ID and KUA_S3_SECRET_ACCESS_KEY"):
        development(tmp_path, blob_store="s3", s3_bucket="kua", s3_access_key_id="kua-server")


def test_production_refuses_a_placeholder_s3_secret(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="KUA_S3_SECRET_ACCESS_KEY is a placeholder"):
        Settings(
            _env_file=None,  # type: ignore[call-arg]
            env="production",
            data_dir=tmp_path,
            blob_store="s3",
            s3_bucket="kua",
            s3_access_key_id="kua-server",
            s3_secret_access_key="changeme",  # type: ignore[arg-type]
        )
