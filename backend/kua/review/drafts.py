"""A case's saved appeal drafts: each save a new version, a JSON document (`kua.draft`: addressee, language,
kind of UN communication, text) sealed in the browser to the recipient list like note texts and people maps.

The server keeps every version as an age file and learns only the case, the author, the time and the
size: which draft it is and what it says stay sealed. Versions count 1, 2, 3... per case, across all of
its drafts; the console shows the newest version of each draft. Two saves racing for the same case
take turns (a lock per case, kua.review.locks), and the unique (case, version) refuses a duplicate
number even without it. A case's drafts go when the case goes (ON DELETE CASCADE).
"""

import uuid
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from kua.db.models import CaseDraft, ReviewCase
from kua.review import audit, locks
from kua.review.errors import CaseNotFoundError, SealedTextTooLargeError

# An appeal draft of a large case (tens of victims, in Cyrillic: two bytes a letter) passes 64 KiB.
MAX_DRAFT_BYTES = 256 * 1024


def too_large() -> SealedTextTooLargeError:
    return SealedTextTooLargeError(f"A sealed appeal draft may have at most {MAX_DRAFT_BYTES} bytes.")


def save(session: Session, *, actor_id: uuid.UUID, case_id: uuid.UUID, ciphertext: bytes, now: datetime) -> CaseDraft:
    """Keep `ciphertext` as the case's next version (404 case_not_found for an unknown case)."""
    if session.get(ReviewCase, case_id) is None:
        raise CaseNotFoundError()
    locks.serialize(session, locks.key_of("case_draft", case_id))
    newest = session.exec(select(func.max(CaseDraft.version)).where(col(CaseDraft.case_id) == case_id)).one()
    draft = CaseDraft(
        id=uuid.uuid4(),
        case_id=case_id,
        version=(newest or 0) + 1,
        author_id=actor_id,
        created_at=now,
        ciphertext=ciphertext,
    )
    session.add(draft)
    session.flush()
    audit.append(
        session,
        at=now,
        actor_id=actor_id,
        action="draft_saved",
        subject=f"case:{case_id}",
        details={"draft_id": str(draft.id), "version": draft.version, "size": len(ciphertext)},
    )
    return draft


def of_case(session: Session, *, case_id: uuid.UUID) -> list[CaseDraft]:
    """Every saved version of the case's drafts, oldest first (404 case_not_found for an unknown case)."""
    if session.get(ReviewCase, case_id) is None:
        raise CaseNotFoundError()
    query = select(CaseDraft).where(col(CaseDraft.case_id) == case_id).order_by(col(CaseDraft.version))
    return list(session.exec(query).all())
