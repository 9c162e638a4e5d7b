"""A reporter withdraws a declared original: it will never arrive, and the console says so.

The relative may stop a photo's original on the phone once its small copy is on its way (issue 21).
The phone then shows the report's reporter token (kua.intake.reporter_tokens) for the attachment id
the report declared; the server records the withdrawal and deletes a begun upload of it with its
bytes. A complete upload is refused: it arrived, and a reviewer may already have opened it. Which
attachment is an original is sealed in the report, so the server can check only that the report
declared it. A second withdrawal finds the same state and succeeds again.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from anyio import to_thread
from sqlalchemy import Engine
from sqlmodel import Session

from kua.db.models import ReportAttachment, Upload
from kua.db.session import transaction
from kua.intake import reporter_tokens
from kua.uploads import repository
from kua.uploads.errors import (
    AttachmentArrivedError,
    AttachmentNotDeclaredError,
    UploadBusyError,
    WithdrawalNotProvenError,
)
from kua.uploads.staging import StagingArea


@dataclass(frozen=True)
class Withdrawal:
    attachment_id: uuid.UUID
    withdrawn_at: datetime


def _declared(engine: Engine, report_id: uuid.UUID, attachment_id: uuid.UUID, token: str | None) -> ReportAttachment:
    """The declaration, if the token proves the phone sent the report and the report declared it."""
    with Session(engine) as session:
        if token is None or report_id not in reporter_tokens.proven(session, [(report_id, token)]):
            raise WithdrawalNotProvenError()
        declared = session.get(ReportAttachment, (report_id, attachment_id))
        if declared is None:
            raise AttachmentNotDeclaredError()
        upload = session.get(Upload, attachment_id)
        if upload is not None and upload.completed_at is not None:
            raise AttachmentArrivedError()
        session.expunge(declared)
        return declared


def _mark(engine: Engine, report_id: uuid.UUID, attachment_id: uuid.UUID, now: datetime) -> datetime:
    with transaction(engine) as session:
        declared = session.get(ReportAttachment, (report_id, attachment_id))
        if declared is None:  # the report was deleted meanwhile
            raise AttachmentNotDeclaredError()
        if declared.withdrawn_at is None:
            declared.withdrawn_at = now
        return declared.withdrawn_at


async def withdraw(
    *,
    engine: Engine,
    staging: StagingArea,
    report_id: uuid.UUID,
    attachment_id: uuid.UUID,
    reporter_token: str | None,
    now: datetime,
) -> Withdrawal:
    """Record that the reporter withdrew `attachment_id` of `report_id`, and delete a begun upload of it.

    The unfinished upload goes first, under its staging file's lock. While a PATCH holds that lock (the
    phone aborted it, but its body may trickle in for a while through a slow link) the withdrawal is
    recorded all the same and the begun upload is left to the expiry sweep; should that PATCH still
    complete it, the original is received and the console shows it.
    """
    declared = await to_thread.run_sync(_declared, engine, report_id, attachment_id, reporter_token)
    already = declared.withdrawn_at
    if already is not None:
        return Withdrawal(attachment_id, already)
    try:
        with staging.hold(attachment_id, create=False) as part:
            await _remove_unfinished(engine, staging, attachment_id)
            await to_thread.run_sync(part.remove)
    except FileNotFoundError:
        await _remove_unfinished(engine, staging, attachment_id)  # no bytes staged: only the row, if any
    except UploadBusyError:
        pass  # a PATCH is writing now: see above
    withdrawn_at = await to_thread.run_sync(_mark, engine, report_id, attachment_id, now)
    return Withdrawal(attachment_id, withdrawn_at)


async def _remove_unfinished(engine: Engine, staging: StagingArea, attachment_id: uuid.UUID) -> None:
    if not await to_thread.run_sync(repository.remove_unfinished, engine, attachment_id):
        upload = await to_thread.run_sync(repository.get, engine, attachment_id)
        if upload is not None:  # it completed since the check above
            raise AttachmentArrivedError()
    staging.digests.forget(attachment_id)
