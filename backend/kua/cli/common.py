"""What every `kua` command shares: reading passphrases and failing with one clear line."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import typer

from kua.crypto.errors import CryptoError


def fail(message: str) -> NoReturn:
    """Print one line on stderr and exit non-zero."""
    print(f"kua: error: {message}", file=sys.stderr)
    raise typer.Exit(code=1)


@contextmanager
def clear_errors() -> Iterator[None]:
    """Turn crypto and file errors into one line on stderr and exit status 1."""
    try:
        yield
    except CryptoError as error:
        fail(str(error))
    except OSError as error:
        fail(f"{error.strerror or error}: {error.filename}" if error.filename else str(error))


def read_passphrase_file(path: Path) -> str:
    """The first line of a passphrase file, without its line ending."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0]:
        fail(f"The passphrase file {path} is empty.")
    return lines[0]


def new_passphrase(passphrase_file: Path | None) -> str:
    """A passphrase for a new key file: from a file, or asked twice on the terminal."""
    if passphrase_file is not None:
        return read_passphrase_file(passphrase_file)
    if not sys.stdin.isatty():
        fail("No terminal to ask for a passphrase: use --passphrase-file (or --no-passphrase).")
    passphrase: str = typer.prompt("Passphrase", hide_input=True, confirmation_prompt=True)
    return passphrase


def existing_passphrase(passphrase_file: Path | None) -> Callable[[], str]:
    """A passphrase for an existing key file, asked only if the file turns out to be sealed."""

    def ask() -> str:
        if passphrase_file is not None:
            return read_passphrase_file(passphrase_file)
        if not sys.stdin.isatty():
            fail("The key file is protected by a passphrase: use --passphrase-file.")
        passphrase: str = typer.prompt("Passphrase", hide_input=True)
        return passphrase

    return ask
