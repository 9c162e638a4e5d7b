"""Grants: extra age headers that open a report (its attachments, the family's answers to it and the
attachments those name) for reviewers who joined later.

A reviewer's browser unwraps the file key from a header it can open and wraps it again for reviewers
of the current list (docs/crypto.md, "Granting a report to a later reviewer"). The server cannot check
the wrapping (it holds no identity); it keeps only what is one well-formed age header, whose stanzas
match, one for one, recipients that are all in the newest published list. Every grant is audited.
"""

import io
import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from kua.crypto.age.header import read_header
from kua.crypto.errors import MalformedError
from kua.crypto.keys import recipient_kind
from kua.crypto.recipient_list import key_id, read_verified_before
from kua.db.models import Followup, RecipientList, Report, ReportGrant, Upload
from kua.review import audit, keys, queue
from kua.review.errors import (
    AnswerNotFoundError,
    AttachmentNotFoundError,
    GrantRecipientError,
    InvalidGrantHeaderError,
    ReportNotFoundError,
)

# A post-quantum stanza is about 1.6 KiB: 64 KiB holds a grant to dozens of reviewers at once.
MAX_HEADER_BYTES = 64 * 1024
MAX_RECIPIENTS = 32
MAX_ATTACHMENTS = 64
MAX_ANSWERS = 64
# The stanza type each kind of recipient is wrapped into (kua.crypto.age.x25519, .hybrid).
_STANZA_TYPE = {"x25519": "X25519", "pq": "mlkem768x25519"}


@dataclass(frozen=True)
class GrantedRecipient:
    """A recipient as the granting console declares it: the list's name and the age recipient."""

    name: str
    recipient: str


def checked_header(header: bytes, recipients: list[GrantedRecipient]) -> bytes:
    """`header` if it is exactly one age v1 header with one stanza of the right type per recipient."""
    if len(header) > MAX_HEADER_BYTES:
        raise InvalidGrantHeaderError()
    source = io.BytesIO(header)
    try:
        parsed = read_header(source)
    except MalformedError:
        raise InvalidGrantHeaderError() from None
    if source.read(1):
        raise InvalidGrantHeaderError()  # a header only: no payload, nothing after the MAC line
    kinds = [_STANZA_TYPE[recipient_kind(r.recipient)] for r in recipients]
    if sorted(kinds) != sorted(stanza.type for stanza in parsed.stanzas):
        raise InvalidGrantHeaderError()
    return header


def _checked_recipients(session: Session, recipients: list[GrantedRecipient]) -> list[GrantedRecipient]:
    listed = keys.listed_recipients(session)
    chosen = [r.recipient for r in recipients]
    if not recipients or len(set(chosen)) != len(chosen) or not set(chosen) <= listed:
        raise GrantRecipientError()
    return recipients


def _checked_attachments(session: Session, attachment_ids: list[uuid.UUID]) -> None:
    complete = col(Upload.completed_at).is_not(None)
    found = set(session.exec(select(Upload.id).where(col(Upload.id).in_(attachment_ids), complete)).all())
    if len(set(attachment_ids)) != len(attachment_ids) or found != set(attachment_ids):
        raise AttachmentNotFoundError()


def _checked_answers(session: Session, report_id: uuid.UUID, followup_ids: set[uuid.UUID]) -> None:
    """Every id names an answer to this report: a question, or another report's answer, is refused."""
    of_report = (col(Followup.report_id) == report_id) & (col(Followup.kind) == "answer")
    found = set(session.exec(select(Followup.id).where(col(Followup.id).in_(followup_ids), of_report)).all())
    if found != followup_ids:
        raise AnswerNotFoundError()


@dataclass(frozen=True)
class GrantedHeader:
    """One header of a grant: for the report's file (no ids), an attachment, an answer, or an answer's attachment."""

    header: bytes
    attachment_id: uuid.UUID | None = None
    followup_id: uuid.UUID | None = None


def grant(
    session: Session,
    *,
    actor_id: uuid.UUID,
    report_id: uuid.UUID,
    report_header: bytes,
    headers: list[GrantedHeader],
    recipients: list[GrantedRecipient],
    now: datetime,
) -> list[ReportGrant]:
    """Keep a grant header for the report and for each of `headers`, all to `recipients`; audited once."""
    if not queue.exists(session, report_id):
        raise ReportNotFoundError()
    _checked_recipients(session, recipients)
    attachment_ids = [h.attachment_id for h in headers if h.attachment_id is not None]
    followup_ids = {h.followup_id for h in headers if h.followup_id is not None}
    _checked_attachments(session, attachment_ids)
    _checked_answers(session, report_id, followup_ids)
    declared = json.dumps([{"name": r.name, "recipient": r.recipient} for r in recipients], ensure_ascii=False)
    grants = [
        ReportGrant(
            id=uuid.uuid4(),
            report_id=report_id,
            attachment_id=granted.attachment_id,
            followup_id=granted.followup_id,
            header=checked_header(granted.header, recipients),
            granted_by=actor_id,
            granted_at=now,
            recipients=declared,
        )
        for granted in [GrantedHeader(report_header), *headers]
    ]
    session.add_all(grants)
    session.flush()
    audit.append(
        session,
        at=now,
        actor_id=actor_id,
        action="report_granted",
        subject=f"report:{report_id}",
        details={
            "recipients": [{"name": r.name, "key_id": key_id(r.recipient)} for r in recipients],
            "attachment_ids": sorted(str(attachment_id) for attachment_id in attachment_ids),
            "followup_ids": sorted(str(followup_id) for followup_id in followup_ids),
            "grant_ids": [str(g.id) for g in grants],
        },
    )
    return grants


def of_report(session: Session, report_id: uuid.UUID) -> list[ReportGrant]:
    """The report's grants (its own file's, its attachments', its answers' and theirs), oldest first."""
    if not queue.exists(session, report_id):
        raise ReportNotFoundError()
    query = select(ReportGrant).where(col(ReportGrant.report_id) == report_id)
    return list(session.exec(query.order_by(col(ReportGrant.granted_at), col(ReportGrant.id))).all())


def of_attachment(session: Session, attachment_id: uuid.UUID) -> list[ReportGrant]:
    """The grants of one attachment, oldest first (whichever report they were granted with)."""
    if session.get(Upload, attachment_id) is None:
        raise AttachmentNotFoundError()
    query = select(ReportGrant).where(col(ReportGrant.attachment_id) == attachment_id)
    return list(session.exec(query.order_by(col(ReportGrant.granted_at), col(ReportGrant.id))).all())


def earlier_recipients(session: Session, report_id: uuid.UUID) -> list[str]:
    """Recipients of every list published before the report arrived: the phone may have sealed to them.

    A recipient of the current list who is not here joined later and cannot open the report: the console
    offers to grant it to them. The server's word is no authority here: the console grants only to the
    verified list, and a wrong answer at worst offers a grant to someone who could already read.
    """
    received_at = session.exec(select(Report.received_at).where(col(Report.id) == report_id)).first()
    if received_at is None:
        raise ReportNotFoundError()
    published = col(RecipientList.published_at) <= received_at
    documents = session.exec(select(RecipientList.document).where(published)).all()
    return sorted({recipient for document in documents for recipient in read_verified_before(document).recipients})
