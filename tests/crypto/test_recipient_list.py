"""The signed recipient list: what a phone accepts and what it must refuse."""

from datetime import UTC, datetime, timedelta

import pytest

from kua.crypto.keys import generate_identity, identity_to_recipient
from kua.crypto.recipient_list import RecipientListError, sign_recipient_list, verify_recipient_list
from kua.crypto.rootkeys import RootKey

NOW = datetime.now(UTC)
ROOTS = [RootKey.generate() for _ in range(3)]
PINNED = [k.public_text for k in ROOTS]


def _reviewers(kind: str = "pq", count: int = 2) -> list[tuple[str, str]]:
    return [(f"Reviewer {i}", identity_to_recipient(generate_identity(kind))) for i in range(count)]  # type: ignore[arg-type]


def _sign(entries: list[tuple[str, str]], signers: list[RootKey], seq: int = 3) -> bytes:
    return sign_recipient_list(
        entries, seq=seq, not_before=NOW - timedelta(hours=1), not_after=NOW + timedelta(days=30), root_keys=signers
    )


def test_a_list_signed_by_two_of_three_root_keys_is_accepted() -> None:
    entries = _reviewers()
    verified = verify_recipient_list(_sign(entries, ROOTS[:2]), root_public_keys=PINNED, threshold=2, min_seq=3)
    assert verified.seq == 3
    assert [(r.name, r.recipient) for r in verified.reviewers] == entries


def test_the_coalition_cannot_sign_a_list_that_phones_would_refuse() -> None:
    with pytest.raises(RecipientListError) as raised:
        _sign([*_reviewers("pq", 1), *_reviewers("x25519", 1)], ROOTS[:2])
    assert raised.value.code == "malformed"


@pytest.mark.parametrize(
    ("signers", "threshold", "min_seq", "code"),
    [
        ([ROOTS[0], RootKey.generate()], 1, 0, "unknown_signer"),
        (ROOTS[:1], 2, 0, "too_few_signatures"),
        (ROOTS[:2], 2, 4, "rollback"),
    ],
)
def test_a_phone_refuses_a_list_with_a_specific_reason(
    signers: list[RootKey], threshold: int, min_seq: int, code: str
) -> None:
    with pytest.raises(RecipientListError) as raised:
        verify_recipient_list(
            _sign(_reviewers(), signers), root_public_keys=PINNED, threshold=threshold, min_seq=min_seq
        )
    assert raised.value.code == code


@pytest.mark.parametrize(
    ("moment", "code"), [(NOW - timedelta(days=1), "not_yet_valid"), (NOW + timedelta(days=31), "expired")]
)
def test_a_list_outside_its_validity_window_is_refused(moment: datetime, code: str) -> None:
    with pytest.raises(RecipientListError) as raised:
        verify_recipient_list(_sign(_reviewers(), ROOTS), root_public_keys=PINNED, threshold=3, now=moment)
    assert raised.value.code == code


def test_a_threshold_beyond_the_pinned_keys_is_a_configuration_error() -> None:
    with pytest.raises(ValueError):
        verify_recipient_list(_sign(_reviewers(), ROOTS), root_public_keys=PINNED, threshold=4)


def test_a_root_key_never_prints_its_secret() -> None:
    key = ROOTS[0]
    assert key.secret_text not in repr(key) and key.public_text[:20] in repr(key)
    assert RootKey.from_secret_text(key.secret_text).public_text == key.public_text
