"""Kua's settings, read from `KUA_*` environment variables and the env file named by `KUA_ENV_FILE`.

Outside development the settings refuse to load with placeholder secrets, without root keys, or with
a development root key of `kua dev-setup`, recognised by the key itself wherever it was made
(kua.crypto.rootkeys): a misconfigured server must not start at all.
A retired setting that an old env file still sets is ignored, with one warning.
"""

import logging
import os
from pathlib import Path
from typing import Annotated, Literal, Self

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from kua.crypto.errors import MalformedError
from kua.crypto.rootkeys import is_development_root_key, parse_root_public_key

logger = logging.getLogger(__name__)

MiB = 1024 * 1024
PLACEHOLDER_SECRETS = frozenset({"changethis", "changeme", "secret"})
# A cold install and one report with a small photo make 3 API writes (an upload's creation, its PATCH, the
# report's PUT; a 3 MB photo: 2 more PATCHes); 20 phones behind one carrier address at once: 60 to 100,
# twice that for retries and status questions (tests/browser/test_reporter_crowd.py).
WRITES_BURST = 200
WRITES_PER_MINUTE = 240
MIN_TOKEN_LENGTH = 32  # KUA_METRICS_TOKEN: guessing must not be an option
# Settings Kua once had and reads no more: an env file that still sets one must not stop the server.
RETIRED_SETTINGS = frozenset({"secret_key"})
DEV_KEYS_DIRNAME = "dev-keys"
DEV_ROOT_PUBLIC_KEYS_FILENAME = "root-public-keys.txt"
DEV_PUSH_CONTACT = "mailto:push@kua.invalid"
# The push services of Chrome and most Chromium browsers, Firefox, Safari, and Edge (docs/push.md).
PUSH_SERVICE_HOSTS = ("fcm.googleapis.com", "push.services.mozilla.com", "push.apple.com", "notify.windows.com")

# A built package carries the migrations and the reporter app inside it (setup.py); an editable install keeps the
# package in <repo>/backend/kua and reads them from the checkout. KUA_MIGRATIONS_DIR/KUA_FRONTEND_DIR override both.
_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_ROOT = _PACKAGE_DIR.parents[1]


def _bundled_or_checkout(bundled: str, checkout: str) -> Path:
    """`kua/<bundled>` in an installed package, else `<checkout>` in the source tree."""
    inside = _PACKAGE_DIR / bundled
    return inside if inside.is_dir() else _REPO_ROOT / checkout


_warned: set[str] = set()


class ConfigurationError(ValueError):
    """The settings are unsafe or inconsistent; the message says which one and why."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KUA_", env_file_encoding="utf-8", extra="ignore")

    env: Literal["development", "production"] = "production"
    data_dir: Path = Path("./var")
    database_url: str = ""  # empty means SQLite inside data_dir
    public_base_url: str = "http://127.0.0.1:8000"
    console_base_url: str | None = None
    """The console's own address (https://review.example.org); when set, the reporter's host shows nothing
    of the console (kua.api.console_host) and invitation links use it."""
    root_public_keys: Annotated[list[str], NoDecode] = Field(default_factory=list)
    root_threshold: int = Field(default=1, ge=1)
    max_report_bytes: int = Field(default=2 * MiB, gt=0)
    max_attachment_bytes: int = Field(default=50 * MiB, gt=0)
    # An unfinished upload without progress for this long is reclaimed (docs/intake.md#room-for-reports).
    upload_expiry_days: int = Field(default=2, gt=0)
    # How often the running server deletes expired uploads, in seconds.
    upload_sweep_seconds: float = Field(default=300.0, gt=0)
    # Total ciphertext the server holds (reports + bytes of attachments received); beyond it, 507.
    storage_quota_bytes: int = Field(default=20 * 1024 * MiB, gt=0)
    # The share of the quota only reports may fill: uploads stop short of it (at least one report of the maximum size).
    report_reserve_percent: int = Field(default=10, ge=1, le=90)
    # Unfinished uploads one client pseudonym may hold (count, declared bytes), and all clients together.
    max_unfinished_uploads_per_client: int = Field(default=64, gt=0)
    max_unfinished_upload_bytes_per_client: int = Field(default=1024 * MiB, gt=0)
    max_unfinished_uploads: int = Field(default=10_000, gt=0)
    # How slowly a request body may arrive (kua.intake.pace): an average of at least this many bytes a second
    # once the grace period has passed; slower bodies are refused with 408.
    body_grace_seconds: float = Field(default=30.0, gt=0)
    body_min_bytes_per_second: float = Field(default=512.0, gt=0)
    # Requests with a body (PUT, PATCH, POST) in progress at once, per client pseudonym and in all (429, 503).
    max_body_requests_per_client: int = Field(default=64, gt=0)
    max_body_requests: int = Field(default=512, gt=0)
    # API writes (every method but GET and HEAD) per minute from one (hashed) client address, and the
    # burst it may spend at once: room for 20 phones behind one carrier address each installing the app
    # and sending a report with a photo at once (kua.api.rate_limit).
    rate_limit_per_minute: int = Field(default=WRITES_PER_MINUTE, gt=0)
    rate_limit_burst: int = Field(default=WRITES_BURST, gt=0)
    # API reads with no body (GET, HEAD under /api/): a bucket of their own; unset, the same numbers as writes.
    read_rate_limit_per_minute: int | None = Field(default=None, gt=0)
    read_rate_limit_burst: int | None = Field(default=None, gt=0)
    # Sign-in attempts per client, on top of the above (kua.api.rate_limit, docs/review.md)
    sign_in_per_minute: int = Field(default=5, gt=0)
    sign_in_burst: int = Field(default=10, gt=0)
    frontend_dir: Path = Field(default_factory=lambda: _bundled_or_checkout("_frontend", "frontend/dist"))
    migrations_dir: Path = Field(default_factory=lambda: _bundled_or_checkout("_migrations", "migrations"))
    # Where report and attachment ciphertext goes: data_dir/blobs, or an S3-compatible bucket
    # (docs/deploy.md). Without KUA_S3_* keys, boto3 takes AWS_ACCESS_KEY_ID and the rest of its chain.
    blob_store: Literal["local", "s3"] = "local"
    s3_endpoint_url: str = ""  # empty means AWS S3 itself
    s3_bucket: str = ""
    s3_region: str = "us-east-1"
    s3_access_key_id: SecretStr | None = None
    s3_secret_access_key: SecretStr | None = None
    # What `kua serve` logs of its own: INFO includes one line per request (method, route, status); WARNING
    # keeps problems only. Never a client address either way (kua.api.log_config).
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # The bearer token a Prometheus scraper sends for /metrics; unset, /metrics answers 404 (docs/operations.md).
    metrics_token: SecretStr | None = None
    # Web Push (docs/push.md): the VAPID contact push services may write to (mailto: or https:), how
    # long a push may wait at the push service for an offline browser, how long one request may take.
    push_contact: str = DEV_PUSH_CONTACT
    push_reviewer_ttl_seconds: int = Field(default=12 * 3600, gt=0)
    push_reporter_ttl_seconds: int = Field(default=7 * 24 * 3600, gt=0)
    push_timeout_seconds: float = Field(default=10.0, gt=0)
    # Domain suffixes of the push services Kua POSTs to; empty allows any public host name.
    push_service_hosts: Annotated[list[str], NoDecode] = Field(default_factory=lambda: list(PUSH_SERVICE_HOSTS))
    # Development and tests only: also accept http://127.0.0.1 endpoints (a local push-service stub).
    push_allow_loopback: bool = False

    @model_validator(mode="before")
    @classmethod
    def _ignore_retired_settings(cls, values: object) -> object:
        """Drop a retired setting (from an env file, or given by name), and say once that it is unused."""
        names = {name.lower().removeprefix("kua_") for name in os.environ if name.lower().startswith("kua_")}
        if isinstance(values, dict):
            names |= {str(name).lower() for name in values}
            values = {name: value for name, value in values.items() if str(name).lower() not in RETIRED_SETTINGS}
        for name in sorted(names & RETIRED_SETTINGS):
            _warn_once(f"KUA_{name.upper()} is set but no longer used; remove it from the settings.")
        return values

    @field_validator("root_public_keys", "push_service_hosts", mode="before")
    @classmethod
    def _split_comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("root_public_keys")
    @classmethod
    def _parse_as_root_keys(cls, keys: list[str]) -> list[str]:
        for key in keys:
            try:
                parse_root_public_key(key)
            except MalformedError:
                raise ValueError(f"{key[:16]!r}... is not a root public key (kuaroot1...).") from None
        if len(set(keys)) != len(keys):
            raise ValueError("KUA_ROOT_PUBLIC_KEYS lists the same root key twice.")
        return keys

    @field_validator("push_contact")
    @classmethod
    def _contact_is_mailto_or_https(cls, contact: str) -> str:
        if not contact.startswith(("mailto:", "https://")):
            raise ValueError("KUA_PUSH_CONTACT must be a mailto: or https:// address.")
        return contact

    @field_validator("push_service_hosts")
    @classmethod
    def _lowercase_hosts(cls, hosts: list[str]) -> list[str]:
        return [host.lower().strip(".") for host in hosts]

    @field_validator("public_base_url")
    @classmethod
    def _strip_trailing_slash(cls, url: str) -> str:
        return url.rstrip("/")

    @field_validator("console_base_url")
    @classmethod
    def _console_url(cls, url: str | None) -> str | None:
        return (url.rstrip("/") or None) if url else None

    @property
    def console_url(self) -> str:
        """Where reviewers open the console: its own address, or the reporter's."""
        return self.console_base_url or self.public_base_url

    @model_validator(mode="after")
    def _check_consistency_and_safety(self) -> Self:
        self.data_dir = self.data_dir.resolve()
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'kua.sqlite3'}"
        self._check_object_store()
        if self.push_allow_loopback and self.env != "development":
            raise ConfigurationError("KUA_PUSH_ALLOW_LOOPBACK is for development and tests only.")
        if self.root_public_keys and self.root_threshold > len(self.root_public_keys):
            raise ConfigurationError(
                f"KUA_ROOT_THRESHOLD is {self.root_threshold} but only "
                f"{len(self.root_public_keys)} root public keys are configured."
            )
        problems = self._unsafe_for_production()
        if problems and self.env != "development":
            raise ConfigurationError("Refusing to run outside development: " + " ".join(problems))
        for problem in problems:
            _warn_once(f"Accepted in development only: {problem}")
        return self

    def _check_object_store(self) -> None:
        if self.blob_store != "s3":
            return
        if not self.s3_bucket:
            raise ConfigurationError("KUA_BLOB_STORE is s3 but KUA_S3_BUCKET is empty.")
        if (self.s3_access_key_id is None) != (self.s3_secret_access_key is None):
            raise ConfigurationError("Set both KUA_S3_ACCESS_KEY_ID and KUA_S3_SECRET_ACCESS_KEY, or neither.")

    @property
    def is_https(self) -> bool:
        return self.public_base_url.startswith("https://")

    @property
    def report_reserve_bytes(self) -> int:
        """Room in the quota that uploads never take, so a family's report always fits."""
        return max(self.storage_quota_bytes * self.report_reserve_percent // 100, self.max_report_bytes)

    @property
    def blobs_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def push_dir(self) -> Path:
        """Where the VAPID key is kept (kua.push.vapid)."""
        return self.data_dir / "push"

    @property
    def dev_keys_dir(self) -> Path:
        return self.data_dir / DEV_KEYS_DIRNAME

    def _unsafe_for_production(self) -> list[str]:
        problems = []
        if not self.root_public_keys:
            problems.append("KUA_ROOT_PUBLIC_KEYS is empty; phones could not verify a recipient list.")
        s3_secret = self.s3_secret_access_key.get_secret_value() if self.s3_secret_access_key else None
        if self.blob_store == "s3" and s3_secret in PLACEHOLDER_SECRETS:
            problems.append("KUA_S3_SECRET_ACCESS_KEY is a placeholder; set the object store's real key.")
        metrics_token = self.metrics_token.get_secret_value() if self.metrics_token else None
        if metrics_token is not None and (
            metrics_token in PLACEHOLDER_SECRETS or len(metrics_token) < MIN_TOKEN_LENGTH
        ):
            problems.append(
                f"KUA_METRICS_TOKEN is a placeholder or shorter than {MIN_TOKEN_LENGTH} characters; "
                "make one with `openssl rand -hex 32`."
            )
        if self.push_contact == DEV_PUSH_CONTACT:
            problems.append("KUA_PUSH_CONTACT is a placeholder; set a mailto: or https: address push services can use.")
        if any(is_development_root_key(key) for key in self.root_public_keys):
            problems.append(
                "KUA_ROOT_PUBLIC_KEYS includes a development root key from `kua dev-setup`, whose secret is"
                " public; hold a root-key ceremony (docs/deploy.md) and configure its keys."
            )
        return problems


def _warn_once(message: str) -> None:
    """Log `message` as a warning the first time this process sees it (settings load more than once)."""
    if message not in _warned:
        _warned.add(message)
        logger.warning("%s", message)


def load_settings() -> Settings:
    """Fresh settings from the environment and the env file named by KUA_ENV_FILE, if any."""
    env_file = os.environ.get("KUA_ENV_FILE") or None
    if env_file is not None and not Path(env_file).is_file():
        raise ConfigurationError(f"KUA_ENV_FILE names {env_file}, which does not exist.")
    return Settings(_env_file=env_file)
