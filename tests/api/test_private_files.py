"""Other accounts on the server's machine read nothing of Kua's: the data folder 0700, every file 0600
(issue 16, finding 8), whatever the umask `kua` was started with.

Given a shell with the usual umask 022 and a data folder an older Kua left open (0755, a database
0644), a real `kua db upgrade` and `kua serve` take a report and photos; then nothing under the data
folder is open to group or others, the database's -wal and -shm included.
"""

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.intake.reporter import new_report_id, seal_report, send_report
from tests.support.server import RunningServer
from tests.uploads.phone import create, patch, seal_photo, send_whole

pytestmark = pytest.mark.slow


@pytest.fixture
def usual_umask() -> Iterator[None]:
    """The umask of a usual login shell, inherited by the `kua` processes the test starts."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def open_to_others(data_dir: Path) -> list[str]:
    """Everything under `data_dir` (itself included) that group or others may read, write or enter."""
    found = []
    for path in [data_dir, *data_dir.rglob("*")]:
        mode = path.lstat().st_mode
        if not stat.S_ISLNK(mode) and mode & 0o077:
            found.append(f"{path.relative_to(data_dir.parent)} {stat.filemode(mode)}")
    return found


def test_the_data_folder_and_every_file_in_it_are_private(tmp_path: Path, usual_umask: None) -> None:
    # Given a data folder left open by an older Kua, with a database file anyone could read
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    (data_dir / "kua.sqlite3").touch(mode=0o644)
    (data_dir / "kua.sqlite3").chmod(0o644)
    with RunningServer(data_dir) as server:
        # When a phone sends a report, a photo, and half of another photo
        response = send_report(server.base_url, new_report_id(), seal_report("Задержали троих."))
        assert response.status_code == 201, response.text
        assert send_whole(server, seal_photo(100_000)).status_code == 204
        unfinished = seal_photo(200_000)
        assert create(server, unfinished).status_code == 201
        assert patch(server, unfinished, 0, unfinished.ciphertext[:65536]).status_code == 204
        # Then, while it runs (the database's -wal and -shm exist), nothing is open to other accounts
        written = {path.name for path in data_dir.rglob("*") if path.is_file()}
        assert {"kua.sqlite3", "kua.sqlite3-wal", "kua.sqlite3-shm"} <= written, written
        assert len(written) >= 6, written  # the database's three, a report, a photo, half a photo, ...
        assert open_to_others(data_dir) == []
    assert open_to_others(data_dir) == []
