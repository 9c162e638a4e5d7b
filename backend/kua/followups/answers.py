"""The family's answers: age files sealed on the phone to the recipient list, sent with the report's
reporter token (kua.intake.reporter_tokens). No account and no audit entry: the phone is no reviewer."""

import uuid
from datetime import datetime

from sqlmodel import Session

from kua.db.models import Followup
from kua.followups import repository
from kua.followups.errors import ReporterNotProvenError, TooManyAnswersError
from kua.followups.repository import Kept
from kua.intake import reporter_tokens
from kua.push import queue as push_queue

# Far more than a family writes; a stolen token cannot fill the disk through one report.
MAX_ANSWERS_PER_REPORT = 200


def receive(
    session: Session,
    *,
    report_id: uuid.UUID,
    answer_id: uuid.UUID,
    reporter_token: str | None,
    ciphertext: bytes,
    now: datetime,
) -> Kept:
    """Keep an answer (once per id) if the token proves the phone sent the report.

    An unknown report and a wrong token are refused alike, so the answer tells nothing of which
    reports exist.
    """
    if reporter_token is None or report_id not in reporter_tokens.proven(session, [(report_id, reporter_token)]):
        raise ReporterNotProvenError()
    existing = session.get(Followup, answer_id)
    if existing is None and repository.count(session, report_id, "answer") >= MAX_ANSWERS_PER_REPORT:
        raise TooManyAnswersError(f"A report takes at most {MAX_ANSWERS_PER_REPORT} answers.")
    kept = repository.keep(
        session,
        followup_id=answer_id,
        report_id=report_id,
        kind="answer",
        author_id=None,
        ciphertext=ciphertext,
        now=now,
    )
    if kept.created:
        push_queue.tell_reviewers(session, now=now)  # "new activity", as for a new report
    return kept
