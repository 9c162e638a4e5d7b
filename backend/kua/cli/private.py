"""Kua's files are for the account that runs it: folders 0700, files 0600, whatever the umask.

The data folder holds the SQLite database (password hashes, TOTP secrets, session and CSRF tokens),
stored reports, uploads and keys. Every `kua` command sets the umask to 077 before it creates anything,
so each file and folder it makes (the database and its -wal/-shm, blobs, uploads, exports, identity
files) is private from birth, even under a shell's usual 022. At `kua serve` and `kua db upgrade`, what
an older Kua or a careless copy left readable is fixed: the data folder, everything directly in it
and the SQLite database's files. Deeper files need no walk: no other account can enter a 0700 folder.
"""

import os
import stat
from pathlib import Path

PRIVATE_UMASK = 0o077
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def keep_files_private() -> None:
    """From now on, this process creates files 0600 and folders 0700 (whatever mode the code asks)."""
    os.umask(PRIVATE_UMASK)


def make_private(data_dir: Path, database_url: str) -> None:
    """Create the data folder if missing, and take from group and others what they could read in it."""
    data_dir.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    _restrict(data_dir)
    for entry in data_dir.iterdir():
        _restrict(entry)
    database = _sqlite_path(database_url)
    if database is not None:
        for suffix in SQLITE_COMPANIONS:
            _restrict(database.with_name(database.name + suffix))


def _restrict(path: Path) -> None:
    """chmod a folder 0700 and a file 0600; symbolic links and missing paths are left alone."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        path.chmod(PRIVATE_FOLDER)
    elif stat.S_ISREG(mode):
        path.chmod(PRIVATE_FILE)


def _sqlite_path(database_url: str) -> Path | None:
    from sqlalchemy.engine import make_url  # here: most commands never load SQLAlchemy

    url = make_url(database_url)
    if not url.drivername.startswith("sqlite") or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)
