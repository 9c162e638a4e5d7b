"""Files that hold secret key lines: plain (with `#` comments) or sealed with an age passphrase.

Used for reviewer identity files (compatible with `age -d -i` once unsealed) and root key files.
"""

import os
from collections.abc import Callable
from pathlib import Path

from kua.crypto import age
from kua.crypto.age.header import AGE_MAGIC
from kua.crypto.age.scrypt import DEFAULT_WORK_FACTOR, ScryptIdentity, ScryptRecipient
from kua.crypto.errors import MalformedError, NoIdentityMatchError


class WrongPassphraseError(NoIdentityMatchError):
    """The passphrase does not open the key file."""


def write_secret_file(
    path: Path,
    secret_lines: list[str],
    *,
    comments: list[str],
    passphrase: str | None,
    work_factor: int = DEFAULT_WORK_FACTOR,
) -> None:
    """Write secret lines (after `# ` comments), sealed under `passphrase` unless it is None.

    The file is created with mode 0600 and never overwrites an existing one.
    """
    text = "".join(f"# {c}\n" for c in comments) + "".join(f"{s}\n" for s in secret_lines)
    content = text.encode("utf-8")
    if passphrase is not None:
        content = age.encrypt_bytes(content, [ScryptRecipient(passphrase, work_factor)])
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def is_sealed(content: bytes) -> bool:
    return content.startswith(AGE_MAGIC)


def read_secret_lines(content: bytes, passphrase: Callable[[], str] | None) -> list[str]:
    """The non-comment lines of a key file, unsealing it with the passphrase if it is sealed."""
    if is_sealed(content):
        if passphrase is None:
            raise WrongPassphraseError("This key file is protected by a passphrase; none was given.")
        try:
            content = age.decrypt_bytes(content, [ScryptIdentity(passphrase())])
        except NoIdentityMatchError:
            raise WrongPassphraseError("The passphrase does not open this key file.") from None
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedError("The key file is neither text nor an age file.") from None
    lines = [line.strip() for line in text.splitlines()]
    secrets = [line for line in lines if line and not line.startswith("#")]
    if not secrets:
        raise MalformedError("The key file holds no key.")
    return secrets
