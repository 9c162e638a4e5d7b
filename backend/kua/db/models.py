"""Table models. What the server stores about a report is deliberately little, and never a network address."""

import uuid
from datetime import datetime

from sqlalchemy import CHAR, BigInteger, CheckConstraint, LargeBinary, Text
from sqlmodel import Field

from kua.db.base import KuaTable
from kua.db.types import UTCDateTime


class RecipientList(KuaTable, table=True):
    """A signed recipient list (docs/crypto.md), kept byte for byte as published."""

    __tablename__ = "recipient_list"
    __table_args__ = (
        CheckConstraint("seq >= 1", name="seq_positive"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
    )

    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    document: bytes = Field(sa_type=LargeBinary)
    sha256: str = Field(sa_type=CHAR(64))
    published_at: datetime = Field(sa_type=UTCDateTime)


class Report(KuaTable, table=True):
    """An encrypted report as received: hash, padded size, arrival time, and where its ciphertext is.

    A small ciphertext (most reports) is kept in the row itself, so that the commit of the row is the
    one fsync that makes it durable; a larger one is in blob storage under `blob_key`. Exactly one of
    the two is set.
    """

    __tablename__ = "report"
    __table_args__ = (
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        CheckConstraint("size >= 0", name="size_not_negative"),
        CheckConstraint("(ciphertext IS NULL) <> (blob_key IS NULL)", name="stored_in_one_place"),
    )

    id: uuid.UUID = Field(primary_key=True)
    sha256: str = Field(sa_type=CHAR(64))
    size: int = Field(sa_type=BigInteger)
    received_at: datetime = Field(sa_type=UTCDateTime, index=True)
    blob_key: str | None = Field(default=None, sa_type=Text, unique=True)
    ciphertext: bytes | None = Field(default=None, sa_type=LargeBinary)


class ReportAttachment(KuaTable, table=True):
    """An attachment (upload id) that a report declared, in the order the report lists them."""

    __tablename__ = "report_attachment"
    __table_args__ = (CheckConstraint("position >= 0", name="position_not_negative"),)

    report_id: uuid.UUID = Field(foreign_key="report.id", primary_key=True, ondelete="CASCADE")
    attachment_id: uuid.UUID = Field(primary_key=True, index=True)
    position: int


class Upload(KuaTable, table=True):
    """An attachment arriving over tus: its declared length and SHA-256, and how many bytes are durable.

    `offset` counts bytes fsynced in the staging file; it only grows by a conditional update, so two
    server processes cannot both advance it. A completed upload is immutable and lives in blob storage.
    """

    __tablename__ = "upload"
    __table_args__ = (
        CheckConstraint("length > 0", name="length_positive"),
        CheckConstraint('"offset" >= 0', name="offset_not_negative"),
        CheckConstraint('"offset" <= length', name="offset_within_length"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        CheckConstraint("expires_at >= created_at", name="expires_after_creation"),
        CheckConstraint(
            "(completed_at IS NULL AND blob_key IS NULL)"
            ' OR (completed_at IS NOT NULL AND blob_key IS NOT NULL AND "offset" = length)',
            name="completed_means_whole",
        ),
    )

    id: uuid.UUID = Field(primary_key=True)
    length: int = Field(sa_type=BigInteger)
    offset: int = Field(default=0, sa_type=BigInteger)
    sha256: str = Field(sa_type=CHAR(64))
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    blob_key: str | None = Field(default=None, sa_type=Text, unique=True)
