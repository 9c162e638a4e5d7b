"""Publishing the signed recipient list, and serving the newest one to phones.

The server verifies a list before publishing it only to catch mistakes early (wrong file, expired,
older than the current one): phones verify it again against the root keys pinned in their build,
which is what actually protects them from a server that lies.
"""

import asyncio
import hashlib
import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from kua.config import Settings
from kua.crypto.recipient_list import (
    EXPIRY_WARNING_DAYS,
    RecipientList,
    RecipientListError,
    days_left,
    read_verified_before,
    verify_recipient_list,
)
from kua.db.models import RecipientList as PublishedList
from kua.db.session import transaction
from kua.intake.errors import NoRecipientListError

logger = logging.getLogger(__name__)


def newest(engine: Engine) -> PublishedList:
    """The published list with the highest sequence number."""
    with Session(engine) as session:
        published = session.exec(select(PublishedList).order_by(col(PublishedList.seq).desc()).limit(1)).first()
    if published is None:
        raise NoRecipientListError()
    return published


def etag_of(published: PublishedList) -> str:
    """The list's strong entity tag: the quoted SHA-256 of its bytes (the same bytes, the same tag)."""
    return f'"{published.sha256}"'


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an `If-None-Match` header names `etag` (RFC 9110 13.1.2; weak tags compare weakly, `*` matches)."""
    if if_none_match is None:
        return False
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


def publish(*, engine: Engine, settings: Settings, document: bytes, now: datetime) -> tuple[RecipientList, bool]:
    """Verify `document` against the configured root keys and publish it.

    Returns the list and whether it is new (publishing the current list again changes nothing).
    Raises RecipientListError if phones would refuse it, or if it is older than the current one.
    """
    sha256 = hashlib.sha256(document).hexdigest()
    with transaction(engine) as session:
        current = session.exec(select(PublishedList).order_by(col(PublishedList.seq).desc()).limit(1)).first()
        verified = verify_recipient_list(
            document,
            root_public_keys=settings.root_public_keys,
            threshold=settings.root_threshold,
            min_seq=current.seq if current else 0,
            now=now,
        )
        if current is not None and current.seq == verified.seq:
            if current.sha256 != sha256:
                raise RecipientListError(
                    "rollback", f"Another list with sequence number {verified.seq} is published; sign a higher one."
                )
            return verified, False
        session.add(PublishedList(seq=verified.seq, document=document, sha256=sha256, published_at=now))
    return verified, True


def warn_when_expiring(engine: Engine, now: datetime) -> int | None:
    """Log a WARNING when the newest list expires within EXPIRY_WARNING_DAYS (or none is published);
    return its days left. One indexed SELECT: cheap enough at every start and once a day."""
    try:
        published = newest(engine)
    except NoRecipientListError:
        logger.warning("No recipient list is published: phones cannot seal reports until one is.")
        return None
    days = days_left(read_verified_before(published.document), now)
    if days < EXPIRY_WARNING_DAYS:
        logger.warning(
            "The recipient list (seq %d) expires in %d day(s); phones stop sealing reports then. "
            "Run the key ceremony and publish the next list (docs/operations.md).",
            published.seq,
            days,
        )
    return days


async def watch_expiry(engine: Engine, clock: Callable[[], datetime], every_seconds: float = 86_400) -> None:
    """`warn_when_expiring` now and then every `every_seconds` (a day), until cancelled."""
    while True:
        try:
            await asyncio.to_thread(warn_when_expiring, engine, clock())
        except (SQLAlchemyError, RecipientListError) as error:  # a failing check must not stop the server
            logger.warning("Recipient list expiry check skipped: %s", type(error).__name__)
        await asyncio.sleep(every_seconds)
