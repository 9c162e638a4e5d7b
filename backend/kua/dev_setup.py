"""Development keys and settings for a laptop (`kua dev-setup`), never for real reports.

Creates, only where missing, two development root keys, one development reviewer identity, a
recipient list they sign (2 of 2), and the env file that points the server at them and says the address
it serves on (KUA_PUBLIC_BASE_URL, which `make run PORT=...` sets), so that the links `kua` commands
print open the running server. The root keys are
the fixed development keys of `kua.crypto.rootkeys` (their secrets are public), which every production
server refuses; a root key file an older `kua dev-setup` filled with a random key is replaced by them.
The root public keys are also listed in `root-public-keys.txt`, for people and scripts.
"""

import base64
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from kua.config import DEV_ROOT_PUBLIC_KEYS_FILENAME
from kua.crypto.errors import CryptoError
from kua.crypto.identity_file import write_identity_file
from kua.crypto.keys import generate_identity, identity_to_recipient
from kua.crypto.recipient_list import RecipientListError, sign_recipient_list, verify_recipient_list
from kua.crypto.rootkeys import RootKey, development_root_key, read_root_key_file, write_root_key_file
from kua.crypto.secret_files import read_secret_lines

WARNING = "DEVELOPMENT KEY — NEVER USE FOR REAL REPORTS"
ROOT_KEY_FILES = ("DEVELOPMENT-KEY-root-1.txt", "DEVELOPMENT-KEY-root-2.txt")
REVIEWER_IDENTITY_FILE = "DEVELOPMENT-KEY-reviewer-identity.txt"
REVIEWER_NAME = "Development reviewer"
RECIPIENT_LIST_FILE = "recipient-list.json"
DEPLOYMENT_FILE = "deployment.json"
DEV_APP_NAME = "Заметки (DEV)"  # neutral on the home screen; "DEV" so nobody mistakes it for the real app
ENV_FILE = "kua.dev.env"
THRESHOLD = 2
LIST_VALIDITY = timedelta(days=365)
CLOCK_SKEW = timedelta(minutes=5)  # a phone whose clock is a little behind still accepts the list

LISTING_HEADER = (WARNING, "Root public keys made by `kua dev-setup`: Kua refuses them outside development.")

Action = Literal["created", "kept", "updated"]


@dataclass(frozen=True)
class Outcome:
    action: Action
    path: Path
    what: str


def set_up_development(
    data_dir: Path, *, now: datetime | None = None, public_base_url: str = "http://127.0.0.1:8000"
) -> list[Outcome]:
    """Create what is missing under `data_dir`; keep every key that already exists."""
    now = now or datetime.now(UTC)
    keys_dir = data_dir / "dev-keys"
    keys_dir.mkdir(parents=True, exist_ok=True)
    outcomes: list[Outcome] = []

    root_keys = []
    for number, filename in enumerate(ROOT_KEY_FILES, start=1):
        key, outcome = _root_key(keys_dir / filename, development_root_key(number))
        root_keys.append(key)
        outcomes.append(outcome)
    root_public_keys = [key.public_text for key in root_keys]
    listing = "".join(f"# {line}\n" for line in LISTING_HEADER) + "".join(f"{k}\n" for k in root_public_keys)
    outcomes.append(_write_if_changed(keys_dir / DEV_ROOT_PUBLIC_KEYS_FILENAME, listing, "root public keys"))

    recipient, outcome = _reviewer(keys_dir / REVIEWER_IDENTITY_FILE)
    outcomes.append(outcome)
    outcomes.append(_recipient_list(keys_dir / RECIPIENT_LIST_FILE, recipient, root_keys, now))
    outcomes.append(_deployment(keys_dir, root_public_keys))
    outcomes.append(_env_file(data_dir, root_public_keys, public_base_url))
    return outcomes


def _root_key(path: Path, key: RootKey) -> tuple[RootKey, Outcome]:
    action: Action = "created"
    if path.exists():
        if read_root_key_file(path, None).public_text == key.public_text:
            return key, Outcome("kept", path, "development root key")
        path.unlink()  # a random key of an older dev-setup: no server elsewhere could recognise it
        action = "updated"
    write_root_key_file(path, key, None, comment=WARNING)
    return key, Outcome(action, path, "development root key")


def _reviewer(path: Path) -> tuple[str, Outcome]:
    if path.exists():
        identity = read_secret_lines(path.read_bytes(), None)[0]
        return identity_to_recipient(identity), Outcome("kept", path, "development reviewer identity")
    identity = generate_identity("pq")
    write_identity_file(path, identity, None, comment=WARNING)
    return identity_to_recipient(identity), Outcome("created", path, "development reviewer identity")


def _recipient_list(path: Path, recipient: str, root_keys: list[RootKey], now: datetime) -> Outcome:
    what = f"recipient list ({THRESHOLD} of {len(root_keys)} development root keys)"
    previous_seq = 0
    if path.exists():
        signed = path.read_bytes()
        try:
            verified = verify_recipient_list(
                signed, root_public_keys=[k.public_text for k in root_keys], threshold=THRESHOLD, now=now
            )
        except RecipientListError:
            previous_seq = _seq_of(signed)
        else:
            if verified.recipients == [recipient]:
                return Outcome("kept", path, what)
            previous_seq = verified.seq
    signed = sign_recipient_list(
        [(REVIEWER_NAME, recipient)],
        seq=previous_seq + 1,
        not_before=now - CLOCK_SKEW,
        not_after=now + LIST_VALIDITY,
        root_keys=root_keys,
    )
    _replace(path, signed)
    return Outcome("updated" if previous_seq else "created", path, f"{what}, seq {previous_seq + 1}")


def _deployment(keys_dir: Path, root_public_keys: list[str]) -> Outcome:
    """What the reporter app's build pins (docs/reporter-app.md, "Deployment file"): development values."""
    deployment = {
        "version": 1,
        "development": True,
        "app_name": DEV_APP_NAME,
        "short_name": DEV_APP_NAME,
        "root_public_keys": root_public_keys,
        "threshold": THRESHOLD,
        "recipient_list": (keys_dir / RECIPIENT_LIST_FILE).read_text(encoding="utf-8"),
    }
    content = json.dumps(deployment, ensure_ascii=False, indent=2) + "\n"
    return _write_if_changed(keys_dir / DEPLOYMENT_FILE, content, "reporter app deployment file (KUA_DEPLOYMENT_FILE)")


def _seq_of(signed: bytes) -> int:
    """The sequence number of an expired or stale list, so its replacement is never a rollback."""
    try:
        seq = json.loads(base64.b64decode(json.loads(signed)["payload"]))["seq"]
    except (ValueError, KeyError, TypeError, CryptoError):
        return 0
    return seq if isinstance(seq, int) else 0


def _env_file(data_dir: Path, root_public_keys: list[str], public_base_url: str) -> Outcome:
    path = data_dir / ENV_FILE
    content = (
        f"# Written by `kua dev-setup`: {WARNING.replace('KEY', 'SETTINGS')}.\n"
        "KUA_ENV=development\n"
        f"KUA_DATA_DIR={data_dir.resolve()}\n"
        f"KUA_ROOT_PUBLIC_KEYS={','.join(root_public_keys)}\n"
        f"KUA_ROOT_THRESHOLD={THRESHOLD}\n"
        f"KUA_PUBLIC_BASE_URL={public_base_url}\n"
    )
    return _write_if_changed(path, content, "development settings (KUA_ENV_FILE)")


def _write_if_changed(path: Path, content: str, what: str) -> Outcome:
    if path.exists():
        if path.read_text(encoding="utf-8") == content:
            return Outcome("kept", path, what)
        _replace(path, content.encode("utf-8"))
        return Outcome("updated", path, what)
    _replace(path, content.encode("utf-8"))
    return Outcome("created", path, what)


def _replace(path: Path, content: bytes) -> None:
    """Write a whole file at once (mode 0600): a crash leaves the old one or the new one."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
