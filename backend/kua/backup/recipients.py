"""Whom a backup is sealed to: the reviewers of the newest published recipient list, and any extra recipient.

Why the reviewers, not the root keys: root keys are Ed25519 signing keys, kept offline and brought out
only for a ceremony; an age recipient cannot be made of them without crypto of our own. The reviewers
of the signed list already open every report the backup holds, the root-key holders chose them, and a
server that is not trusted with reports cannot add a recipient of its own to that list. An operator
who wants a key of their own for restores (an offline, post-quantum age identity) adds it with `-r`.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.exc import SQLAlchemyError

from kua.backup.manifest import BackupError
from kua.config import Settings
from kua.crypto.age import Recipient
from kua.crypto.errors import CryptoError
from kua.crypto.keys import parse_recipient
from kua.crypto.recipient_list import RecipientListError, read_verified_before, verify_recipient_list
from kua.db.engine import create_database_engine
from kua.intake import recipient_lists
from kua.intake.errors import NoRecipientListError


@dataclass(frozen=True)
class BackupRecipients:
    recipients: list[Recipient]
    description: str
    warnings: list[str]


def backup_recipients(settings: Settings, extra: list[str], *, now: datetime | None = None) -> BackupRecipients:
    """The reviewers of the newest published list (verified against KUA_ROOT_PUBLIC_KEYS) and `extra`."""
    now = now or datetime.now(UTC)
    warnings: list[str] = []
    try:
        recipients = [parse_recipient(text) for text in extra]
    except CryptoError as error:
        raise BackupError(f"A --recipient is not an age recipient: {error}") from None
    described = [f"{len(extra)} extra recipient(s)"] if extra else []
    engine = create_database_engine(settings.database_url)
    try:
        published = recipient_lists.newest(engine)
    except NoRecipientListError:
        if not recipients:
            raise BackupError(
                "No recipient list is published and no --recipient is given: nobody could open it."
            ) from None
        warnings.append("No recipient list is published: the backup is sealed to the --recipient keys only.")
        return BackupRecipients(recipients, " and ".join(described), warnings)
    except SQLAlchemyError as error:
        raise BackupError(
            f"The database cannot be read: {str(getattr(error, 'orig', error)).splitlines()[0]}"
        ) from None
    finally:
        engine.dispose()
    if not settings.root_public_keys:
        raise BackupError("KUA_ROOT_PUBLIC_KEYS is empty: the published recipient list cannot be verified.")
    # An expired list still names the coalition's reviewers: check its signatures at a moment it was valid.
    try:
        listed = verify_recipient_list(
            published.document,
            root_public_keys=settings.root_public_keys,
            threshold=settings.root_threshold,
            now=read_verified_before(published.document).not_before,
        )
    except RecipientListError as error:
        raise BackupError(f"The published recipient list does not verify ({error.code}): {error}") from None
    if now >= listed.not_after:
        warnings.append(f"The published recipient list (seq {listed.seq}) has expired; sign and publish a new one.")
    recipients += [parse_recipient(text) for text in listed.recipients]
    described.insert(0, f"the {len(listed.recipients)} reviewer(s) of recipient list seq {listed.seq}")
    return BackupRecipients(recipients, " and ".join(described), warnings)
