"""What a server holds, read behind the API's back: row counts of every table and the files of its
blob store and upload staging folder, so a test can show that a refused request stored nothing.

And a reviewer of a real `kua serve`, signed in as the console would be (tests/review/console.py).
"""

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from tests.intake.storage import database_url
from tests.push.actors import LiveConsole
from tests.review.console import Reviewer, enroll
from tests.support.server import RunningServer, run_kua

__all__ = ["Reviewer", "Snapshot", "an_admin_of", "snapshot"]


@dataclass(frozen=True)
class Snapshot:
    rows: dict[str, int]
    files: dict[str, int]


def snapshot(server: RunningServer) -> Snapshot:
    """Every table's row count, and every file (with its size) under blobs/ and uploads/."""
    engine = sa.create_engine(database_url(server))
    try:
        with engine.connect() as connection:
            tables = sa.inspect(connection).get_table_names()
            rows = {t: int(connection.execute(sa.text(f'SELECT count(*) FROM "{t}"')).scalar_one()) for t in tables}
    finally:
        engine.dispose()
    return Snapshot(rows, files_under(server.data_dir, "blobs", "uploads"))


def files_under(data_dir: Path, *folders: str) -> dict[str, int]:
    return {
        str(path.relative_to(data_dir)): path.stat().st_size
        for folder in folders
        for path in sorted((data_dir / folder).rglob("*"))
        if path.is_file()
    }


def an_admin_of(server: RunningServer, name: str = "Hostile Admin") -> Reviewer:
    """Invited with `kua reviewers invite --role admin`, enrolled and signed in through the API."""
    invited = run_kua("reviewers", "invite", name, "--role", "admin", env=server.env)
    assert invited.returncode == 0, invited.stderr
    token = invited.stdout.splitlines()[-1].split("#invite=")[1]
    return enroll(LiveConsole(server), token)  # type: ignore[arg-type]
