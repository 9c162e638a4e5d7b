"""The migrations: every revision goes up, down and up again on SQLite and PostgreSQL, keeping the rows
it can keep, and the newest one builds exactly the schema the models describe."""

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

import kua.db.models  # noqa: F401  (registers the tables)
from kua.db import migrate
from kua.db.base import metadata
from kua.db.engine import create_database_engine
from kua.storage.local import LocalBlobStore
from tests.db.migration_stories import STORIES, InlineReportCiphertext, report_v4
from tests.support.databases import fresh_postgres_database
from tests.support.server import kua_env, run_kua

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def _revisions_oldest_first() -> list[tuple[str, str]]:
    script = ScriptDirectory.from_config(migrate.alembic_config("", MIGRATIONS))
    return [(r.revision, r.down_revision or "base") for r in reversed(list(script.walk_revisions()))]


REVISIONS = _revisions_oldest_first()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    yield engine
    engine.dispose()


def test_every_revision_has_a_story() -> None:
    assert [revision for revision, _ in REVISIONS] == list(STORIES)


@pytest.mark.parametrize(("revision", "previous"), REVISIONS, ids=[r for r, _ in REVISIONS])
def test_revision_goes_up_down_and_up_again_keeping_rows(
    database_url: str, engine: Engine, revision: str, previous: str, tmp_path: Path
) -> None:
    story = STORIES[revision]
    story.blobs_dir = blobs_dir = tmp_path / "blobs"
    # Given a database at the previous revision, holding rows
    migrate.upgrade(database_url, MIGRATIONS, previous, blobs=LocalBlobStore(blobs_dir))
    with engine.begin() as connection:
        story.before_upgrade(connection)
    # When the revision is applied, Then the rows survive and the new schema takes new ones
    migrate.upgrade(database_url, MIGRATIONS, revision, blobs=LocalBlobStore(blobs_dir))
    with engine.begin() as connection:
        story.after_upgrade(connection)
        story.before_downgrade(connection)
    # When it is rolled back, Then what the older schema can hold is still there
    migrate.downgrade(database_url, MIGRATIONS, previous, blobs=LocalBlobStore(blobs_dir))
    with engine.begin() as connection:
        story.after_downgrade(connection)
    # When it is applied again, Then it works as the first time
    migrate.upgrade(database_url, MIGRATIONS, revision, blobs=LocalBlobStore(blobs_dir))
    with engine.begin() as connection:
        story.after_upgrade(connection)
    assert migrate.schema_status(engine, MIGRATIONS).current == revision


def test_the_whole_history_goes_down_to_nothing_and_back(database_url: str, engine: Engine) -> None:
    migrate.upgrade(database_url, MIGRATIONS)
    migrate.downgrade(database_url, MIGRATIONS, "base")
    assert set(sa.inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(database_url, MIGRATIONS)
    assert migrate.schema_status(engine, MIGRATIONS).is_current


def test_a_downgrade_that_does_not_know_the_blob_folder_keeps_reports_stored_in_rows(
    database_url: str, engine: Engine
) -> None:
    # Given a report kept in its row
    migrate.upgrade(database_url, MIGRATIONS, "0004")
    with engine.begin() as connection:
        connection.execute(sa.insert(report_v4).values(InlineReportCiphertext()._report(uuid.uuid4(), ciphertext=b"x")))
    # When the downgrade cannot move it to blob storage, Then it refuses and changes nothing
    with pytest.raises(RuntimeError, match="kua db downgrade"):
        migrate.downgrade(database_url, MIGRATIONS, "0003")
    assert migrate.schema_status(engine, MIGRATIONS).current == "0004"
    with engine.connect() as connection:
        assert connection.execute(sa.select(report_v4.c.ciphertext)).scalar_one() == b"x"


def test_models_match_the_newest_migration(database_url: str, engine: Engine) -> None:
    migrate.upgrade(database_url, MIGRATIONS)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_a_model_change_without_a_migration_is_noticed(tmp_path: Path) -> None:
    """The comparison above is not vacuous: a column added to a model alone shows up."""
    database_url = f"sqlite:///{tmp_path / 'kua.sqlite3'}"
    migrate.upgrade(database_url, MIGRATIONS)
    changed = sa.MetaData(naming_convention=metadata.naming_convention)
    for table in metadata.tables.values():
        table.to_metadata(changed)
    changed.tables["report"].append_column(sa.Column("client_address", sa.Text()))
    engine = create_database_engine(database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), changed)
    engine.dispose()
    assert [d[0] for d in differences] == ["add_column"]


def test_tables_use_named_constraints(database_url: str, engine: Engine) -> None:
    migrate.upgrade(database_url, MIGRATIONS)
    inspector = sa.inspect(engine)
    assert inspector.get_pk_constraint("report")["name"] == "pk_report"
    assert [u["name"] for u in inspector.get_unique_constraints("report")] == ["uq_report_blob_key"]
    indexes = [i["name"] for i in inspector.get_indexes("report") if "duplicates_constraint" not in i]
    assert indexes == ["ix_report_received_at"]
    assert {c["name"] for c in inspector.get_check_constraints("report")} == {
        "ck_report_sha256_length",
        "ck_report_size_not_negative",
        "ck_report_stored_in_one_place",
    }


def test_no_table_has_a_column_for_network_metadata(database_url: str, engine: Engine) -> None:
    migrate.upgrade(database_url, MIGRATIONS)
    inspector = sa.inspect(engine)
    for table in inspector.get_table_names():
        for column in inspector.get_columns(table):
            words = set(column["name"].lower().split("_"))
            assert not words & {"ip", "ipv4", "ipv6", "remote", "forwarded", "agent", "useragent"}, (
                table,
                column,
            )


@pytest.mark.postgres
def test_servers_starting_together_each_migrate_and_none_fails(tmp_path: Path) -> None:
    """Two `kua db upgrade` at the same moment on a fresh PostgreSQL database (containers starting
    together): one migrates, the other waits for it and finds the schema current."""
    with fresh_postgres_database() as url:
        envs = [kua_env(tmp_path / f"data-{i}", KUA_DATABASE_URL=url) for i in range(2)]
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda env: run_kua("db", "upgrade", env=env), envs))
        assert [r.returncode for r in results] == [0, 0], [r.stderr[-2000:] for r in results]
        current = run_kua("db", "current", env=envs[0])
        lines = dict(line.split(":", 1) for line in current.stdout.splitlines())
        assert current.returncode == 0 and lines["current"].strip() == lines["newest"].strip(), current.stdout
