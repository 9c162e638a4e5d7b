"""What each migration must do to rows that exist when it runs, one story per revision.

Every revision in migrations/versions needs a story here (test_migrations fails otherwise). A story
writes rows with the schema of its moment (lightweight `sa.table` definitions, never the ORM models,
which follow the newest schema) and checks them after the migration has run.
"""

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import ClassVar

import pytest
import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

SHA256_OF_NOTHING = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


class RevisionStory:
    """Hooks around one revision; each defaults to doing nothing."""

    blobs_dir: Path  # the blob storage the migrations are given (set by the test)

    def before_upgrade(self, connection: Connection) -> None:
        """Rows in the schema before the revision."""

    def after_upgrade(self, connection: Connection) -> None:
        """Check those rows survived, and that the new schema accepts new ones."""

    def before_downgrade(self, connection: Connection) -> None:
        """Rows in the schema after the revision."""

    def after_downgrade(self, connection: Connection) -> None:
        """Check what the older schema can hold survived."""


recipient_list_v1 = sa.table(
    "recipient_list",
    sa.column("seq", sa.Integer()),
    sa.column("document", sa.LargeBinary()),
    sa.column("sha256", sa.CHAR(64)),
    sa.column("published_at", sa.DateTime(timezone=True)),
)
report_v1 = sa.table(
    "report",
    sa.column("id", sa.Uuid()),
    sa.column("sha256", sa.CHAR(64)),
    sa.column("size", sa.BigInteger()),
    sa.column("received_at", sa.DateTime(timezone=True)),
    sa.column("blob_key", sa.Text()),
    sa.column("attachment_ids", sa.Text()),
)


class Foundation(RevisionStory):
    """0001 creates the tables: before it there is nothing to keep, after its downgrade nothing remains."""

    def after_upgrade(self, connection: Connection) -> None:
        report_id = uuid.uuid4()
        connection.execute(
            sa.insert(recipient_list_v1).values(
                seq=1,
                document=b'{"format": "kua.recipient-list.signed"}',
                sha256=SHA256_OF_NOTHING,
                published_at=datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
            )
        )
        connection.execute(
            sa.insert(report_v1).values(
                id=report_id,
                sha256=SHA256_OF_NOTHING,
                size=4096,
                received_at=datetime(2026, 11, 25, 9, 30, tzinfo=UTC),
                blob_key=f"reports/{report_id}",
            )
        )
        stored = connection.execute(sa.select(report_v1.c.id, report_v1.c.size)).one()
        assert (stored.id, stored.size) == (report_id, 4096)

    def after_downgrade(self, connection: Connection) -> None:
        assert set(sa.inspect(connection).get_table_names()) <= {"alembic_version"}


report_attachment_v2 = sa.table(
    "report_attachment",
    sa.column("report_id", sa.Uuid()),
    sa.column("attachment_id", sa.Uuid()),
    sa.column("position", sa.Integer()),
)
report_v2 = sa.table(
    "report",
    sa.column("id", sa.Uuid()),
    sa.column("sha256", sa.CHAR(64)),
    sa.column("size", sa.BigInteger()),
    sa.column("received_at", sa.DateTime(timezone=True)),
    sa.column("blob_key", sa.Text()),
)


class ReportAttachments(RevisionStory):
    """0002 moves the declared attachment ids of each report from a JSON column into rows, in order."""

    report_id = uuid.UUID("01937a2e-0000-7000-8000-000000000001")
    attachments: ClassVar[list[uuid.UUID]] = [
        uuid.UUID("01937a2e-0000-7000-8000-0000000000a1"),
        uuid.UUID("01937a2e-0000-7000-8000-0000000000a0"),
    ]

    def before_upgrade(self, connection: Connection) -> None:
        connection.execute(sa.delete(report_v1))
        connection.execute(
            sa.insert(report_v1).values(
                id=self.report_id,
                sha256=SHA256_OF_NOTHING,
                size=2048,
                received_at=datetime(2026, 11, 25, 10, 0, tzinfo=UTC),
                blob_key=f"reports/{self.report_id}/a",
                attachment_ids=json.dumps([str(a) for a in self.attachments]),
            )
        )

    def after_upgrade(self, connection: Connection) -> None:
        rows = connection.execute(
            sa.select(report_attachment_v2.c.attachment_id).order_by(report_attachment_v2.c.position)
        ).scalars()
        assert list(rows) == self.attachments
        assert "attachment_ids" not in {c["name"] for c in sa.inspect(connection).get_columns("report")}

    def before_downgrade(self, connection: Connection) -> None:
        other = uuid.UUID("01937a2e-0000-7000-8000-000000000002")
        connection.execute(
            sa.insert(report_v2).values(
                id=other,
                sha256=SHA256_OF_NOTHING,
                size=1024,
                received_at=datetime(2026, 11, 25, 11, 0, tzinfo=UTC),
                blob_key=f"reports/{other}/b",
            )
        )

    def after_downgrade(self, connection: Connection) -> None:
        rows = dict(connection.execute(sa.select(report_v1.c.id, report_v1.c.attachment_ids)).all())
        assert json.loads(rows[self.report_id]) == [str(a) for a in self.attachments]
        assert rows[uuid.UUID("01937a2e-0000-7000-8000-000000000002")] is None


upload_v3 = sa.table(
    "upload",
    sa.column("id", sa.Uuid()),
    sa.column("length", sa.BigInteger()),
    sa.column("offset", sa.BigInteger()),
    sa.column("sha256", sa.CHAR(64)),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("expires_at", sa.DateTime(timezone=True)),
    sa.column("completed_at", sa.DateTime(timezone=True)),
    sa.column("blob_key", sa.Text()),
)


class Uploads(RevisionStory):
    """0003 adds the table of tus uploads; reports are untouched, and its downgrade drops only uploads."""

    unfinished = uuid.UUID("01937a2e-0000-7000-8000-0000000000b1")
    completed = uuid.UUID("01937a2e-0000-7000-8000-0000000000b2")
    created_at = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)

    def _upload(self, upload_id: uuid.UUID, **values: object) -> dict[str, object]:
        row: dict[str, object] = {
            "id": upload_id,
            "length": 1000,
            "offset": 0,
            "sha256": SHA256_OF_NOTHING,
            "created_at": self.created_at,
            "expires_at": datetime(2026, 12, 26, 8, 0, tzinfo=UTC),
            "completed_at": None,
            "blob_key": None,
        }
        return {**row, **values}

    def before_upgrade(self, connection: Connection) -> None:
        report_id = uuid.UUID("01937a2e-0000-7000-8000-000000000003")
        connection.execute(
            sa.insert(report_v2).values(
                id=report_id,
                sha256=SHA256_OF_NOTHING,
                size=512,
                received_at=self.created_at,
                blob_key=f"reports/{report_id}/c",
            )
        )

    def after_upgrade(self, connection: Connection) -> None:
        connection.execute(sa.insert(upload_v3).values(self._upload(self.unfinished, offset=400)))
        connection.execute(
            sa.insert(upload_v3).values(
                self._upload(
                    self.completed,
                    offset=1000,
                    completed_at=datetime(2026, 11, 26, 9, 0, tzinfo=UTC),
                    blob_key=f"attachments/{self.completed}",
                )
            )
        )
        offsets = dict(connection.execute(sa.select(upload_v3.c.id, upload_v3.c.offset)).all())
        assert offsets == {self.unfinished: 400, self.completed: 1000}
        assert connection.execute(sa.select(sa.func.count()).select_from(report_v2)).scalar_one() == 1
        # The named checks hold on both databases: no offset past the end, no completion short of it.
        for broken in (
            self._upload(uuid.uuid4(), offset=1001),
            self._upload(uuid.uuid4(), offset=999, completed_at=self.created_at, blob_key="attachments/x"),
            self._upload(uuid.uuid4(), completed_at=self.created_at),
        ):
            with pytest.raises(IntegrityError), connection.begin_nested():
                connection.execute(sa.insert(upload_v3).values(broken))

    def after_downgrade(self, connection: Connection) -> None:
        assert "upload" not in sa.inspect(connection).get_table_names()
        assert connection.execute(sa.select(sa.func.count()).select_from(report_v2)).scalar_one() == 1


report_v4 = sa.table(
    "report",
    sa.column("id", sa.Uuid()),
    sa.column("sha256", sa.CHAR(64)),
    sa.column("size", sa.BigInteger()),
    sa.column("received_at", sa.DateTime(timezone=True)),
    sa.column("blob_key", sa.Text()),
    sa.column("ciphertext", sa.LargeBinary()),
)


class InlineReportCiphertext(RevisionStory):
    """0004 lets a small report's ciphertext live in its row; the downgrade moves such ciphertexts to blob files."""

    in_blob = uuid.UUID("01937a2e-0000-7000-8000-000000000004")
    in_row = uuid.UUID("01937a2e-0000-7000-8000-000000000005")
    ciphertext = b"age-encryption.org/v1\n-> X25519 sealed report\n"
    received_at = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)

    def _report(self, report_id: uuid.UUID, **values: object) -> dict[str, object]:
        row = {"id": report_id, "sha256": SHA256_OF_NOTHING, "size": 48, "received_at": self.received_at}
        return {**row, **values}

    def before_upgrade(self, connection: Connection) -> None:
        in_blob = self._report(self.in_blob, blob_key=f"reports/{self.in_blob}.a")
        connection.execute(sa.insert(report_v2).values(in_blob))

    def after_upgrade(self, connection: Connection) -> None:
        rows = {r.id: r for r in connection.execute(sa.select(report_v4))}
        assert (rows[self.in_blob].blob_key, rows[self.in_blob].ciphertext) == (f"reports/{self.in_blob}.a", None)
        # Exactly one place holds a report: its row or a blob file, never both, never neither.
        for broken in (
            self._report(uuid.uuid4(), blob_key="reports/both.b", ciphertext=self.ciphertext),
            self._report(uuid.uuid4()),
        ):
            with pytest.raises(IntegrityError), connection.begin_nested():
                connection.execute(sa.insert(report_v4).values(broken))

    def before_downgrade(self, connection: Connection) -> None:
        connection.execute(sa.insert(report_v4).values(self._report(self.in_row, ciphertext=self.ciphertext)))

    def after_downgrade(self, connection: Connection) -> None:
        keys = dict(connection.execute(sa.select(report_v2.c.id, report_v2.c.blob_key)).all())
        assert keys[self.in_blob] == f"reports/{self.in_blob}.a"
        assert keys[self.in_row].startswith(f"reports/{self.in_row}.")
        assert (self.blobs_dir / keys[self.in_row]).read_bytes() == self.ciphertext


reviewer_v5 = sa.table(
    "reviewer",
    sa.column("id", sa.Uuid()),
    sa.column("name", sa.Text()),
    sa.column("role", sa.Text()),
    sa.column("password_hash", sa.Text()),
    sa.column("totp_secret", sa.Text()),
    sa.column("state", sa.Text()),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("failed_logins", sa.Integer()),
)
report_triage_v5 = sa.table(
    "report_triage",
    sa.column("report_id", sa.Uuid()),
    sa.column("status", sa.Text()),
    sa.column("duplicate_of", sa.Uuid()),
    sa.column("priority", sa.Text()),
    sa.column("labels", sa.Text()),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)
audit_entry_v5 = sa.table(
    "audit_entry",
    sa.column("seq", sa.Integer()),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("actor_id", sa.Uuid()),
    sa.column("action", sa.Text()),
    sa.column("subject", sa.Text()),
    sa.column("details", sa.Text()),
    sa.column("hash", sa.CHAR(64)),
)
REVIEW_TABLES = {
    "reviewer",
    "invitation",
    "review_session",
    "review_case",
    "report_triage",
    "review_note",
    "audit_entry",
}


class Review(RevisionStory):
    """0005 adds the review tables; reports keep their rows and are `new` until triaged. Its downgrade
    drops only the review tables."""

    report_id = uuid.UUID("01937a2e-0000-7000-8000-000000000006")
    other_id = uuid.UUID("01937a2e-0000-7000-8000-000000000007")
    reviewer_id = uuid.UUID("01937a2e-0000-7000-8000-0000000000c1")
    at = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)

    def _triage(self, report_id: uuid.UUID, **values: object) -> dict[str, object]:
        row = {"report_id": report_id, "status": "new", "priority": "normal", "labels": "[]", "updated_at": self.at}
        return {**row, **values}

    def before_upgrade(self, connection: Connection) -> None:
        for report_id in (self.report_id, self.other_id):
            row = InlineReportCiphertext()._report(report_id, ciphertext=InlineReportCiphertext.ciphertext)
            connection.execute(sa.insert(report_v4).values(row))

    def after_upgrade(self, connection: Connection) -> None:
        stored = set(connection.execute(sa.select(report_v4.c.id)).scalars())
        assert {self.report_id, self.other_id} <= stored
        connection.execute(sa.delete(report_triage_v5))
        connection.execute(sa.delete(audit_entry_v5))
        connection.execute(sa.delete(reviewer_v5))
        connection.execute(
            sa.insert(reviewer_v5).values(
                id=self.reviewer_id,
                name="Aigerim",
                role="admin",
                password_hash="$argon2id$...",
                totp_secret="JBSWY3DPEHPK3PXP",
                state="active",
                created_at=self.at,
                failed_logins=0,
            )
        )
        connection.execute(sa.insert(report_triage_v5).values(self._triage(self.report_id, status="in_review")))
        # A duplicate names its original, never itself; statuses and priorities are the known ones.
        for broken in (
            self._triage(self.other_id, status="duplicate"),
            self._triage(self.other_id, status="duplicate", duplicate_of=self.other_id),
            self._triage(self.other_id, status="in_review", duplicate_of=self.report_id),
            self._triage(self.other_id, status="archived"),
            self._triage(self.other_id, priority="whenever"),
        ):
            with pytest.raises(IntegrityError), connection.begin_nested():
                connection.execute(sa.insert(report_triage_v5).values(broken))
        connection.execute(
            sa.insert(report_triage_v5).values(
                self._triage(self.other_id, status="duplicate", duplicate_of=self.report_id)
            )
        )

    def before_downgrade(self, connection: Connection) -> None:
        connection.execute(
            sa.insert(audit_entry_v5).values(
                seq=1,
                at=self.at,
                actor_id=self.reviewer_id,
                action="login",
                subject="reviewer",
                details="{}",
                hash="0" * 64,
            )
        )

    def after_downgrade(self, connection: Connection) -> None:
        assert not REVIEW_TABLES & set(sa.inspect(connection).get_table_names())
        stored = set(connection.execute(sa.select(report_v4.c.id)).scalars())
        assert {self.report_id, self.other_id} <= stored


report_v6 = sa.table(
    "report",
    *(sa.column(c.name, c.type) for c in report_v4.columns),
    sa.column("reporter_token_sha256", sa.CHAR(64)),
    sa.column("happening_now", sa.Boolean()),
)
report_message_v6 = sa.table(
    "report_message",
    sa.column("id", sa.Uuid()),
    sa.column("report_id", sa.Uuid()),
    sa.column("kind", sa.Text()),
    sa.column("author_id", sa.Uuid()),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("sha256", sa.CHAR(64)),
    sa.column("ciphertext", sa.LargeBinary()),
)
OUTCOME_TABLES = {"report_message", "push_subscription", "push_subscription_report", "push_message", "push_state"}


class Outcomes(RevisionStory):
    """0006 adds follow-up messages and Web Push; reports stored before have no reporter token and
    nothing happening now. Its downgrade drops the new tables and columns only."""

    report_id = uuid.UUID("01937a2e-0000-7000-8000-000000000008")
    question_id = uuid.UUID("01937a2e-0000-7000-8000-0000000000d1")

    def _message(self, **values: object) -> dict[str, object]:
        row = {
            "id": uuid.uuid4(),
            "report_id": self.report_id,
            "kind": "question",
            "author_id": Review.reviewer_id,
            "created_at": Review.at,
            "sha256": SHA256_OF_NOTHING,
            "ciphertext": InlineReportCiphertext.ciphertext,
        }
        return {**row, **values}

    def before_upgrade(self, connection: Connection) -> None:
        row = InlineReportCiphertext()._report(self.report_id, ciphertext=InlineReportCiphertext.ciphertext)
        connection.execute(sa.insert(report_v4).values(row))
        connection.execute(sa.delete(reviewer_v5).where(reviewer_v5.c.id == Review.reviewer_id))
        connection.execute(
            sa.insert(reviewer_v5).values(
                id=Review.reviewer_id,
                name="Aigerim",
                role="admin",
                password_hash="$argon2id$...",
                totp_secret="JBSWY3DPEHPK3PXP",
                state="active",
                created_at=Review.at,
                failed_logins=0,
            )
        )

    def after_upgrade(self, connection: Connection) -> None:
        before = connection.execute(sa.select(report_v6).where(report_v6.c.id == self.report_id)).one()
        assert (before.reporter_token_sha256, before.happening_now) == (None, False)
        connection.execute(sa.insert(report_message_v6).values(self._message(id=self.question_id)))
        # A question has its reviewer, an answer none; kinds are the known ones.
        for broken in (
            self._message(author_id=None),
            self._message(kind="answer"),
            self._message(kind="rumour", author_id=None),
        ):
            with pytest.raises(IntegrityError), connection.begin_nested():
                connection.execute(sa.insert(report_message_v6).values(broken))

    def after_downgrade(self, connection: Connection) -> None:
        assert not OUTCOME_TABLES & set(sa.inspect(connection).get_table_names())
        columns = {c["name"] for c in sa.inspect(connection).get_columns("report")}
        assert {"reporter_token_sha256", "happening_now"}.isdisjoint(columns)
        assert self.report_id in set(connection.execute(sa.select(report_v4.c.id)).scalars())


followup_v7 = sa.table("followup", *(sa.column(c.name, c.type) for c in report_message_v6.columns))


def _named_objects(connection: Connection, table: str) -> dict[str, set[str]]:
    """The names of a table's primary key, indexes, foreign keys and checks, as the database reports them."""
    inspector = sa.inspect(connection)
    return {
        "pk": {inspector.get_pk_constraint(table)["name"]},
        "ix": {i["name"] for i in inspector.get_indexes(table) if "duplicates_constraint" not in i},
        "fk": {f["name"] for f in inspector.get_foreign_keys(table)},
        "ck": {c["name"] for c in inspector.get_check_constraints(table)},
    }


def _names_after(table: str) -> dict[str, set[str]]:
    return {
        "pk": {f"pk_{table}"},
        "ix": {f"ix_{table}_report_id"},
        "fk": {f"fk_{table}_report_id_report", f"fk_{table}_author_id_reviewer"},
        "ck": {f"ck_{table}_kind_known", f"ck_{table}_sha256_length", f"ck_{table}_questions_have_an_author"},
    }


class FollowupTable(RevisionStory):
    """0007 renames report_message to followup (the glossary's word) with its index and named
    constraints; every question and answer keeps its bytes, both ways."""

    question_id = uuid.UUID("01937a2e-0000-7000-8000-0000000000e1")
    answer_id = uuid.UUID("01937a2e-0000-7000-8000-0000000000e2")
    later_answer_id = uuid.UUID("01937a2e-0000-7000-8000-0000000000e3")

    def _followup(self, followup_id: uuid.UUID, kind: str) -> dict[str, object]:
        author = Review.reviewer_id if kind == "question" else None
        return Outcomes()._message(id=followup_id, kind=kind, author_id=author)

    def before_upgrade(self, connection: Connection) -> None:
        # Given a report with a reviewer's question and the family's answer, in report_message
        Outcomes().before_upgrade(connection)  # the report and the reviewer
        for followup_id, kind in ((self.question_id, "question"), (self.answer_id, "answer")):
            connection.execute(sa.insert(report_message_v6).values(self._followup(followup_id, kind)))

    def after_upgrade(self, connection: Connection) -> None:
        # Then they are in followup, byte for byte, under names that say followup
        tables = set(sa.inspect(connection).get_table_names())
        assert "followup" in tables and "report_message" not in tables
        rows = {r.id: r for r in connection.execute(sa.select(followup_v7))}
        assert {self.question_id, self.answer_id} <= set(rows)
        assert rows[self.question_id].ciphertext == InlineReportCiphertext.ciphertext
        assert (rows[self.answer_id].kind, rows[self.answer_id].author_id) == ("answer", None)
        assert _named_objects(connection, "followup") == _names_after("followup")
        # And the renamed checks still hold: a question needs its reviewer
        unsigned = {**self._followup(uuid.uuid4(), "question"), "author_id": None}
        with pytest.raises(IntegrityError), connection.begin_nested():
            connection.execute(sa.insert(followup_v7).values(unsigned))

    def before_downgrade(self, connection: Connection) -> None:
        connection.execute(sa.insert(followup_v7).values(self._followup(self.later_answer_id, "answer")))

    def after_downgrade(self, connection: Connection) -> None:
        tables = set(sa.inspect(connection).get_table_names())
        assert "report_message" in tables and "followup" not in tables
        stored = set(connection.execute(sa.select(report_message_v6.c.id)).scalars())
        assert {self.question_id, self.answer_id, self.later_answer_id} <= stored
        assert _named_objects(connection, "report_message") == _names_after("report_message")


upload_v8 = sa.table(
    "upload", *(sa.column(c.name, c.type) for c in upload_v3.columns), sa.column("secret_sha256", sa.CHAR(64))
)


class UploadCapability(RevisionStory):
    """0008 adds the SHA-256 of each upload's secret: older uploads keep their bytes and have none (their
    phone creates them again for an address with a secret); the downgrade drops the column only."""

    later = uuid.UUID("01937a2e-0000-7000-8000-0000000000b8")

    def before_upgrade(self, connection: Connection) -> None:
        connection.execute(sa.insert(upload_v3).values(Uploads()._upload(Uploads.unfinished, offset=400)))

    def after_upgrade(self, connection: Connection) -> None:
        rows = {r.id: r for r in connection.execute(sa.select(upload_v8))}
        assert rows[Uploads.unfinished].offset == 400 and rows[Uploads.unfinished].secret_sha256 is None
        if self.later not in rows:  # the first upgrade (the story runs it twice)
            connection.execute(sa.insert(upload_v8).values(Uploads()._upload(self.later, secret_sha256="ab" * 32)))
        else:
            assert rows[self.later].secret_sha256 is None  # the downgrade dropped it; the bytes stay

    def after_downgrade(self, connection: Connection) -> None:
        columns = {c["name"] for c in sa.inspect(connection).get_columns("upload")}
        assert "secret_sha256" not in columns
        offsets = dict(connection.execute(sa.select(upload_v3.c.id, upload_v3.c.offset)).all())
        assert offsets[Uploads.unfinished] == 400 and self.later in offsets


push_subscription_v6 = sa.table(
    "push_subscription",
    sa.column("id", sa.Uuid()),
    sa.column("endpoint", sa.Text()),
    sa.column("p256dh", sa.Text()),
    sa.column("auth", sa.Text()),
    sa.column("reviewer_id", sa.Uuid()),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
push_subscription_report_v6 = sa.table(
    "push_subscription_report", sa.column("subscription_id", sa.Uuid()), sa.column("report_id", sa.Uuid())
)
push_message_v6 = sa.table(
    "push_message",
    sa.column("id", sa.Uuid()),
    sa.column("subscription_id", sa.Uuid()),
    sa.column("urgency", sa.Text()),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("attempts", sa.Integer()),
    sa.column("next_attempt_at", sa.DateTime(timezone=True)),
)


class PushEndpointsNormalized(RevisionStory):
    """0009 stores push endpoints in one form: three forms of one FCM endpoint become one row (the
    reviewer's), the phones' duplicates go with their queued pushes; a path differing in case stays apart."""

    FCM = "https://fcm.googleapis.com/fcm/send/abc"
    MOZILLA = "https://updates.push.services.mozilla.com/wpush/v2/XYZ"
    ids: ClassVar[dict[str, uuid.UUID]] = {
        name: uuid.UUID(f"01937a2e-0000-7000-8000-0000000000f{n}") for n, name in enumerate("ABCDE", start=1)
    }

    def before_upgrade(self, connection: Connection) -> None:
        Outcomes().before_upgrade(connection)  # a report and the reviewer Aigerim
        rows = {
            "A": ("https://fcm.googleapis.com/fcm/send/abc", None, 1),
            "B": ("HTTPS://FCM.googleapis.com./fcm/send/abc", None, 2),
            "C": ("https://fcm.googleapis.com:443/fcm/send/abc", Review.reviewer_id, 0),
            "D": (self.MOZILLA, None, 3),
            "E": ("https://Updates.Push.Services.Mozilla.com/wpush/v2/xyz", None, 4),
        }
        for name, (endpoint, reviewer_id, minutes) in rows.items():
            at = datetime(2026, 12, 1, 9, minutes, tzinfo=UTC)
            connection.execute(
                sa.insert(push_subscription_v6).values(
                    id=self.ids[name], endpoint=endpoint, p256dh="BA", auth="AA", reviewer_id=reviewer_id, created_at=at
                )
            )
        a = self.ids["A"]
        connection.execute(
            sa.insert(push_subscription_report_v6).values(subscription_id=a, report_id=Outcomes.report_id)
        )
        connection.execute(
            sa.insert(push_message_v6).values(
                id=uuid.uuid4(),
                subscription_id=a,
                urgency="normal",
                created_at=Review.at,
                attempts=0,
                next_attempt_at=Review.at,
            )
        )

    def after_upgrade(self, connection: Connection) -> None:
        stored = dict(connection.execute(sa.select(push_subscription_v6.c.id, push_subscription_v6.c.endpoint)).all())
        assert stored == {
            self.ids["C"]: self.FCM,
            self.ids["D"]: self.MOZILLA,
            self.ids["E"]: "https://updates.push.services.mozilla.com/wpush/v2/xyz",
        }
        assert connection.execute(sa.select(sa.func.count()).select_from(push_subscription_report_v6)).scalar_one() == 0
        assert connection.execute(sa.select(sa.func.count()).select_from(push_message_v6)).scalar_one() == 0
        with pytest.raises(IntegrityError), connection.begin_nested():
            connection.execute(
                sa.insert(push_subscription_v6).values(
                    id=uuid.uuid4(), endpoint=self.FCM, p256dh="BA", auth="AA", created_at=Review.at
                )
            )

    def after_downgrade(self, connection: Connection) -> None:
        stored = set(connection.execute(sa.select(push_subscription_v6.c.endpoint)).scalars())
        assert self.FCM in stored and self.MOZILLA in stored


review_case_v5 = sa.table(
    "review_case",
    sa.column("id", sa.Uuid()),
    sa.column("title_ciphertext", sa.LargeBinary()),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("created_by", sa.Uuid()),
)
case_people_map_v10 = sa.table(
    "case_people_map",
    sa.column("case_id", sa.Uuid()),
    sa.column("version", sa.Integer()),
    sa.column("saved_at", sa.DateTime(timezone=True)),
    sa.column("saved_by", sa.Uuid()),
    sa.column("ciphertext", sa.LargeBinary()),
)


class CasePeopleMaps(RevisionStory):
    """0010 adds cases' people maps: existing cases keep their rows and have no map; one version of a
    case's map is kept once, and versions start at 1. The downgrade drops the maps and nothing else."""

    case_id = uuid.UUID("01937a2e-0000-7000-8000-0000000000ca")

    def _map(self, version: int) -> dict[str, object]:
        return {
            "case_id": self.case_id,
            "version": version,
            "saved_at": Review.at,
            "saved_by": Review.reviewer_id,
            "ciphertext": InlineReportCiphertext.ciphertext,
        }

    def before_upgrade(self, connection: Connection) -> None:
        Outcomes().before_upgrade(connection)  # a report and the reviewer Aigerim
        connection.execute(
            sa.insert(review_case_v5).values(
                id=self.case_id, title_ciphertext=b"age", created_at=Review.at, created_by=Review.reviewer_id
            )
        )

    def after_upgrade(self, connection: Connection) -> None:
        assert connection.execute(sa.select(review_case_v5.c.id)).scalars().all() == [self.case_id]
        assert connection.execute(sa.select(sa.func.count()).select_from(case_people_map_v10)).scalar_one() == 0
        connection.execute(sa.insert(case_people_map_v10).values(self._map(1)))
        for broken in (self._map(1), self._map(0), {**self._map(2), "case_id": uuid.uuid4()}):
            with pytest.raises(IntegrityError), connection.begin_nested():
                connection.execute(sa.insert(case_people_map_v10).values(broken))
        connection.execute(sa.delete(case_people_map_v10))

    def before_downgrade(self, connection: Connection) -> None:
        connection.execute(sa.insert(case_people_map_v10).values(self._map(1)))

    def after_downgrade(self, connection: Connection) -> None:
        assert "case_people_map" not in sa.inspect(connection).get_table_names()
        assert connection.execute(sa.select(review_case_v5.c.id)).scalars().all() == [self.case_id]


case_draft_v11 = sa.table(
    "case_draft",
    sa.column("id", sa.Uuid()),
    sa.column("case_id", sa.Uuid()),
    sa.column("version", sa.Integer()),
    sa.column("author_id", sa.Uuid()),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("ciphertext", sa.LargeBinary()),
)


class CaseDrafts(RevisionStory):
    """0011 adds cases' saved appeal drafts: existing cases and their people maps keep their rows and have
    no drafts; a version number is kept once per case, versions start at 1, a draft belongs to a case and
    goes with it. The downgrade drops the drafts and nothing else."""

    case_id = CasePeopleMaps.case_id

    def _draft(self, version: int, **values: object) -> dict[str, object]:
        return {
            "id": uuid.uuid4(),
            "case_id": self.case_id,
            "version": version,
            "author_id": Review.reviewer_id,
            "created_at": Review.at,
            "ciphertext": InlineReportCiphertext.ciphertext,
            **values,
        }

    def before_upgrade(self, connection: Connection) -> None:
        CasePeopleMaps().before_upgrade(connection)  # a report, the reviewer Aigerim and a case
        connection.execute(sa.insert(case_people_map_v10).values(CasePeopleMaps()._map(1)))

    def after_upgrade(self, connection: Connection) -> None:
        assert connection.execute(sa.select(case_people_map_v10.c.version)).scalars().all() == [1]
        assert connection.execute(sa.select(sa.func.count()).select_from(case_draft_v11)).scalar_one() == 0
        connection.execute(sa.insert(case_draft_v11).values(self._draft(1)))
        for broken in (self._draft(1), self._draft(0), self._draft(2, case_id=uuid.uuid4())):
            with pytest.raises(IntegrityError), connection.begin_nested():
                connection.execute(sa.insert(case_draft_v11).values(broken))
        connection.execute(sa.delete(case_draft_v11))
        gone = uuid.uuid4()
        connection.execute(
            sa.insert(review_case_v5).values(
                id=gone, title_ciphertext=b"age", created_at=Review.at, created_by=Review.reviewer_id
            )
        )
        connection.execute(sa.insert(case_draft_v11).values(self._draft(1, case_id=gone)))
        connection.execute(sa.delete(review_case_v5).where(review_case_v5.c.id == gone))
        assert connection.execute(sa.select(sa.func.count()).select_from(case_draft_v11)).scalar_one() == 0

    def before_downgrade(self, connection: Connection) -> None:
        connection.execute(sa.insert(case_draft_v11).values(self._draft(1)))

    def after_downgrade(self, connection: Connection) -> None:
        assert "case_draft" not in sa.inspect(connection).get_table_names()
        assert connection.execute(sa.select(review_case_v5.c.id)).scalars().all() == [self.case_id]
        assert connection.execute(sa.select(case_people_map_v10.c.version)).scalars().all() == [1]


report_grant_v12 = sa.table(
    "report_grant",
    sa.column("id", sa.Uuid()),
    sa.column("report_id", sa.Uuid()),
    sa.column("attachment_id", sa.Uuid()),
    sa.column("header", sa.LargeBinary()),
    sa.column("granted_by", sa.Uuid()),
    sa.column("granted_at", sa.DateTime(timezone=True)),
    sa.column("recipients", sa.Text()),
)


class ReportGrants(RevisionStory):
    """0012 adds grants, extra age headers for reports and attachments: existing reports keep their rows and
    have none; a grant belongs to a report and to the reviewer who made it. The downgrade drops the grants
    and nothing else (the reports still open for their original recipients)."""

    report_id = Outcomes.report_id

    def _grant(self, **values: object) -> dict[str, object]:
        header = b"age-encryption.org/v1\n-> X25519 abc\nAAAA\n--- " + b"A" * 43 + b"\n"
        row = {"id": uuid.uuid4(), "report_id": self.report_id, "attachment_id": None, "header": header}
        return {**row, "granted_by": Review.reviewer_id, "granted_at": Review.at, "recipients": "[]", **values}

    def before_upgrade(self, connection: Connection) -> None:
        CaseDrafts().before_upgrade(connection)  # a report, the reviewer Aigerim and a case
        connection.execute(sa.insert(case_draft_v11).values(CaseDrafts()._draft(1)))

    def after_upgrade(self, connection: Connection) -> None:
        assert connection.execute(sa.select(case_draft_v11.c.version)).scalars().all() == [1]
        assert connection.execute(sa.select(sa.func.count()).select_from(report_grant_v12)).scalar_one() == 0
        connection.execute(sa.insert(report_grant_v12).values(self._grant()))
        connection.execute(sa.insert(report_grant_v12).values(self._grant(attachment_id=uuid.uuid4())))
        for broken in (self._grant(report_id=uuid.uuid4()), self._grant(granted_by=uuid.uuid4())):
            with pytest.raises(IntegrityError), connection.begin_nested():
                connection.execute(sa.insert(report_grant_v12).values(broken))
        connection.execute(sa.delete(report_grant_v12))

    def before_downgrade(self, connection: Connection) -> None:
        connection.execute(sa.insert(report_grant_v12).values(self._grant()))

    def after_downgrade(self, connection: Connection) -> None:
        assert "report_grant" not in sa.inspect(connection).get_table_names()
        assert self.report_id in connection.execute(sa.select(report_v6.c.id)).scalars().all()
        assert connection.execute(sa.select(case_draft_v11.c.version)).scalars().all() == [1]


recovery_code_v13 = sa.table(
    "recovery_code",
    sa.column("id", sa.Uuid()),
    sa.column("reviewer_id", sa.Uuid()),
    sa.column("code_sha256", sa.Text()),
    sa.column("issued_at", sa.DateTime(timezone=True)),
    sa.column("used_at", sa.DateTime(timezone=True)),
)


class RecoveryCodes(RevisionStory):
    """0013 adds reviewers' recovery codes: existing reviewers keep their rows and have none (they ask for a
    set); a code's hash is kept once and belongs to a reviewer. The downgrade drops the codes and nothing
    else (those reviewers sign in with TOTP only)."""

    def _code(self, **values: object) -> dict[str, object]:
        row = {"id": uuid.uuid4(), "reviewer_id": Review.reviewer_id, "code_sha256": "a" * 64}
        return {**row, "issued_at": Review.at, "used_at": None, **values}

    def before_upgrade(self, connection: Connection) -> None:
        ReportGrants().before_upgrade(connection)  # a report, the reviewer Aigerim, a case and its draft
        connection.execute(sa.insert(report_grant_v12).values(ReportGrants()._grant()))

    def after_upgrade(self, connection: Connection) -> None:
        assert connection.execute(sa.select(sa.func.count()).select_from(report_grant_v12)).scalar_one() == 1
        assert connection.execute(sa.select(sa.func.count()).select_from(recovery_code_v13)).scalar_one() == 0
        connection.execute(sa.insert(recovery_code_v13).values(self._code()))
        for broken in (self._code(), self._code(code_sha256="b" * 64, reviewer_id=uuid.uuid4())):
            with pytest.raises(IntegrityError), connection.begin_nested():
                connection.execute(sa.insert(recovery_code_v13).values(broken))
        connection.execute(sa.delete(recovery_code_v13))

    def before_downgrade(self, connection: Connection) -> None:
        connection.execute(sa.insert(recovery_code_v13).values(self._code()))

    def after_downgrade(self, connection: Connection) -> None:
        assert "recovery_code" not in sa.inspect(connection).get_table_names()
        assert connection.execute(sa.select(sa.func.count()).select_from(report_grant_v12)).scalar_one() == 1


invitation_v14 = sa.table(
    "invitation",
    sa.column("id", sa.Uuid()),
    sa.column("token_sha256", sa.CHAR(64)),
    sa.column("name", sa.Text()),
    sa.column("role", sa.Text()),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("expires_at", sa.DateTime(timezone=True)),
    sa.column("used_at", sa.DateTime(timezone=True)),
    sa.column("reviewer_id", sa.Uuid()),
)


class InvitationReviewer(RevisionStory):
    """0014 lets an invitation recover an existing reviewer: older invitations keep their rows and recover
    no one; a recovery invitation belongs to a reviewer. The downgrade drops the unused recovery
    invitations (the older code would take them for new reviewers) and keeps every other one."""

    def _invitation(self, token: str, **values: object) -> dict[str, object]:
        row = {"id": uuid.uuid4(), "token_sha256": token * 64, "name": "Aigerim", "role": "admin"}
        return {
            **row,
            "created_at": Review.at,
            "expires_at": Review.at + timedelta(hours=72),
            "used_at": None,
            **values,
        }

    def before_upgrade(self, connection: Connection) -> None:
        RecoveryCodes().before_upgrade(connection)  # a report, the reviewer Aigerim, a case, a draft, a grant
        connection.execute(sa.insert(invitation_v14).values(self._invitation("a")))

    def after_upgrade(self, connection: Connection) -> None:
        rows = connection.execute(sa.select(invitation_v14.c.token_sha256, invitation_v14.c.reviewer_id)).all()
        assert sorted(rows) == [("a" * 64, None)]
        connection.execute(sa.insert(invitation_v14).values(self._invitation("b", reviewer_id=Review.reviewer_id)))
        with pytest.raises(IntegrityError), connection.begin_nested():
            connection.execute(sa.insert(invitation_v14).values(self._invitation("c", reviewer_id=uuid.uuid4())))
        connection.execute(sa.delete(invitation_v14).where(invitation_v14.c.token_sha256 != "a" * 64))

    def before_downgrade(self, connection: Connection) -> None:
        recovering = self._invitation("b", reviewer_id=Review.reviewer_id)
        used = self._invitation("c", reviewer_id=Review.reviewer_id, used_at=Review.at)
        connection.execute(sa.insert(invitation_v14).values([recovering, used]))

    def after_downgrade(self, connection: Connection) -> None:
        kept = connection.execute(sa.text("SELECT token_sha256 FROM invitation")).scalars().all()
        assert sorted(kept) == ["a" * 64, "c" * 64], kept
        connection.execute(sa.text("DELETE FROM invitation WHERE token_sha256 = :c"), {"c": "c" * 64})


report_grant_v15 = sa.table(
    "report_grant", *(sa.column(c.name, c.type) for c in report_grant_v12.columns), sa.column("followup_id", sa.Uuid())
)


class AnswerGrants(RevisionStory):
    """0015 lets a grant open one of the family's answers: grants made before keep their rows and name no
    answer; an answer's grant belongs to an answer. The downgrade drops the answers' grants (the older
    code would try them on the report's own file) and keeps every other one."""

    answer_id = uuid.UUID("01937a2e-0000-7000-8000-0000000000f1")

    def before_upgrade(self, connection: Connection) -> None:
        InvitationReviewer().before_upgrade(connection)  # a report, Aigerim, a case, a draft, a grant, an invitation
        connection.execute(sa.insert(followup_v7).values(FollowupTable()._followup(self.answer_id, "answer")))

    def after_upgrade(self, connection: Connection) -> None:
        rows = connection.execute(sa.select(report_grant_v15.c.attachment_id, report_grant_v15.c.followup_id)).all()
        assert rows == [(None, None)]
        answer_grant = ReportGrants()._grant(followup_id=self.answer_id)
        connection.execute(sa.insert(report_grant_v15).values(answer_grant))
        with pytest.raises(IntegrityError), connection.begin_nested():
            connection.execute(sa.insert(report_grant_v15).values(ReportGrants()._grant(followup_id=uuid.uuid4())))
        connection.execute(sa.delete(report_grant_v15).where(report_grant_v15.c.followup_id.is_not(None)))

    def before_downgrade(self, connection: Connection) -> None:
        connection.execute(sa.insert(report_grant_v15).values(ReportGrants()._grant(followup_id=self.answer_id)))

    def after_downgrade(self, connection: Connection) -> None:
        assert "followup_id" not in {c["name"] for c in sa.inspect(connection).get_columns("report_grant")}
        assert connection.execute(sa.select(sa.func.count()).select_from(report_grant_v12)).scalar_one() == 1


report_attachment_v16 = sa.table(
    "report_attachment",
    *(sa.column(c.name, c.type) for c in report_attachment_v2.columns),
    sa.column("withdrawn_at", sa.DateTime(timezone=True)),
)


class AttachmentWithdrawal(RevisionStory):
    """0016 lets a reporter withdraw a declared original: attachments declared before keep their rows and
    are not withdrawn; a withdrawal's time is kept. The downgrade drops the column and keeps the rows."""

    original = uuid.UUID("01937a2e-0000-7000-8000-0000000000b1")
    preview = uuid.UUID("01937a2e-0000-7000-8000-0000000000b2")

    def before_upgrade(self, connection: Connection) -> None:
        AnswerGrants().before_upgrade(connection)  # a report, Aigerim, a case, a draft, a grant, an answer
        connection.execute(
            sa.insert(report_attachment_v2).values(
                [
                    {"report_id": Outcomes.report_id, "attachment_id": self.preview, "position": 0},
                    {"report_id": Outcomes.report_id, "attachment_id": self.original, "position": 1},
                ]
            )
        )

    def after_upgrade(self, connection: Connection) -> None:
        rows = connection.execute(
            sa.select(report_attachment_v16.c.attachment_id, report_attachment_v16.c.withdrawn_at)
        )
        assert dict(rows.all()) == {self.preview: None, self.original: None}
        connection.execute(
            sa.update(report_attachment_v16)
            .where(report_attachment_v16.c.attachment_id == self.original)
            .values(withdrawn_at=Review.at)
        )
        withdrawn = connection.execute(
            sa.select(report_attachment_v16.c.withdrawn_at).where(
                report_attachment_v16.c.attachment_id == self.original
            )
        ).scalar_one()
        assert withdrawn is not None

    def after_downgrade(self, connection: Connection) -> None:
        assert "withdrawn_at" not in {c["name"] for c in sa.inspect(connection).get_columns("report_attachment")}
        rows = connection.execute(
            sa.select(report_attachment_v2.c.attachment_id).order_by(report_attachment_v2.c.position)
        )
        assert list(rows.scalars()) == [self.preview, self.original]


STORIES: dict[str, RevisionStory] = {
    "0001": Foundation(),
    "0002": ReportAttachments(),
    "0003": Uploads(),
    "0004": InlineReportCiphertext(),
    "0005": Review(),
    "0006": Outcomes(),
    "0007": FollowupTable(),
    "0008": UploadCapability(),
    "0009": PushEndpointsNormalized(),
    "0010": CasePeopleMaps(),
    "0011": CaseDrafts(),
    "0012": ReportGrants(),
    "0013": RecoveryCodes(),
    "0014": InvitationReviewer(),
    "0015": AnswerGrants(),
    "0016": AttachmentWithdrawal(),
}
