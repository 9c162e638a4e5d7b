"""The two PostgreSQL roles of docs/deploy.md ("Running on a host"), set up by its SQL as written.

Given the documented block run through psql (with this test's own role and database names),
when the schema owner migrates and `kua serve` runs as the app role,
then the server is ready and stores a report, and the app role cannot create or drop a table.
"""

import os
import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ProgrammingError

from kua.crypto.keys import identity_to_recipient
from kua.crypto.recipient_list import sign_recipient_list
from kua.crypto.rootkeys import RootKey
from tests.intake.reporter import REVIEWER_IDENTITY, new_report_id, seal_report, send_report
from tests.support.ci import require
from tests.support.databases import DEFAULT_POSTGRES_URL
from tests.support.server import RunningServer, kua_env, run_kua

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

DEPLOY_MD = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
ROOT = RootKey.generate()


def documented_sql() -> str:
    """The ```sql block after "**PostgreSQL: two roles.**" in docs/deploy.md."""
    section = DEPLOY_MD.read_text(encoding="utf-8").split("**PostgreSQL: two roles.**", 1)[1]
    match = re.search(r"```sql\n(.*?)```", section, re.DOTALL)
    assert match, "docs/deploy.md lost its PostgreSQL roles block"
    return match.group(1)


@pytest.fixture
def roles() -> Iterator[tuple[URL, URL]]:
    """The owner's and the app's URLs on a fresh database made by the documented SQL; all dropped after."""
    require(shutil.which("psql") is not None, "psql is missing (apt install postgresql-client)")
    admin = make_url(os.environ.get("KUA_TEST_POSTGRES_URL") or DEFAULT_POSTGRES_URL)
    suffix = uuid.uuid4().hex[:12]
    owner, app, database = f"kua_owner_{suffix}", f"kua_app_{suffix}", f"kua_roles_{suffix}"
    sql = re.sub(r"\bkua_owner\b", owner, documented_sql())
    sql = re.sub(r"\bkua_app\b", app, sql)
    sql = re.sub(r"(DATABASE|\\connect) kua\b", rf"\1 {database}", sql)
    psql_url = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    ran = subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", psql_url], input=sql, capture_output=True, text=True, timeout=60
    )
    admin_engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        require(
            ran.returncode == 0 or "could not connect" not in ran.stderr, f"PostgreSQL is unavailable: {ran.stderr}"
        )
        assert ran.returncode == 0, ran.stderr
        on_database = admin.set(database=database)
        yield (
            on_database.set(username=owner, password="owner-password"),
            on_database.set(username=app, password="app-password"),
        )
    finally:
        with admin_engine.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{owner}"')
            connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{app}"')
        admin_engine.dispose()


def test_the_owner_migrates_and_the_app_role_serves(roles: tuple[URL, URL], tmp_path: Path) -> None:
    owner_url, app_url = (url.render_as_string(hide_password=False) for url in roles)
    # Given the schema migrated by its owner
    migrated = run_kua("db", "upgrade", env=kua_env(tmp_path / "data", KUA_DATABASE_URL=owner_url))
    assert migrated.returncode == 0, migrated.stderr

    # When kua serve runs as the app role
    settings = {"KUA_DATABASE_URL": app_url, "KUA_ROOT_PUBLIC_KEYS": ROOT.public_text}
    with RunningServer(tmp_path / "data", **settings) as server:
        # Then it is ready, publishes a list and stores a report
        assert httpx.get(server.url("/readyz")).status_code == 200
        now = datetime.now(UTC)
        document = sign_recipient_list(
            [("Reviewer 1", identity_to_recipient(REVIEWER_IDENTITY))],
            seq=1,
            not_before=now - timedelta(hours=1),
            not_after=now + timedelta(days=30),
            root_keys=[ROOT],
        )
        (tmp_path / "list.json").write_bytes(document)
        published = run_kua("recipients", "publish", str(tmp_path / "list.json"), env=server.env)
        assert published.returncode == 0, published.stderr
        assert send_report(server.base_url, new_report_id(), seal_report("Обыск")).status_code in (200, 201)

    # And the app role may not change the schema
    app_engine = create_engine(roles[1])
    try:
        for statement in ("CREATE TABLE intruder (id integer)", "DROP TABLE report", "ALTER TABLE report ADD x int"):
            with (
                app_engine.connect() as connection,
                pytest.raises(ProgrammingError, match=r"permission denied|must be owner"),
            ):
                connection.execute(text(statement))
    finally:
        app_engine.dispose()
