"""`kua backup create` on a running server and `kua backup restore` into an empty instance, on SQLite and
PostgreSQL: every report and attachment comes back byte for byte and opens with the reviewer's identity;
altered backups, wrong identities and non-empty targets are refused with one sentence, writing nothing."""

import hashlib
import io
import subprocess
import tarfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from kua.crypto import age
from kua.crypto.identity_file import read_identity_file, write_identity_file
from kua.crypto.keys import generate_identity, identity_to_recipient, parse_recipient
from kua.crypto.padding import pad, unpad
from kua.crypto.secret_files import read_secret_lines
from kua.dev_setup import RECIPIENT_LIST_FILE, REVIEWER_IDENTITY_FILE, set_up_development
from kua.intake.reports import INLINE_MAX_BYTES
from tests.intake.reporter import new_report_id, reporter_token_for, send_report
from tests.intake.storage import database_at, report, upload
from tests.storage.seaweedfs import SeaweedFS
from tests.support.databases import fresh_postgres_database, sqlite_url
from tests.support.polling import wait_until
from tests.support.server import RunningServer, kua_env, run_kua
from tests.uploads.phone import Photo, send_whole

pytestmark = pytest.mark.slow

CONTACT = "mailto:operators@example.org"


@dataclass
class BackedUp:
    """A backup taken while a server received reports, and what its phones had sent before it began."""

    kind: str
    backup: Path
    identity_file: Path  # the development reviewer's: every report and attachment is sealed to it
    root_settings: dict[str, str]
    seaweedfs: SeaweedFS | None
    reports: dict[uuid.UUID, bytes] = field(default_factory=dict)  # id -> the age file the phone sent
    attachments: dict[uuid.UUID, bytes] = field(default_factory=dict)
    plaintexts: dict[uuid.UUID, bytes] = field(default_factory=dict)


def reviewer_recipient(identity_file: Path) -> age.Recipient:
    return parse_recipient(identity_to_recipient(read_secret_lines(identity_file.read_bytes(), None)[0]))


def opened(identity_file: Path, ciphertext: bytes) -> bytes:
    return age.decrypt_bytes(ciphertext, read_identity_file(identity_file.read_bytes(), None))


def root_settings(data_dir: Path) -> dict[str, str]:
    """The root keys `kua dev-setup` made in `data_dir`, as settings (2 of 2), and a push contact."""
    listing = (data_dir / "dev-keys" / "root-public-keys.txt").read_text().splitlines()
    keys = [line for line in listing if line and not line.startswith("#")]
    return {"KUA_ROOT_PUBLIC_KEYS": ",".join(keys), "KUA_ROOT_THRESHOLD": "2", "KUA_PUSH_CONTACT": CONTACT}


def a_phone_sends_reports_and_photos(server: RunningServer, backed_up: BackedUp) -> None:
    reviewer = reviewer_recipient(backed_up.identity_file)
    for text in ("Задержали на митинге.", "Обыск в офисе. " * (INLINE_MAX_BYTES // 10)):  # in its row; in a blob
        report_id, plaintext = new_report_id(), text.encode()
        sealed = age.encrypt_bytes(pad(plaintext), [reviewer])
        assert send_report(server.base_url, report_id, sealed).status_code == 201
        backed_up.reports[report_id], backed_up.plaintexts[report_id] = sealed, plaintext
    for size in (1000, 300_000):
        plaintext = uuid.uuid4().bytes * (size // 16)
        photo = Photo(age.encrypt_bytes(plaintext, [reviewer]))
        send_whole(server, photo)
        backed_up.attachments[photo.upload_id], backed_up.plaintexts[photo.upload_id] = photo.ciphertext, plaintext


@contextmanager
def phones_keep_sending(server: RunningServer, identity_file: Path) -> Iterator[None]:
    """Reports arriving while the block runs (at least one before it starts), as on a real evening."""
    stop, sent = threading.Event(), []
    reviewer = reviewer_recipient(identity_file)

    def send() -> None:
        while not stop.is_set():
            sealed = age.encrypt_bytes(pad(uuid.uuid4().bytes * (INLINE_MAX_BYTES // 8)), [reviewer])
            try:
                if send_report(server.base_url, new_report_id(), sealed).status_code == 201:
                    sent.append(sealed)
            except httpx.TransportError:
                continue

    sender = threading.Thread(target=send)
    sender.start()
    try:
        wait_until(lambda: len(sent) > 0, timeout=30, what="a report sent during the backup")
        yield
    finally:
        stop.set()
        sender.join(timeout=60)


@pytest.fixture(
    scope="module",
    params=[
        "sqlite",
        pytest.param("postgres", marks=pytest.mark.postgres),
        pytest.param("postgres+s3", marks=[pytest.mark.postgres, pytest.mark.s3]),
    ],
)
def backed_up(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackedUp]:
    folder = tmp_path_factory.mktemp(f"backup-{request.param}")
    data_dir = folder / "server"
    set_up_development(data_dir)
    with ExitStack() as stack:
        backed_up = BackedUp(
            request.param,
            folder / "kua.backup",
            data_dir / "dev-keys" / REVIEWER_IDENTITY_FILE,
            root_settings(data_dir),
            request.getfixturevalue("seaweedfs") if request.param.endswith("s3") else None,
        )
        # Given a running server with a published recipient list, reports and photos
        store = stack.enter_context(a_store(backed_up, data_dir))
        server = stack.enter_context(RunningServer(data_dir, **backed_up.root_settings, **store.settings))
        published = run_kua("recipients", "publish", str(data_dir / "dev-keys" / RECIPIENT_LIST_FILE), env=server.env)
        assert published.returncode == 0, published.stderr
        a_phone_sends_reports_and_photos(server, backed_up)
        # When the operator backs it up while more reports arrive
        with phones_keep_sending(server, backed_up.identity_file):
            created = run_kua("backup", "create", str(backed_up.backup), env=server.env)
        # Then a backup is written, and no plaintext copy stays behind in the data folder
        assert created.returncode == 0, created.stderr
        assert "Backup written" in created.stdout and "recipient list seq 1" in created.stdout, created.stdout
        assert not list(data_dir.glob(".backup-*"))
        assert backed_up.backup.stat().st_mode & 0o077 == 0
        assert len(store.objects()) >= 3  # a large report and two photos at least
        assert (
            not backed_up.backup.read_bytes().startswith(b"\x1f\x8b") and b"ustar" not in backed_up.backup.read_bytes()
        )
        yield backed_up


@dataclass
class Store:
    """A database and a blob store (the data folder's, or a bucket), read as an administrator would."""

    settings: dict[str, str]
    data_dir: Path
    database_url: str
    bucket: str | None
    seaweedfs: SeaweedFS | None

    def objects(self) -> dict[str, bytes]:
        if self.bucket is None:
            blobs = self.data_dir / "blobs"
            files = [path for path in blobs.rglob("*") if path.is_file() and ".tmp" not in path.parts]
            return {path.relative_to(blobs).as_posix(): path.read_bytes() for path in files}
        assert self.seaweedfs is not None
        client = self.seaweedfs.client()
        listed = client.list_objects_v2(Bucket=self.bucket).get("Contents", [])
        return {o["Key"]: client.get_object(Bucket=self.bucket, Key=o["Key"])["Body"].read() for o in listed}

    def put(self, key: str, content: bytes) -> None:
        if self.bucket is None:
            (self.data_dir / "blobs" / key).parent.mkdir(parents=True, exist_ok=True)
            (self.data_dir / "blobs" / key).write_bytes(content)
            return
        assert self.seaweedfs is not None
        self.seaweedfs.client().put_object(Bucket=self.bucket, Key=key, Body=content)

    def tables(self) -> list[str]:
        engine = sa.create_engine(self.database_url)
        try:
            return sa.inspect(engine).get_table_names()
        finally:
            engine.dispose()


@contextmanager
def a_store(backed_up: BackedUp, data_dir: Path) -> Iterator[Store]:
    """An empty database and blob store of the kind under test: SQLite and the data folder, PostgreSQL, S3."""
    with ExitStack() as stack:
        settings, url, bucket = {}, sqlite_url(data_dir), None
        if backed_up.kind.startswith("postgres"):
            url = settings["KUA_DATABASE_URL"] = stack.enter_context(fresh_postgres_database())
        if backed_up.seaweedfs is not None:
            bucket = backed_up.seaweedfs.new_bucket()
            settings.update(backed_up.seaweedfs.settings(bucket))
        yield Store(settings, data_dir, url, bucket, backed_up.seaweedfs)


@dataclass
class Target:
    """An empty instance: its own data folder and store, the coalition's root keys."""

    store: Store
    env: dict[str, str]

    def restore(self, backup: Path, identity_file: Path, *options: str) -> subprocess.CompletedProcess[str]:
        return run_kua("backup", "restore", str(backup), "--identity", str(identity_file), *options, env=self.env)


@contextmanager
def an_empty_instance(backed_up: BackedUp, folder: Path) -> Iterator[Target]:
    data_dir = folder / "restored"
    with a_store(backed_up, data_dir) as store:
        yield Target(store, kua_env(data_dir, **backed_up.root_settings, **store.settings))


def stored(target: Target) -> tuple[dict[uuid.UUID, tuple[str, bytes]], dict[uuid.UUID, tuple[str, bytes]]]:
    """Every report and completed attachment the target holds: (SHA-256 in its row, the stored age file)."""
    objects = target.store.objects()
    with database_at(target.store.database_url) as connection:
        reports = connection.execute(sa.select(report.c.id, report.c.sha256, report.c.ciphertext, report.c.blob_key))
        in_reports = {i: (h, c if c is not None else objects[k]) for i, h, c, k in reports}
        uploads = connection.execute(sa.select(upload.c.id, upload.c.sha256, upload.c.blob_key))
        in_uploads = {i: (h, objects[k]) for i, h, k in uploads if k is not None}
    return in_reports, in_uploads


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def assert_one_sentence_refusal(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit status 1 and one error line (after the development settings' warnings)."""
    assert result.returncode == 1, result.stdout
    errors = [line for line in result.stderr.splitlines() if not line.startswith("WARNING kua.config:")]
    assert len(errors) == 1 and errors[0].startswith("kua: error: "), result.stderr
    for word in words:
        assert word in errors[0]


def assert_nothing_written(target: Target) -> None:
    assert target.store.tables() == []
    assert target.store.objects() == {}


def test_a_restore_into_an_empty_instance_brings_back_every_report_and_attachment(
    backed_up: BackedUp, tmp_path: Path
) -> None:
    with an_empty_instance(backed_up, tmp_path) as target:
        # When the operator restores the backup with the reviewer's identity
        result = target.restore(backed_up.backup, backed_up.identity_file)
        assert result.returncode == 0, result.stderr
        assert "Restored the backup" in result.stdout and "verified" in result.stdout
        reports, attachments = stored(target)
        # And the restored instance migrates
        assert run_kua("db", "upgrade", env=target.env).returncode == 0
    # Then every report and attachment sent before the backup is back with its original SHA-256, and opens
    for report_id, sent in backed_up.reports.items():
        row_sha256, ciphertext = reports[report_id]
        assert row_sha256 == sha256(ciphertext) == sha256(sent)
        assert unpad(opened(backed_up.identity_file, ciphertext)) == backed_up.plaintexts[report_id]
    for upload_id, sent in backed_up.attachments.items():
        row_sha256, ciphertext = attachments[upload_id]
        assert row_sha256 == sha256(ciphertext) == sha256(sent)
        assert opened(backed_up.identity_file, ciphertext) == backed_up.plaintexts[upload_id]
    # And the copy is consistent: reports that arrived during the backup are whole, or absent
    assert len(reports) > len(backed_up.reports)
    assert all(row_sha256 == sha256(ciphertext) for row_sha256, ciphertext in reports.values())


def test_a_restored_instance_serves_its_reports(backed_up: BackedUp, tmp_path: Path) -> None:
    with an_empty_instance(backed_up, tmp_path) as target:
        assert target.restore(backed_up.backup, backed_up.identity_file).returncode == 0
        with RunningServer(target.store.data_dir, **backed_up.root_settings, **target.store.settings) as server:
            assert httpx.get(server.url("/readyz")).status_code == 200
            report_id = next(iter(backed_up.reports))
            status = httpx.post(
                server.url("/api/v1/reports/status"),
                json={"reports": [{"report_id": str(report_id), "reporter_token": reporter_token_for(report_id)}]},
            )
            assert status.status_code == 200, status.text
            assert str(report_id) in status.text


def test_a_backup_altered_in_transit_is_refused_and_nothing_is_written(backed_up: BackedUp, tmp_path: Path) -> None:
    altered = bytearray(backed_up.backup.read_bytes())
    altered[len(altered) // 2] ^= 0x01
    (tmp_path / "altered.backup").write_bytes(altered)
    with an_empty_instance(backed_up, tmp_path) as target:
        result = target.restore(tmp_path / "altered.backup", backed_up.identity_file)
        assert_one_sentence_refusal(result, "damaged or was altered")
        assert_nothing_written(target)


def test_a_backup_whose_object_does_not_match_its_manifest_is_refused(backed_up: BackedUp, tmp_path: Path) -> None:
    # Given a backup re-sealed (by someone who knows the public recipients) with one object changed
    plaintext = opened(backed_up.identity_file, backed_up.backup.read_bytes())
    rebuilt = io.BytesIO()
    with tarfile.open(fileobj=io.BytesIO(plaintext)) as original, tarfile.open(fileobj=rebuilt, mode="w") as forged:
        for member in original.getmembers():
            content = original.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.startswith("blobs/attachments/"):
                content = content[:-1] + bytes([content[-1] ^ 1])
            forged.addfile(member, io.BytesIO(content))
    forged_backup = tmp_path / "forged.backup"
    forged_backup.write_bytes(age.encrypt_bytes(rebuilt.getvalue(), [reviewer_recipient(backed_up.identity_file)]))
    with an_empty_instance(backed_up, tmp_path) as target:
        # When it is restored, Then it is refused before anything is written
        result = target.restore(forged_backup, backed_up.identity_file)
        assert_one_sentence_refusal(result, "does not match its SHA-256")
        assert_nothing_written(target)


def test_a_wrong_identity_is_refused_with_one_sentence(backed_up: BackedUp, tmp_path: Path) -> None:
    stranger = tmp_path / "stranger-identity.txt"
    write_identity_file(stranger, generate_identity("pq"), None, comment="not a reviewer of this coalition")
    with an_empty_instance(backed_up, tmp_path) as target:
        result = target.restore(backed_up.backup, stranger)
        assert_one_sentence_refusal(result, "This identity does not open the backup")
        assert_nothing_written(target)


def test_a_non_empty_target_is_refused_unless_forced(backed_up: BackedUp, tmp_path: Path) -> None:
    with an_empty_instance(backed_up, tmp_path) as target:
        assert target.restore(backed_up.backup, backed_up.identity_file).returncode == 0
        objects = target.store.objects()
        again = target.restore(backed_up.backup, backed_up.identity_file)
        assert_one_sentence_refusal(again, "The target database is not empty", "--force")
        assert target.store.objects() == objects
        forced = target.restore(backed_up.backup, backed_up.identity_file, "--force")
        assert forced.returncode == 0, forced.stderr
        reports, _attachments = stored(target)
        assert set(backed_up.reports) <= set(reports)


def test_a_blob_store_that_is_not_empty_is_refused_unless_forced(backed_up: BackedUp, tmp_path: Path) -> None:
    with an_empty_instance(backed_up, tmp_path) as target:
        # Given an empty database, but a blob store that holds an object already
        target.store.put("reports/left-over.age", b"age-encryption.org/v1 ...")
        # When the backup is restored into it, Then it is refused, and the database stays empty
        refused = target.restore(backed_up.backup, backed_up.identity_file)
        assert_one_sentence_refusal(refused, "The blob store is not empty (1 object)", "--force")
        assert target.store.tables() == []
        # And with --force it is restored, the object left in place and counted on stderr
        forced = target.restore(backed_up.backup, backed_up.identity_file, "--force")
        assert forced.returncode == 0, forced.stderr
        assert "1 objects already in the store were not in the backup" in forced.stderr
        assert "reports/left-over.age" in target.store.objects()
