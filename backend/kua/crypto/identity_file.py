"""Reviewer identity files: age identities, one per line, optionally sealed with a passphrase."""

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from kua.crypto.age import Identity
from kua.crypto.keys import identity_to_recipient, parse_identity
from kua.crypto.secret_files import read_secret_lines, write_secret_file


def write_identity_file(path: Path, identity: str, passphrase: str | None, comment: str) -> None:
    """Write an identity in age-keygen layout (mode 0600, never overwriting)."""
    comments = [
        comment,
        f"created: {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"public key: {identity_to_recipient(identity)}",
    ]
    write_secret_file(path, [identity], comments=comments, passphrase=passphrase)


def read_identity_file(content: bytes, passphrase: Callable[[], str] | None) -> list[Identity]:
    """Parse every identity in a (possibly sealed) identity file."""
    return [parse_identity(line) for line in read_secret_lines(content, passphrase)]
