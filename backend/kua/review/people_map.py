"""A case's people map: the reviewers' decisions on which person of one report is which of another
(or is not), a JSON document sealed in the browser to the recipient list like note texts and case titles.

The server keeps each saved version as an age file and learns nothing but its size and who saved it
when: names, birth years and who is whom stay sealed. Saving is optimistic: a reviewer sends the version
the map was based on, and a save based on anything but the newest is refused (409), so two reviewers
deciding at once never silently lose one's decisions. The (case, version) primary key refuses the
second of two saves racing on the same version, even between the check and the insert.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from kua.db.models import CasePeopleMap, ReviewCase
from kua.review import audit
from kua.review.errors import CaseNotFoundError, StalePeopleMapError


@dataclass(frozen=True)
class PeopleMapView:
    """The newest version of a case's map; version 0 (and no ciphertext) when none was saved yet."""

    case_id: uuid.UUID
    version: int
    ciphertext: bytes | None
    saved_at: datetime | None
    saved_by: uuid.UUID | None


def latest(session: Session, *, case_id: uuid.UUID) -> PeopleMapView:
    """The case's newest map (404 case_not_found for an unknown case)."""
    if session.get(ReviewCase, case_id) is None:
        raise CaseNotFoundError()
    query = select(CasePeopleMap).where(col(CasePeopleMap.case_id) == case_id)
    row = session.exec(query.order_by(col(CasePeopleMap.version).desc()).limit(1)).first()
    if row is None:
        return PeopleMapView(case_id, 0, None, None, None)
    return PeopleMapView(case_id, row.version, row.ciphertext, row.saved_at, row.saved_by)


def save(
    session: Session,
    *,
    actor_id: uuid.UUID,
    case_id: uuid.UUID,
    expected_version: int,
    ciphertext: bytes,
    now: datetime,
) -> PeopleMapView:
    """Keep `ciphertext` as the version after `expected_version`, which must be the newest (409 otherwise)."""
    current = latest(session, case_id=case_id).version
    if expected_version != current:
        raise _stale(current)
    row = CasePeopleMap(case_id=case_id, version=current + 1, saved_at=now, saved_by=actor_id, ciphertext=ciphertext)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        # Another request saved this version between our read and our insert.
        raise _stale(latest(session, case_id=case_id).version) from None
    audit.append(
        session,
        at=now,
        actor_id=actor_id,
        action="people_map_saved",
        subject=f"case:{case_id}",
        details={"version": row.version, "size": len(ciphertext)},
    )
    return PeopleMapView(case_id, row.version, row.ciphertext, row.saved_at, row.saved_by)


def _stale(current: int) -> StalePeopleMapError:
    return StalePeopleMapError(
        f"Another reviewer saved this case's people map first (it is at version {current}); "
        "open it again and repeat your decisions."
    )
